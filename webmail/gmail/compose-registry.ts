/**
 * Tracks Gmail's composes: those open when the page loads and those that appear later, one handle
 * per compose for every subscriber, and their closing. One MutationObserver, on the compose host
 * and the view host only (not the whole document), runs while someone listens; records caused by
 * typing inside a compose body are skipped first thing (InboxSDK's compose-lag bug #1098).
 */
import { composeBody, composeHost, editableRegion, viewHost } from './selectors';
import { closestOf, matchesAny, queryOptional, reportSelectorMiss } from '../dom';
import { findComposes, type ComposeParts } from './compose-detect';
import { GmailComposeHandle } from './compose-handle';

interface Subscriber {
  cb: (handle: GmailComposeHandle) => void;
  seen: WeakSet<Element>;
}

function containsCompose(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  return matchesAny(el, composeBody) || queryOptional(el, composeBody) !== undefined;
}

export class ComposeRegistry {
  private readonly handles = new Map<HTMLElement, GmailComposeHandle>();
  private readonly subscribers = new Set<Subscriber>();
  private observer: MutationObserver | undefined;
  private users = 0;

  constructor(
    private readonly doc: Document,
    private readonly win: Window,
  ) {}

  handleFor(parts: ComposeParts): GmailComposeHandle {
    let handle = this.handles.get(parts.root);
    if (!handle) {
      handle = new GmailComposeHandle(parts, this.win, { watchClosing: (signal) => this.use(signal) });
      this.handles.set(parts.root, handle);
    }
    return handle;
  }

  /** Handles for the composes open now (and closing the ones gone while nobody watched). */
  scan(): GmailComposeHandle[] {
    this.pruneClosed();
    return findComposes(this.doc).map((parts) => this.handleFor(parts));
  }

  private pruneClosed(): void {
    for (const [root, handle] of this.handles) {
      if (root.isConnected) continue;
      this.handles.delete(root);
      handle.markClosed();
    }
  }

  subscribe(cb: (handle: GmailComposeHandle) => void, signal: AbortSignal): void {
    if (signal.aborted) return;
    const sub: Subscriber = { cb, seen: new WeakSet() };
    this.subscribers.add(sub);
    signal.addEventListener('abort', () => this.subscribers.delete(sub), { once: true });
    this.use(signal);
    for (const handle of this.scan()) this.deliver(sub, handle);
  }

  private deliver(sub: Subscriber, handle: GmailComposeHandle): void {
    if (sub.seen.has(handle.parts.root)) return;
    sub.seen.add(handle.parts.root);
    try {
      sub.cb(handle);
    } catch (err) {
      // One feature failing never stops the others (CONVENTIONS.md).
      reportSelectorMiss('gmail', 'onComposeOpened listener', err);
    }
  }

  /** Keep the observer running while `signal` lives. */
  private use(signal: AbortSignal): void {
    this.users++;
    signal.addEventListener('abort', () => {
      this.users--;
      if (this.users === 0) this.stop();
    }, { once: true });
    this.start();
  }

  private observingBody = false;

  private hosts(): Element[] | undefined {
    const hosts = [queryOptional(this.doc, composeHost), queryOptional(this.doc, viewHost)];
    // Both are needed: pop-ups live in one, inline replies in the other.
    return hosts.every((h) => h) ? (hosts as Element[]) : undefined;
  }

  private start(): void {
    if (this.observer) return;
    const Observer = (this.win as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver;
    this.observer = new Observer((records) => this.onMutations(records));
    // Without the hosts — Gmail still building its page, the pop-out compose page, a new layout —
    // watch the body until they appear.
    const hosts = this.hosts();
    this.observingBody = !hosts;
    for (const target of hosts ?? [this.doc.body ?? this.doc.documentElement]) {
      this.observer.observe(target, { childList: true, subtree: true });
    }
  }

  private stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private onMutations(records: MutationRecord[]): void {
    let added = false;
    let removed = false;
    for (const r of records) {
      const target = r.target as Element;
      // Typing: the cheapest possible exit.
      if (target.nodeType === 1 && closestOf(target, editableRegion)) continue;
      if (!added) added = Array.from(r.addedNodes).some(containsCompose);
      if (!removed) removed = r.removedNodes.length > 0;
    }
    if (removed) this.pruneClosed();
    if (added) {
      for (const handle of this.scan()) for (const sub of [...this.subscribers]) this.deliver(sub, handle);
    }
    if ((added || removed) && this.observingBody && this.hosts()) {
      this.stop();
      this.start();
    }
  }
}
