/**
 * Notices when the open conversation changes without a page load: Gmail navigates with the URL
 * hash (hashchange/popstate) and swaps views in its view host. One MutationObserver on that host
 * (not the whole document), debounced, compares what is shown with what was last reported, and
 * skips records caused by typing in a compose. Everything stops when the signal aborts.
 */
import type { OpenConversation } from '../types';
import { editableRegion, mainView, viewHost } from './selectors';
import { closestOf, listen, queryOptional } from './dom';
import { conversationKey, parseConversation } from './conversation';

export interface WatchOptions {
  /** Quiet time before re-reading the page after a burst of mutations. */
  debounceMs?: number;
  /** Longest a read may be put off by mutations that never stop (animations, a ticking clock). */
  maxWaitMs?: number;
  parse?: (doc: Document) => OpenConversation | undefined;
}

export function watchConversation(
  doc: Document,
  win: Window,
  signal: AbortSignal,
  onChange: (c: OpenConversation | undefined) => void,
  options: WatchOptions = {},
): void {
  if (signal.aborted) return;
  const debounceMs = options.debounceMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? Math.max(500, debounceMs * 4);
  let pendingSince = 0;
  const parse = options.parse ?? parseConversation;
  let lastKey = '';
  let timer: number | undefined;
  let observed: Element | undefined;

  const emitIfChanged = () => {
    timer = undefined;
    if (signal.aborted) return;
    // Gmail builds its view host after our start: move from the body to it once it exists.
    if (observed === doc.body) observeHost();
    let current: OpenConversation | undefined;
    try {
      current = parse(doc);
    } catch (err) {
      console.warn('[mailroom:gmail] reading the conversation failed', err);
      current = undefined;
    }
    const key = conversationKey(current);
    if (key === lastKey) return;
    lastKey = key;
    try {
      onChange(current);
    } catch (err) {
      // A feature's bug must not break Gmail or the other features (CONVENTIONS.md).
      console.warn('[mailroom:gmail] onConversationChanged listener failed', err);
    }
  };

  const schedule = () => {
    if (signal.aborted) return;
    const now = Date.now();
    if (timer !== undefined) {
      // Debounce, but never past maxWait: keep the pending read instead of pushing it back.
      if (now - pendingSince >= maxWaitMs) return;
      win.clearTimeout(timer);
    } else {
      pendingSince = now;
    }
    timer = win.setTimeout(emitIfChanged, debounceMs);
  };

  const Observer = (win as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver;
  const observer = new Observer((records) => {
    const relevant = records.some((r) => {
      const el = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
      return !el || !closestOf(el, editableRegion);
    });
    if (relevant) schedule();
  });

  /** The view host can appear late or be replaced; re-resolve it on each navigation. */
  const observeHost = () => {
    const host = queryOptional(doc, viewHost) ?? queryOptional(doc, mainView)?.parentElement ?? doc.body;
    if (!host || host === observed) return;
    observer.disconnect();
    observed = host;
    // class/style: expanding a message and hiding a stale view change only attributes.
    observer.observe(host, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'style'] });
  };

  const onNavigate = () => {
    observeHost();
    schedule();
  };
  listen(win, 'hashchange', onNavigate, signal);
  listen(win, 'popstate', onNavigate, signal);
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer !== undefined) win.clearTimeout(timer);
  }, { once: true });

  observeHost();
  // Report what is open now (if anything) without waiting for a change.
  emitIfChanged();
}
