/**
 * Loads the Vue UI chunk (file buttons, filing popover, compose account picker and "Signature"
 * menu) into the page on first need, or a few idle seconds after the page core started, so what
 * every webmail page loads stays small and starts in a few milliseconds (≤ 40 KB gzip,
 * ≤ 5 ms at page load). The background injects it (`scripting.executeScript`,
 * `background/inject-page-script.ts`); the chunk reports back through
 * `PageCore.uiStarted`.
 */
import { whenIdle } from './idle';
import type { OpenConversation, WebmailAdapter } from './types';

export interface UiLoader {
  /** Resolves once the UI has started; loads it on the first call. A failure allows a retry. */
  ensure(): Promise<void>;
  /** The UI chunk's "I am running". */
  started(): void;
  readonly loaded: boolean;
}

/** Longer than a cold injection on a slow laptop; then the need is given up and may come again. */
const startTimeoutMs = 15_000;

export function createUiLoader(inject: () => Promise<void>, timeoutMs = startTimeoutMs): UiLoader {
  let loading: Promise<void> | undefined;
  let resolveStarted: (() => void) | undefined;
  let loaded = false;

  function ensure(): Promise<void> {
    loading ??= new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The Mailroom UI did not start in time.')), timeoutMs);
      resolveStarted = () => {
        clearTimeout(timer);
        loaded = true;
        resolve();
      };
      inject().catch((e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      });
    }).catch((e: unknown) => {
      loading = undefined;
      throw e;
    });
    return loading;
  }

  return {
    ensure,
    started: () => resolveStarted?.(),
    get loaded() {
      return loaded;
    },
  };
}

const hasMessages = (c: OpenConversation | undefined) => (c?.messages.length ?? 0) > 0;

/** Quiet time after the page core started before the UI is loaded without a need. */
const prefetchAfterMs = 3_000;

/**
 * The needs: a conversation on screen (its messages get "File to record"), a compose (it gets
 * its signature), or the user's first move in the webmail (a conversation is probably next). The
 * page core calls this once the page is idle after load, so what is open then loads at once.
 * Without a need, the UI is still loaded at an idle moment a few seconds later: a webmail tab
 * lives all day and the first conversation opened should not wait for the injection (about 60 ms
 * on a slow machine), while the page's start never carries it. Stops watching once loaded.
 */
export function loadUiOnNeed(adapter: WebmailAdapter, loader: UiLoader, signal: AbortSignal, win: Window = window, prefetchMs = prefetchAfterMs): void {
  const watching = new AbortController();
  const stopWatching = () => watching.abort();
  signal.addEventListener('abort', stopWatching, { once: true });
  const watch = AbortSignal.any([signal, watching.signal]);

  const load = () => {
    if (signal.aborted || loader.loaded) return;
    loader.ensure().then(stopWatching, (e: unknown) => console.warn('[mailroom] the in-page controls could not be loaded', e));
  };

  adapter.onConversationChanged((c) => {
    if (hasMessages(c)) load();
  }, watch);
  adapter.onComposeOpened(load, watch);
  // The user moving around the webmail is the first need too: a conversation is probably next,
  // and its UI then loads while the webmail fetches and draws it.
  adapter.onNavigation(load, watch);
  if (hasMessages(adapter.currentConversation())) load();

  const prefetch = win.setTimeout(() => whenIdle(win, load, watch), prefetchMs);
  watch.addEventListener('abort', () => win.clearTimeout(prefetch), { once: true });
}
