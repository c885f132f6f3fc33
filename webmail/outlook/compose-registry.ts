/**
 * Tracks Outlook's composes: those open when the page loads and those that appear later, one
 * handle per compose for every subscriber, and their closing. One MutationObserver on the page
 * body (Outlook draws composes in the reading pane, over the list or alone in a pop-out), plus the
 * open shadow roots of compose parts, which a document observer does not enter; records caused by
 * typing in an editable are skipped first thing. A capture-phase `focusin` catches an editor drawn
 * in a shadow root the observer has not reached yet.
 */
import { listen, matchesAny, queryAll, queryOptional } from '../dom';
import { ComposeRegistryBase } from '../compose-registry';
import { composeBody, composeContainer, editableRegion } from './selectors';
import { composeOfEditor, findComposes, isSavedDraftLocation, type OutlookComposeParts } from './compose-detect';
import { closestComposed, eventOrigin, shadowRootsUnder } from './compose-dom';
import { FromChoiceMemory } from './compose-from';
import { OutlookComposeHandle } from './compose-handle';

function mayHoldCompose(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  return matchesAny(el, composeBody) || matchesAny(el, composeContainer) || queryOptional(el, composeContainer) !== undefined || queryOptional(el, composeBody) !== undefined;
}

export class OutlookComposeRegistry extends ComposeRegistryBase<OutlookComposeParts, OutlookComposeHandle> {
  readonly fromMemory = new FromChoiceMemory();
  private observer: MutationObserver | undefined;
  private observedShadows = new WeakSet<ShadowRoot>();
  private life: AbortController | undefined;
  private draftAddressClaimed: string | undefined;

  constructor(
    private readonly doc: Document,
    private readonly win: Window,
  ) {
    super('outlook');
  }

  protected findComposes(): OutlookComposeParts[] {
    return findComposes(this.doc);
  }

  protected createHandle(parts: OutlookComposeParts): OutlookComposeHandle {
    return new OutlookComposeHandle(parts, this.win, {
      watchClosing: (signal) => this.use(signal),
      fromMemory: this.fromMemory,
      savedDraft: this.claimSavedDraft(),
    });
  }

  protected isClosed(_root: HTMLElement, handle: OutlookComposeHandle): boolean {
    return !handle.isOpen;
  }

  /**
   * Whether a compose found now is the saved draft the page's address names: the first compose
   * found on that address is; another one opened there ("New mail" over the open draft) is not.
   */
  private claimSavedDraft(): boolean {
    const path = this.win.location.pathname;
    if (!isSavedDraftLocation(path) || this.draftAddressClaimed === path) return false;
    this.draftAddressClaimed = path;
    return true;
  }

  override scan(): OutlookComposeHandle[] {
    const handles = super.scan();
    this.observeShadows();
    return handles;
  }

  protected start(): void {
    if (this.observer) return;
    const Observer = (this.win as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver;
    this.observer = new Observer((records) => this.onMutations(records));
    this.observer.observe(this.doc.body ?? this.doc.documentElement, { childList: true, subtree: true });
    this.observedShadows = new WeakSet();
    this.observeShadows();
    this.life = new AbortController();
    listen(this.doc, 'focusin', (e) => {
      const origin = eventOrigin(e);
      const parts = origin ? composeOfEditor(origin) : undefined;
      if (parts && !this.handles.has(parts.root)) this.deliverToAll([this.handleFor(parts)]);
    }, this.life.signal, true);
  }

  /** Shadow roots inside compose parts: an editor drawn there later is seen as it comes. */
  private observeShadows(): void {
    if (!this.observer) return;
    for (const container of queryAll(this.doc, composeContainer)) {
      for (const shadow of shadowRootsUnder(container)) {
        if (this.observedShadows.has(shadow)) continue;
        this.observedShadows.add(shadow);
        this.observer.observe(shadow, { childList: true, subtree: true });
      }
    }
  }

  protected stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.life?.abort();
    this.life = undefined;
  }

  private onMutations(records: MutationRecord[]): void {
    let added = false;
    let removed = false;
    for (const r of records) {
      const target = r.target as Element;
      // Typing: the cheapest possible exit.
      if (target.nodeType === 1 && closestComposed(target, editableRegion)) continue;
      if (!added) added = Array.from(r.addedNodes).some(mayHoldCompose);
      if (!removed) removed = r.removedNodes.length > 0;
    }
    if (removed) this.pruneClosed();
    if (added) this.deliverToAll(this.scan());
  }
}
