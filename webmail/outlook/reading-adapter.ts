/**
 * The reading half of the Outlook on the web adapter (webmail/types.ts): the open conversation in
 * the reading pane or a pop-out read window, the signed-in user, the Internet Message-ID and
 * attachments from Outlook's own service, and the per-message "File to record" control. The
 * compose half (`onComposeOpened`, `openCompose`) is its own part, joined in adapter.ts. Nothing here throws into
 * Outlook: selector misses are logged with a censored outline and the method degrades.
 */
import type { MessageRef, OpenConversation, OpenMessage, WebmailAdapter } from '../types';
import { ConversationFeed } from '../conversation-feed';
import { queryOptional } from '../dom';
import { mountInSlot } from '../mount-control';
import { pageFetch, type FetchLike } from '../page-request';
import { canaryFromCookies, OutlookItemService } from './item-service';
import { owaServicePath } from './location';
import { onOutlookNavigation, outlookConversationPage } from './navigation';
import { findMessageToolbar, itemIdOf } from './reading';
import { suiteAccountButton, suiteAppLink } from './selectors';

export interface OutlookReadingOptions {
  /** For tests: Outlook's service is fetched with the page's session through this. */
  fetch?: FetchLike;
  navigationDebounceMs?: number;
}

export type OutlookReadingPart = Omit<WebmailAdapter, 'provider' | 'onComposeOpened' | 'openCompose'>;

const addressIn = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

/**
 * Outlook draws the reading pane's toolbar with the message, but a pop-out window and a freshly
 * expanded message may take a moment: look again a few times (about 1.5 s in all).
 */
const toolbarRetryDelaysMs = [50, 150, 300, 500, 500];

export function userAddressFrom(doc: Document): string | undefined {
  const href = queryOptional(doc, suiteAppLink)?.getAttribute('href');
  if (href) {
    try {
      const hint = new URL(href, 'https://outlook.office.com/').searchParams.get('login_hint');
      if (hint && addressIn.test(hint)) return hint.trim().toLowerCase();
    } catch {
      // A malformed link: try the account button.
    }
  }
  const button = queryOptional(doc, suiteAccountButton);
  const label = `${button?.getAttribute('aria-label') ?? ''} ${button?.getAttribute('title') ?? ''}`;
  return addressIn.exec(label)?.[0]?.toLowerCase();
}

export function createOutlookReadingPart(doc: Document, win: Window, options: OutlookReadingOptions = {}): OutlookReadingPart {
  const conversations = new ConversationFeed(outlookConversationPage, doc, win, { debounceMs: options.navigationDebounceMs });
  let service: OutlookItemService | undefined;
  const items = () =>
    (service ??= new OutlookItemService({
      origin: win.location.origin,
      servicePath: owaServicePath(win.location.pathname),
      canary: () => canaryFromCookies(doc.cookie),
      fetch: options.fetch ?? pageFetch(win),
    }));

  return {
    userAddress: () => userAddressFrom(doc),

    currentConversation(): OpenConversation | undefined {
      return conversations.current();
    },

    onConversationChanged(cb, signal): void {
      conversations.subscribe(cb, signal);
    },

    onNavigation(cb, signal): void {
      onOutlookNavigation(win, cb, signal);
    },

    async resolveMessageId(ref: MessageRef): Promise<string | undefined> {
      const itemId = itemIdOf(ref.providerMessageId);
      if (!itemId) return undefined;
      const item = await items().item(itemId).catch(() => undefined);
      return item?.internetMessageId;
    },

    mountMessageControl(ref, mount, signal) {
      return mountInSlot(() => findMessageToolbar(doc, ref.providerMessageId, win.location.pathname), mount, signal, toolbarRetryDelaysMs);
    },

    async fetchAttachment(m: OpenMessage, index: number): Promise<Blob | undefined> {
      const shown = m.attachments[index];
      const itemId = itemIdOf(m.providerMessageId);
      if (!shown || !itemId) return undefined;
      try {
        const item = await items().item(itemId);
        // By name, then by place: the page and the service list the same files in the same order.
        const byName = item?.attachments.filter((a) => a.name === shown.name) ?? [];
        const attachment = byName.length === 1 ? byName[0] : item?.attachments[index];
        if (!attachment) return undefined;
        const f = options.fetch ?? pageFetch(win);
        const response = await f(items().attachmentUrl(attachment.id), { credentials: 'include' });
        if (response.status < 200 || response.status >= 300 || !response.blob) return undefined;
        return await response.blob();
      } catch {
        return undefined;
      }
    },
  };
}
