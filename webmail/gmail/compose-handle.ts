/**
 * One Gmail compose (pop-up, pop-out or inline), as features see it: email words, no DOM.
 * Every method is a no-op (or returns undefined/false) once the compose is closed.
 */
import type { ComposeHandle, ComposeKind, MountControl } from '../types';
import { mountInSlot } from '../mount-control';
import { composeBody, composeDialog, composeDraftInput, composeToolbarSlot } from './selectors';
import { ComposeCloseListeners } from '../compose-close';
import { closestOf, queryOptional } from '../dom';
import { FromChangeFeed } from '../from-change-feed';
import { hiddenInputValue } from './form-inputs';
import { composeIdOf, composeKindOf, type ComposeParts } from './compose-detect';
import { chooseFrom, listFromChoices, readFrom, watchFrom } from './from-alias';
import * as signatures from './signature';

export interface ComposeHandleHooks {
  /** Ask the registry to watch for this compose's removal while `signal` lives. */
  watchClosing(signal: AbortSignal): void;
}

/**
 * Gmail builds a compose's toolbar a moment after its body: look again a few times (about 4 s in
 * all) rather than watch the page.
 */
const toolbarRetryDelaysMs = [50, 100, 200, 400, 800, 1200, 1500];

export class GmailComposeHandle implements ComposeHandle {
  readonly id: string;
  private readonly closing = new ComposeCloseListeners('gmail');
  private readonly fromChanges: FromChangeFeed;

  constructor(
    readonly parts: ComposeParts,
    private readonly win: Window,
    private readonly hooks: ComposeHandleHooks,
  ) {
    this.id = composeIdOf(parts.root);
    this.fromChanges = new FromChangeFeed('gmail', () => readFrom(parts.root), (s, changed) => watchFrom(parts.root, win, s, changed));
  }

  /** Read when asked: Gmail fills `rm`, the subject and the quote just after the compose appears. */
  get kind(): ComposeKind {
    return composeKindOf({ root: this.parts.root, body: this.body() });
  }

  get isOpen(): boolean {
    return !this.closing.isClosed && this.parts.root.isConnected;
  }

  /** Gmail may swap the editable (plain-text toggle); look it up again each time. */
  private body(): HTMLElement {
    return queryOptional(this.parts.root, composeBody) ?? this.parts.body;
  }

  getFrom(): string | undefined {
    return this.isOpen ? readFrom(this.parts.root) : undefined;
  }

  listFromChoices(): string[] {
    return this.isOpen ? listFromChoices(this.parts.root) : [];
  }

  async setFrom(address: string): Promise<boolean> {
    if (!this.isOpen) return false;
    // Our own change is not "the user picked another From": remember it before Gmail reacts.
    const previous = this.fromChanges.last;
    this.fromChanges.settle(address.trim().toLowerCase());
    const ok = await chooseFrom(this.parts.root, address, this.win);
    this.fromChanges.settle(ok ? readFrom(this.parts.root) : previous);
    return ok;
  }

  onFromChanged(cb: (address: string) => void, signal: AbortSignal): void {
    if (this.isOpen) this.fromChanges.add(cb, signal);
  }

  isSavedDraft(): boolean {
    // Gmail fills `draft` (`#msg-a:r-…`) once the draft is saved; until then it reads "undefined".
    return this.isOpen && hiddenInputValue(this.parts.root, composeDraftInput) !== undefined;
  }

  currentSignatureId(): string | undefined {
    return this.isOpen ? signatures.currentSignatureId(this.body()) : undefined;
  }

  setSignature(signature: { id: string; html: string } | null): void {
    if (!this.isOpen) return;
    signatures.setSignature(this.body(), this.kind, signature, this.win);
  }

  hasNativeSignature(): boolean {
    return this.isOpen ? signatures.hasNativeSignature(this.body()) : false;
  }

  removeNativeSignature(): void {
    if (this.isOpen) signatures.removeNativeSignature(this.body(), this.win);
  }

  /** Where our compose controls go, if drawn yet (a compose builds its toolbar a moment after its body). */
  toolbarSlot(): Element | undefined {
    return this.isOpen ? queryOptional(this.parts.root, composeToolbarSlot) : undefined;
  }

  async mountControl(mount: MountControl, signal: AbortSignal): Promise<boolean> {
    const mounted = await mountInSlot(() => this.toolbarSlot(), mount, signal, toolbarRetryDelaysMs);
    return mounted !== undefined;
  }

  screenArea(): Element | undefined {
    // The pop-up window (title bar included); an inline reply or the pop-out page has no dialog.
    return this.isOpen ? (closestOf(this.parts.root, composeDialog) ?? this.parts.root) : undefined;
  }

  onClosed(cb: () => void, signal: AbortSignal): void {
    this.closing.add(cb, signal, this.isOpen, (s) => this.hooks.watchClosing(s));
  }

  /** Called by the registry when the compose left the page. */
  markClosed(): void {
    if (this.closing.isClosed) return;
    this.fromChanges.stop();
    this.closing.close();
  }
}
