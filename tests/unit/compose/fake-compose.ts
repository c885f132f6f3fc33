/**
 * A `ComposeHandle` over a real (jsdom) contenteditable body that follows the adapter contract
 * of `webmail/types.ts` the simple way: one marker element for our signature, put above the
 * quoted block on reply/forward, replaced in place. It lets the store tests check what the body
 * ends up holding, not just which calls were made.
 */
import type { ComposeHandle, ComposeKind, MountControl } from '@/webmail/types';
import { mountInSlot } from '@/webmail/mount-control';

const MARKER = 'data-test-mailroom-signature';

export interface FakeComposeOptions {
  id?: string;
  kind?: ComposeKind;
  from?: string;
  fromChoices?: string[];
  /** Body HTML at open time (user text, Gmail's signature, quoted text, our marker...). */
  body?: string;
  /** The toolbar slot; none by default (a layout without the expected toolbar). */
  toolbar?: Element;
  /** A draft saved before the compose was found (reopened, restored at page load). */
  savedDraft?: boolean;
}

export class FakeCompose implements ComposeHandle {
  readonly id: string;
  readonly kind: ComposeKind;
  readonly body: HTMLDivElement;
  toolbar: Element | undefined;
  savedDraft: boolean;
  from: string | undefined;
  fromChoices: string[];
  readonly setFromCalls: string[] = [];
  /** Every `setSignature` call, to count insertions. */
  readonly signatureCalls: ({ id: string; html: string } | null)[] = [];
  private fromListeners: ((address: string) => void)[] = [];
  private closeListeners: (() => void)[] = [];

  constructor(opts: FakeComposeOptions = {}) {
    this.id = opts.id ?? `compose-${Math.random().toString(36).slice(2)}`;
    this.kind = opts.kind ?? 'new';
    this.from = opts.from?.toLowerCase();
    this.fromChoices = (opts.fromChoices ?? []).map((a) => a.toLowerCase());
    this.body = document.createElement('div');
    this.body.setAttribute('contenteditable', 'true');
    this.body.innerHTML = opts.body ?? '';
    this.toolbar = opts.toolbar;
    this.savedDraft = opts.savedDraft ?? false;
    document.body.append(this.body);
  }

  getFrom() {
    return this.from;
  }
  listFromChoices() {
    return [...this.fromChoices];
  }
  async setFrom(address: string) {
    this.setFromCalls.push(address);
    if (!this.fromChoices.includes(address.toLowerCase())) return false;
    this.from = address.toLowerCase();
    return true;
  }
  onFromChanged(cb: (address: string) => void, signal: AbortSignal) {
    this.fromListeners.push(cb);
    signal.addEventListener('abort', () => (this.fromListeners = this.fromListeners.filter((l) => l !== cb)));
  }
  /** The user picks another "From" in Gmail's own menu. */
  userPicksFrom(address: string) {
    this.from = address.toLowerCase();
    for (const l of this.fromListeners) l(this.from);
  }

  private marker(): HTMLElement | null {
    return this.body.querySelector(`[${MARKER}]`);
  }
  isSavedDraft() {
    return this.savedDraft;
  }
  currentSignatureId() {
    return this.marker()?.getAttribute(MARKER) ?? undefined;
  }
  setSignature(signature: { id: string; html: string } | null) {
    this.signatureCalls.push(signature);
    const old = this.marker();
    if (!signature) {
      old?.remove();
      return;
    }
    const el = document.createElement('div');
    el.setAttribute(MARKER, signature.id);
    el.innerHTML = signature.html;
    if (old) return old.replaceWith(el);
    const quote = this.body.querySelector('.gmail_quote');
    if (quote) quote.before(el);
    else this.body.append(el);
  }
  hasNativeSignature() {
    return this.body.querySelector('.gmail_signature') !== null;
  }
  removeNativeSignature() {
    this.body.querySelectorAll('.gmail_signature, .gmail_signature_prefix').forEach((n) => n.remove());
  }
  /** Like a webmail drawing its toolbar a moment after the body: the slot is looked for again a few times. */
  async mountControl(mount: MountControl, signal: AbortSignal) {
    return (await mountInSlot(() => this.toolbar, mount, signal, [50, 100, 200, 400, 800])) !== undefined;
  }
  onClosed(cb: () => void, signal: AbortSignal) {
    this.closeListeners.push(cb);
    signal.addEventListener('abort', () => (this.closeListeners = this.closeListeners.filter((l) => l !== cb)));
  }
  close() {
    this.body.remove();
    for (const l of this.closeListeners) l();
  }

  /** Ids of our signature markers in body order (never more than one if all is well). */
  markers(): string[] {
    return [...this.body.querySelectorAll(`[${MARKER}]`)].map((n) => n.getAttribute(MARKER)!);
  }
  /** Top-level body children as short labels, to check order (text, ours, quote...). */
  outline(): string[] {
    return [...this.body.children].map((n) =>
      n.hasAttribute(MARKER) ? `sig:${n.getAttribute(MARKER)}` : n.classList.contains('gmail_quote') ? 'quote' : n.classList.contains('gmail_signature') ? 'native' : `text:${n.textContent}`,
    );
  }
}
