/**
 * The places on screen the in-page pill must never cover: our own popovers, menus and buttons
 * (registered by the UI chunk through the page core) and the webmail's compose windows (registered
 * by the core from the adapter). The pill reads the registered elements' boxes when one is added
 * or removed, changes size, or the window is resized or scrolled (`components/common/in-page-pill.ts`).
 * Elements, not boxes: a box goes stale as soon as the page scrolls or a compose is minimised.
 */
import type { WebmailAdapter } from './types';

export interface KeepClear {
  /** Keep clear of `el` until the returned function is called (or `el` leaves the page). */
  add(el: Element): () => void;
  /** What is registered now and still on the page. */
  elements(): Element[];
  /** `cb` runs after each add or removal, until `signal` aborts. */
  onChange(cb: () => void, signal: AbortSignal): void;
}

export function createKeepClear(): KeepClear {
  const registered = new Map<Element, number>();
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((cb) => cb());
  return {
    add(el) {
      // Counted: the same element may be registered by two owners (a menu inside a toolbar).
      registered.set(el, (registered.get(el) ?? 0) + 1);
      changed();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const n = (registered.get(el) ?? 1) - 1;
        if (n > 0) registered.set(el, n);
        else registered.delete(el);
        changed();
      };
    },
    elements: () => [...registered.keys()].filter((el) => el.isConnected),
    onChange(cb, signal) {
      if (signal.aborted) return;
      listeners.add(cb);
      signal.addEventListener('abort', () => listeners.delete(cb), { once: true });
    },
  };
}

/** Registers every compose window of the page while it is open (Gmail docks them bottom-right). */
export function keepComposesClear(adapter: WebmailAdapter, keepClear: KeepClear, signal: AbortSignal): void {
  adapter.onComposeOpened((compose) => {
    const area = compose.screenArea?.();
    if (area) compose.onClosed(keepClear.add(area), signal);
  }, signal);
}
