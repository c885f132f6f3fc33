/**
 * What every webmail's compose registry shares: one handle per compose root for every subscriber,
 * each subscriber told once per compose, listeners failing alone, and the page watch running
 * while anyone listens (subscribers and handles watching for their compose's closing). Each
 * webmail says how it finds composes, makes a handle, tells a closed one, and watches its page.
 */
import type { WebmailProvider } from './types';
import { reportSelectorMiss } from './dom';

interface Subscriber<H> {
  cb: (handle: H) => void;
  seen: WeakSet<Element>;
}

/** What the registry needs of a webmail's compose handle. */
export interface RegisteredCompose {
  readonly parts: { readonly root: HTMLElement };
  markClosed(): void;
}

export abstract class ComposeRegistryBase<Parts extends { root: HTMLElement }, H extends RegisteredCompose> {
  protected readonly handles = new Map<HTMLElement, H>();
  private readonly subscribers = new Set<Subscriber<H>>();
  private users = 0;

  constructor(private readonly provider: Exclude<WebmailProvider, 'none'>) {}

  /** The parts of every compose open now. */
  protected abstract findComposes(): Parts[];
  protected abstract createHandle(parts: Parts): H;
  /** Whether the compose at `root` has left the page. */
  protected abstract isClosed(root: HTMLElement, handle: H): boolean;
  /** Starts watching the page (called while already watching: nothing to do). */
  protected abstract start(): void;
  protected abstract stop(): void;

  handleFor(parts: Parts): H {
    let handle = this.handles.get(parts.root);
    if (!handle) {
      handle = this.createHandle(parts);
      this.handles.set(parts.root, handle);
    }
    return handle;
  }

  /** Handles for the composes open now (and closing the ones gone while nobody watched). */
  scan(): H[] {
    this.pruneClosed();
    return this.findComposes().map((parts) => this.handleFor(parts));
  }

  protected pruneClosed(): void {
    for (const [root, handle] of this.handles) {
      if (!this.isClosed(root, handle)) continue;
      this.handles.delete(root);
      handle.markClosed();
    }
  }

  subscribe(cb: (handle: H) => void, signal: AbortSignal): void {
    if (signal.aborted) return;
    const sub: Subscriber<H> = { cb, seen: new WeakSet() };
    this.subscribers.add(sub);
    signal.addEventListener('abort', () => this.subscribers.delete(sub), { once: true });
    this.use(signal);
    for (const handle of this.scan()) this.deliver(sub, handle);
  }

  /** Tells every subscriber about `handles` they have not been told of yet. */
  protected deliverToAll(handles: H[]): void {
    for (const handle of handles) for (const sub of [...this.subscribers]) this.deliver(sub, handle);
  }

  private deliver(sub: Subscriber<H>, handle: H): void {
    if (sub.seen.has(handle.parts.root)) return;
    sub.seen.add(handle.parts.root);
    try {
      sub.cb(handle);
    } catch (err) {
      // One feature failing never stops the others (CONVENTIONS.md).
      reportSelectorMiss(this.provider, 'onComposeOpened listener', err);
    }
  }

  /** Keep the page watch running while `signal` lives. */
  protected use(signal: AbortSignal): void {
    this.users++;
    signal.addEventListener('abort', () => {
      this.users--;
      if (this.users === 0) this.stop();
    }, { once: true });
    this.start();
  }
}
