/**
 * The Gmail implementation of the webmail contract (webmail/types.ts). The content script calls
 * `createGmailAdapter(document, window)` on mail.google.com; features then speak email only.
 * Nothing here throws into Gmail: selector misses are logged with a censored outline and the
 * method degrades (undefined, false, no-op).
 */
import type { MailAddress } from '@/contract/filings';
import type { ComposeHandle, MessageRef, OpenConversation, OpenMessage, WebmailAdapter } from '../types';
import { listen, reportSelectorMiss, queryOptional } from '../dom';
import { mountInSlot } from '../mount-control';
import { pageFetch, type FetchLike } from '../page-request';
import { messageToolbarSlot } from './selectors';
import { findMessageElement } from './conversation';
import { ConversationFeed } from '../conversation-feed';
import { gmailConversationPage } from './navigation';
import { ComposeRegistry } from './compose-registry';
import { openCompose } from './open-compose';
import { readGlobalsFromDocument, type GmailGlobals } from './globals';
import { parseAccountPath } from './location';
import { MessageIdResolver } from './message-id-resolver';

export interface GmailAdapterOptions {
  /** For tests: Gmail's endpoints are fetched with the page's session through this. */
  fetch?: FetchLike;
  /** How long `openCompose` waits for Gmail's compose window. */
  openComposeTimeoutMs?: number;
  /** Debounce of navigation detection. */
  navigationDebounceMs?: number;
}

const addressInTitle = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

/**
 * Attachment bytes with the page's session. A content script's fetch to the page's own origin
 * carries its cookies, which is what Gmail's download URLs need (the same request "Download"
 * makes).
 */
async function fetchGmailAttachment(m: OpenMessage, index: number): Promise<Blob | undefined> {
  const url = m.attachments[index]?.downloadUrl;
  if (!url) return undefined;
  const response = await fetch(url, { credentials: 'include' });
  return response.ok ? response.blob() : undefined;
}

export function createGmailAdapter(doc: Document, win: Window, options: GmailAdapterOptions = {}): WebmailAdapter {
  const registry = new ComposeRegistry(doc, win);
  const conversations = new ConversationFeed(gmailConversationPage, doc, win, { debounceMs: options.navigationDebounceMs });
  let globals: GmailGlobals | undefined;
  const readGlobals = (): GmailGlobals => {
    // Cached once complete; the inline script does not change during the page's life.
    if (globals?.ik && globals.userAddress) return globals;
    globals = readGlobalsFromDocument(doc);
    return globals;
  };
  let resolver: MessageIdResolver | undefined;
  const getResolver = () =>
    (resolver ??= new MessageIdResolver({
      origin: win.location.origin,
      account: parseAccountPath(win.location.pathname),
      ik: () => readGlobals().ik,
      fetch: options.fetch ?? pageFetch(win),
      parser: new (win as unknown as { DOMParser: typeof DOMParser }).DOMParser(),
    }));

  return {
    provider: 'gmail',

    userAddress(): string | undefined {
      const fromGlobals = readGlobals().userAddress;
      if (fromGlobals) return fromGlobals;
      // Gmail's title is "<view> - <address> - Gmail" in every language.
      return addressInTitle.exec(doc.title)?.[0]?.toLowerCase();
    },

    currentConversation(): OpenConversation | undefined {
      return conversations.current();
    },

    onConversationChanged(cb, signal): void {
      conversations.subscribe(cb, signal);
    },

    onNavigation(cb, signal): void {
      // Gmail routes with the URL hash: a click on a conversation changes it before the view.
      listen(win, 'hashchange', cb, signal);
      listen(win, 'popstate', cb, signal);
    },

    resolveMessageId(ref: MessageRef): Promise<string | undefined> {
      return getResolver().resolve(ref).catch(() => undefined);
    },

    onComposeOpened(cb: (c: ComposeHandle) => void, signal: AbortSignal): void {
      registry.subscribe(cb, signal);
    },

    openCompose(to: MailAddress[]): Promise<ComposeHandle | undefined> {
      return openCompose(doc, win, registry, to, options.openComposeTimeoutMs).catch((err: unknown) => {
        reportSelectorMiss('gmail', 'openCompose', err);
        return undefined;
      });
    },

    mountMessageControl(ref, mount, signal) {
      // Gmail draws the header toolbar with the message: no wait. Optional: a collapsed message
      // has no header toolbar until it is expanded.
      return mountInSlot(() => {
        const el = findMessageElement(doc, ref.providerMessageId);
        return el ? queryOptional(el, messageToolbarSlot) : undefined;
      }, mount, signal);
    },

    fetchAttachment: (m, index) => fetchGmailAttachment(m, index).catch(() => undefined),
  };
}
