/**
 * Notices when the open conversation changes without a page load, for every webmail: each one
 * navigates in its own way (Gmail: the URL hash; Outlook: history entries and clicks in its list)
 * and swaps views in a view host. One MutationObserver on that host (not the whole document),
 * debounced, compares what is shown with what was last reported, and skips records caused by
 * typing in a compose. Everything stops when the signal aborts. The provider describes its page
 * (`ConversationPage`).
 *
 * Right after a navigation the new conversation is reported within a frame or two of the webmail
 * drawing it (the fast read), not after the quiet time: "message open → suggestions shown" has
 * 150 ms in all, which the debounce alone would use up.
 */
import type { OpenConversation, WebmailProvider } from './types';
import type { SelectorSpec } from './selector-spec';
import { closestOf, logPrefix } from './dom';

/** What the watcher needs to know of one webmail's page. */
export interface ConversationPage {
  readonly provider: WebmailProvider;
  /** The open conversation, or undefined; may throw a `SelectorError`. */
  parse(doc: Document): OpenConversation | undefined;
  /** The element the webmail swaps its views in (observed instead of the document), if drawn yet. */
  viewHost(doc: Document): Element | undefined;
  /** Where the user types: mutations inside are skipped first thing. */
  readonly editable: SelectorSpec;
  /** Calls `cb` when the user moves within the webmail, before the new view is drawn. */
  onNavigation(win: Window, cb: () => void, signal: AbortSignal): void;
  /**
   * Attributes whose change alone means another view (a message expanded, a stale view hidden):
   * Gmail's `class`/`style`, Outlook's `aria-expanded`.
   */
  readonly watchedAttributes: readonly string[];
}

/** Identity of what is shown, to fire change callbacks only on real changes. */
export function conversationKey(c: OpenConversation | undefined): string {
  if (!c) return '';
  return `${c.providerThreadId ?? c.subject}|${c.messages.map((m) => `${m.providerMessageId}${m.expanded ? '+' : '-'}`).join(',')}`;
}

export interface WatchOptions {
  /** Quiet time before re-reading the page after a burst of mutations. */
  debounceMs?: number;
  /** Longest a read may be put off by mutations that never stop (animations, a ticking clock). */
  maxWaitMs?: number;
  parse?: (doc: Document) => OpenConversation | undefined;
  /** After a navigation: how soon after the page's first mutations a new conversation is read. */
  fastReadMs?: number;
  /** How long after a navigation the fast read stays armed (the webmail may fetch the thread first). */
  navigationWindowMs?: number;
  /** Every read's result, reported or not (the adapter caches it for `currentConversation`). */
  onRead?: (c: OpenConversation | undefined) => void;
  /** A relevant mutation: what was read last may be stale until the next read. */
  onMutation?: () => void;
}

export interface ConversationWatch {
  /** Takes the mutations the observer has not delivered yet (they arrive in a microtask). */
  flush(): void;
}

export function watchConversation(
  page: ConversationPage,
  doc: Document,
  win: Window,
  signal: AbortSignal,
  onChange: (c: OpenConversation | undefined) => void,
  options: WatchOptions = {},
): ConversationWatch {
  if (signal.aborted) return { flush: () => undefined };
  const debounceMs = options.debounceMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? Math.max(500, debounceMs * 4);
  const fastReadMs = options.fastReadMs ?? 30;
  const navigationWindowMs = options.navigationWindowMs ?? 2_000;
  let pendingSince = 0;
  const parse = options.parse ?? ((d: Document) => page.parse(d));
  let lastKey = '';
  let timer: number | undefined;
  let fastTimer: number | undefined;
  /** Until when (Date.now()) a navigation's fast read is armed; 0 once it reported. */
  let fastUntil = 0;
  let observed: Element | undefined;

  const read = (): OpenConversation | undefined => {
    // The webmail builds its view host after our start: move from the body to it once it exists.
    if (observed === doc.body) observeHost();
    let current: OpenConversation | undefined;
    try {
      current = parse(doc);
    } catch (err) {
      console.warn(`${logPrefix(page.provider)} reading the conversation failed`, err);
    }
    options.onRead?.(current);
    return current;
  };

  /** Reports `current` when it differs from the last report; says whether it did. */
  const report = (current: OpenConversation | undefined): boolean => {
    const key = conversationKey(current);
    if (key === lastKey) return false;
    lastKey = key;
    try {
      onChange(current);
    } catch (err) {
      // A feature's bug must not break the webmail or the other features (CONVENTIONS.md).
      console.warn(`${logPrefix(page.provider)} onConversationChanged listener failed`, err);
    }
    return true;
  };

  const emitIfChanged = () => {
    timer = undefined;
    if (signal.aborted) return;
    report(read());
  };

  const fastRead = () => {
    fastTimer = undefined;
    if (signal.aborted || Date.now() > fastUntil) return;
    const current = read();
    // Only a conversation is reported early: "none" while the webmail swaps views would make the side
    // panel flicker; the debounced read reports it if it lasts.
    if (current && report(current)) fastUntil = 0;
  };

  const schedule = () => {
    if (signal.aborted) return;
    options.onMutation?.();
    const now = Date.now();
    if (timer !== undefined) {
      // Debounce, but never past maxWait: keep the pending read instead of pushing it back.
      if (now - pendingSince >= maxWaitMs) return;
      win.clearTimeout(timer);
    } else {
      pendingSince = now;
    }
    timer = win.setTimeout(emitIfChanged, debounceMs);
    // Not pushed back by later mutations: read once, soon after the webmail starts drawing.
    if (fastTimer === undefined && now <= fastUntil) fastTimer = win.setTimeout(fastRead, fastReadMs);
  };

  const Observer = (win as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver;
  const onRecords = (records: MutationRecord[]) => {
    const relevant = records.some((r) => {
      const el = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
      return !el || !closestOf(el, page.editable);
    });
    if (relevant) schedule();
  };
  const observer = new Observer(onRecords);

  /** The view host can appear late or be replaced; re-resolve it on each navigation. */
  const observeHost = () => {
    const host = page.viewHost(doc) ?? doc.body;
    if (!host || host === observed) return;
    observer.disconnect();
    observed = host;
    // Expanding a message and hiding a stale view change only attributes.
    observer.observe(host, { childList: true, subtree: true, attributes: true, attributeFilter: [...page.watchedAttributes] });
  };

  const onNavigate = () => {
    fastUntil = Date.now() + navigationWindowMs;
    observeHost();
    schedule();
  };
  page.onNavigation(win, onNavigate, signal);
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer !== undefined) win.clearTimeout(timer);
    if (fastTimer !== undefined) win.clearTimeout(fastTimer);
  }, { once: true });

  observeHost();
  // Report what is open now (if anything) without waiting for a change.
  emitIfChanged();
  return {
    flush: () => {
      if (!signal.aborted) onRecords(observer.takeRecords());
    },
  };
}
