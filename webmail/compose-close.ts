/**
 * A compose's "closed" listeners, the same for every webmail's handle: a listener added after the
 * close hears it at once (in a microtask), one added before hears it when the registry reports the
 * compose gone, and one that throws does not stop the others.
 */
import { reportListenerFailure } from './dom';
import type { WebmailProvider } from './types';

export class ComposeCloseListeners {
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(private readonly provider: WebmailProvider) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** `open`: whether the compose is still on the page; `watch` asks the registry to watch it. */
  add(cb: () => void, signal: AbortSignal, open: boolean, watch: (signal: AbortSignal) => void): void {
    if (signal.aborted) return;
    if (!open) {
      queueMicrotask(() => {
        if (!signal.aborted) cb();
      });
      return;
    }
    this.listeners.add(cb);
    signal.addEventListener('abort', () => this.listeners.delete(cb), { once: true });
    watch(signal);
  }

  /** Marks the compose closed and tells every listener once; false when it already was. */
  close(): boolean {
    if (this.closed) return false;
    this.closed = true;
    for (const cb of [...this.listeners]) {
      try {
        cb();
      } catch (err) {
        reportListenerFailure(this.provider, 'onClosed', err);
      }
    }
    this.listeners.clear();
    return true;
  }
}
