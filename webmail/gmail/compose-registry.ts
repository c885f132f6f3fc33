/**
 * Tracks Gmail's composes: those open when the page loads and those that appear later, one handle
 * per compose for every subscriber, and their closing. One MutationObserver, on the compose host
 * and the view host only (not the whole document), runs while someone listens; records caused by
 * typing inside a compose body are skipped first thing (InboxSDK's compose-lag bug #1098).
 */
import { composeBody, composeHost, editableRegion, viewHost } from './selectors';
import { closestOf, matchesAny, queryOptional } from '../dom';
import { ComposeRegistryBase } from '../compose-registry';
import { findComposes, type ComposeParts } from './compose-detect';
import { GmailComposeHandle } from './compose-handle';

function containsCompose(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  return matchesAny(el, composeBody) || queryOptional(el, composeBody) !== undefined;
}

export class ComposeRegistry extends ComposeRegistryBase<ComposeParts, GmailComposeHandle> {
  private observer: MutationObserver | undefined;

  constructor(
    private readonly doc: Document,
    private readonly win: Window,
  ) {
    super('gmail');
  }

  protected findComposes(): ComposeParts[] {
    return findComposes(this.doc);
  }

  protected createHandle(parts: ComposeParts): GmailComposeHandle {
    return new GmailComposeHandle(parts, this.win, { watchClosing: (signal) => this.use(signal) });
  }

  protected isClosed(root: HTMLElement): boolean {
    return !root.isConnected;
  }

  private observingBody = false;

  private hosts(): Element[] | undefined {
    const hosts = [queryOptional(this.doc, composeHost), queryOptional(this.doc, viewHost)];
    // Both are needed: pop-ups live in one, inline replies in the other.
    return hosts.every((h) => h) ? (hosts as Element[]) : undefined;
  }

  protected start(): void {
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

  protected stop(): void {
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
    if (added) this.deliverToAll(this.scan());
    if ((added || removed) && this.observingBody && this.hosts()) {
      this.stop();
      this.start();
    }
  }
}
