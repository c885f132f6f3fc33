/**
 * One Outlook compose (new, inline reply/forward, pop-out, reopened draft), as features see it:
 * email words, no DOM. Every method is a no-op (or returns undefined/false) once it is closed.
 */
import type { ComposeHandle, ComposeKind, MountControl } from '../types';
import { mountInSlot } from '../mount-control';
import { ComposeCloseListeners } from '../compose-close';
import { closestOf, queryOptional } from '../dom';
import { FromChangeFeed } from '../from-change-feed';
import { composeBody, composeDialog, composeSendButton } from './selectors';
import { composeIdOf, composeKindOf, type OutlookComposeParts } from './compose-detect';
import { queryAllComposed } from './compose-dom';
import { chooseFrom, listFromChoices, readFrom, watchFrom, type FromChoiceMemory } from './compose-from';
import * as signatures from './compose-signature';

export interface OutlookComposeHooks {
  /** Ask the registry to watch for this compose's removal while `signal` lives. */
  watchClosing(signal: AbortSignal): void;
  /** The send-as addresses the page's From menus offered. */
  fromMemory: FromChoiceMemory;
  /** Whether the page showed a saved draft when this compose was found (its URL). */
  savedDraft: boolean;
}

/**
 * The row holding Send and its neighbours (Discard…), where our controls go last: the first
 * ancestor of Send with another button beside it, past Send's own split button (its menu arrow).
 */
function actionRowOf(send: Element, root: Element): HTMLElement | undefined {
  let start = send.parentElement;
  const isSplit = start && Array.from(start.children).some((c) => c !== send && c.matches('button[aria-haspopup]'));
  if (isSplit && start !== root) start = start!.parentElement;
  for (let cur = start; cur && cur !== root; cur = cur.parentElement) {
    if (Array.from(cur.children).some((child) => !child.contains(send) && child.matches('button, [role="button"]'))) return cur;
  }
  return start ?? undefined;
}

/** Waits between looks for the action row, in ms: about 4 s in all. */
const anchorRetryDelays = [50, 100, 200, 400, 800, 1200, 1500];

export class OutlookComposeHandle implements ComposeHandle {
  readonly id: string;
  private readonly closing = new ComposeCloseListeners('outlook');
  private readonly fromChanges: FromChangeFeed;
  /** How many of our own `setFrom` are under way (their steps are not the user's). */
  private choosing = 0;

  constructor(
    readonly parts: OutlookComposeParts,
    private readonly win: Window,
    private readonly hooks: OutlookComposeHooks,
  ) {
    this.id = composeIdOf(parts);
    this.fromChanges = new FromChangeFeed(
      'outlook',
      () => readFrom(parts.root),
      (s, changed) => watchFrom(parts.root, win, s, hooks.fromMemory, changed),
      () => this.choosing > 0,
    );
  }

  /** Read when asked: Outlook fills the subject and the quote while the compose is drawn. */
  get kind(): ComposeKind {
    return composeKindOf({ root: this.parts.root, body: this.body() });
  }

  get isOpen(): boolean {
    return !this.closing.isClosed && this.parts.root.isConnected && this.body().isConnected;
  }

  /** Outlook may draw the editor again (it may sit in a shadow root): look it up each time. */
  private body(): HTMLElement {
    if (this.parts.body.isConnected) return this.parts.body;
    return queryAllComposed(this.parts.root, composeBody, [this.parts.root])[0] ?? this.parts.body;
  }

  getFrom(): string | undefined {
    return this.isOpen ? readFrom(this.parts.root) : undefined;
  }

  listFromChoices(): string[] {
    return this.isOpen ? listFromChoices(this.parts.root, this.hooks.fromMemory) : [];
  }

  async setFrom(address: string): Promise<boolean> {
    if (!this.isOpen) return false;
    // Our own change is not "the user picked another From": the menu opening, the click and the
    // well's new text are all ours until it is done.
    this.choosing++;
    try {
      return await chooseFrom(this.parts.root, address, this.win, this.hooks.fromMemory);
    } finally {
      this.choosing--;
      this.fromChanges.settle(readFrom(this.parts.root));
    }
  }

  onFromChanged(cb: (address: string) => void, signal: AbortSignal): void {
    if (this.isOpen) this.fromChanges.add(cb, signal);
  }

  isSavedDraft(): boolean {
    return this.isOpen && this.hooks.savedDraft;
  }

  currentSignatureId(): string | undefined {
    return this.isOpen ? signatures.currentSignatureId(this.body()) : undefined;
  }

  setSignature(signature: { id: string; html: string } | null): void {
    if (!this.isOpen) return;
    signatures.setSignature(this.body(), () => this.kind, signature, this.win);
  }

  hasNativeSignature(): boolean {
    return this.isOpen ? signatures.hasNativeSignature(this.body()) : false;
  }

  removeNativeSignature(): void {
    if (this.isOpen) signatures.removeNativeSignature(this.body(), this.win);
  }

  toolbarAnchor(): Element | undefined {
    if (!this.isOpen) return undefined;
    // Optional: a compose still being drawn has no Send button for a moment.
    const send = queryOptional(this.parts.root, composeSendButton);
    return send ? actionRowOf(send, this.parts.root) : undefined;
  }

  /**
   * Mounts one control in the action row once Outlook has drawn it (it draws the row with the
   * compose, or a moment later): looks again a few times, then gives up. Resolves false when there
   * is no row (a layout we do not know) or the compose closed; the control goes when `signal` aborts.
   */
  async mountControl(mount: MountControl, signal: AbortSignal): Promise<boolean> {
    return (await mountInSlot(() => this.toolbarAnchor(), mount, signal, anchorRetryDelays)) !== undefined;
  }


  screenArea(): Element | undefined {
    // A compose drawn over the page (a second, docked one) is a dialog; others are their own box.
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
