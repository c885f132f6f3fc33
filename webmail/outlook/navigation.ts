/**
 * Outlook's page as the shared conversation watcher sees it (`webmail/conversation-watch.ts`).
 * Outlook is a single-page app: opening a conversation pushes a history entry (which a content
 * script cannot hook, but the Navigation API announces where there is one) after a click or a
 * key in the message list, so those count as the start of a navigation too.
 */
import { closestOf, listen, queryOptional } from '../dom';
import type { ConversationPage } from '../conversation-watch';
import { parseConversation } from './reading';
import { editableRegion, listItem, readViewHost } from './selectors';

const listKeys = new Set(['Enter', 'ArrowDown', 'ArrowUp', ' ']);

export function onOutlookNavigation(win: Window, cb: () => void, signal: AbortSignal): void {
  listen(win, 'popstate', cb, signal);
  const navigation = (win as unknown as { navigation?: EventTarget }).navigation;
  if (navigation) listen(navigation, 'navigate', cb, signal);
  const fromList = (e: Event) => {
    const target = e.target as Element | null;
    if (target?.nodeType === 1 && closestOf(target, listItem)) cb();
  };
  listen(win.document, 'click', fromList, signal, true);
  listen(win.document, 'keydown', (e) => {
    if (listKeys.has((e as KeyboardEvent).key)) fromList(e);
  }, signal, true);
}

export const outlookConversationPage: ConversationPage = {
  provider: 'outlook',
  parse: (doc) => parseConversation(doc),
  viewHost: (doc) => queryOptional(doc, readViewHost),
  editable: editableRegion,
  // `aria-expanded`: a message opened or closed in the conversation; `style`: a view hidden.
  watchedAttributes: ['aria-expanded', 'style', 'hidden'],
  onNavigation: onOutlookNavigation,
};
