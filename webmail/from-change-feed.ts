/**
 * A compose's "the user picked another From" listeners, the same for every webmail's handle: the
 * webmail's From control is watched only while someone listens, a listener that throws does not
 * stop the others, and a From the adapter set itself (`settle`) is not reported as the user's.
 */
import { reportListenerFailure } from './dom';
import type { WebmailProvider } from './types';

export class FromChangeFeed {
  private readonly listeners = new Set<(address: string) => void>();
  private watch: AbortController | undefined;
  private shown: string | undefined;

  /**
   * `read`: the From shown now; `watchControl`: calls `changed` whenever the From control may have
   * changed, until its signal aborts; `paused`: while true, changes are the adapter's own.
   */
  constructor(
    private readonly provider: WebmailProvider,
    private readonly read: () => string | undefined,
    private readonly watchControl: (signal: AbortSignal, changed: () => void) => void,
    private readonly paused: () => boolean = () => false,
  ) {}

  /** The From last seen or set (not re-read). */
  get last(): string | undefined {
    return this.shown;
  }

  add(cb: (address: string) => void, signal: AbortSignal): void {
    if (signal.aborted) return;
    this.listeners.add(cb);
    signal.addEventListener('abort', () => {
      this.listeners.delete(cb);
      if (this.listeners.size === 0) this.stop();
    }, { once: true });
    if (this.watch) return;
    this.shown ??= this.read();
    this.watch = new AbortController();
    this.watchControl(this.watch.signal, () => {
      if (this.paused()) return;
      const current = this.read();
      if (!current || current === this.shown) return;
      this.shown = current;
      for (const listener of [...this.listeners]) {
        try {
          listener(current);
        } catch (err) {
          reportListenerFailure(this.provider, 'onFromChanged', err);
        }
      }
    });
  }

  /** The From now shown is the adapter's doing (or unchanged): the next change is measured from it. */
  settle(address: string | undefined): void {
    this.shown = address;
  }

  stop(): void {
    this.watch?.abort();
    this.watch = undefined;
  }
}
