/**
 * Gmail's page as the shared conversation watcher sees it (`webmail/conversation-watch.ts`):
 * Gmail routes with the URL hash (a click on a conversation changes it before the view is
 * drawn) and swaps views in its view host.
 */
import type { OpenConversation } from '../types';
import { listen, queryOptional } from '../dom';
import { watchConversation as watchPage, type ConversationPage, type ConversationWatch, type WatchOptions } from '../conversation-watch';
import { editableRegion, mainView, viewHost } from './selectors';
import { parseConversation } from './conversation';

export const gmailConversationPage: ConversationPage = {
  provider: 'gmail',
  parse: parseConversation,
  viewHost: (doc) => queryOptional(doc, viewHost) ?? queryOptional(doc, mainView)?.parentElement ?? undefined,
  editable: editableRegion,
  watchedAttributes: ['class', 'style'],
  onNavigation(win, cb, signal) {
    listen(win, 'hashchange', cb, signal);
    listen(win, 'popstate', cb, signal);
  },
};

/** The shared watcher on Gmail's page. */
export function watchConversation(
  doc: Document,
  win: Window,
  signal: AbortSignal,
  onChange: (c: OpenConversation | undefined) => void,
  options: WatchOptions = {},
): ConversationWatch {
  return watchPage(gmailConversationPage, doc, win, signal, onChange, options);
}
