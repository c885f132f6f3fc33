/**
 * The Gmail implementation of the webmail contract (webmail/types.ts). The content script calls
 * `createGmailAdapter(document, window)` on mail.google.com; features then speak email only.
 * Nothing here throws into Gmail: selector misses are logged with a censored outline and the
 * method degrades (undefined, false, no-op).
 */
import type { MailAddress } from '@/contract/filings';
import type { ComposeHandle, MessageRef, OpenConversation, WebmailAdapter } from '../types';
import { listen, reportSelectorMiss, queryOptional } from './dom';
import { messageToolbarSlot } from './selectors';
import { findMessageElement } from './conversation';
import { ConversationFeed } from './conversation-feed';
import { ComposeRegistry } from './compose-registry';
import { openCompose } from './open-compose';
import { readGlobalsFromDocument, type GmailGlobals } from './globals';
import { parseAccountPath } from './location';
import { MessageIdResolver, type FetchLike } from './message-id-resolver';

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
 * A fetch that goes out as the page (same origin, the user's Gmail cookies). In Firefox a content
 * script's own `fetch` runs with the extension's principal; `content.fetch` is the page's.
 */
function pageFetch(win: Window): FetchLike {
  const firefoxPage = (globalThis as unknown as { content?: { fetch?: typeof fetch } }).content;
  const f = typeof firefoxPage?.fetch === 'function' ? firefoxPage.fetch.bind(firefoxPage) : win.fetch.bind(win);
  return (url, init) => f(url, init);
}

export function createGmailAdapter(doc: Document, win: Window, options: GmailAdapterOptions = {}): WebmailAdapter {
  const registry = new ComposeRegistry(doc, win);
  const conversations = new ConversationFeed(doc, win, { debounceMs: options.navigationDebounceMs });
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
        reportSelectorMiss('openCompose', err);
        return undefined;
      });
    },

    messageToolbarAnchor(ref: MessageRef): Element | undefined {
      const el = findMessageElement(doc, ref.providerMessageId);
      // Optional: a collapsed message has no header toolbar until it is expanded.
      return el ? queryOptional(el, messageToolbarSlot) : undefined;
    },
  };
}
