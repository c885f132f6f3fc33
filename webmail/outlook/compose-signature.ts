/**
 * Our signature inside an Outlook compose body, and Outlook's own (`div#Signature`). Ours goes
 * through the shared marker logic (`webmail/signature-marker.ts`, the same marker element as in
 * Gmail) so a draft or a mail moving between webmails keeps one meaning; what is Outlook's is its
 * layout: its quote is not one wrapper but a run of siblings (`#appendonsend`, an `<hr>`,
 * `#divRplyFwdMsg`, the earlier body), so "quoted" means "from the quote's start on", and ours
 * goes right above that start.
 */
import type { ComposeKind } from '../types';
import * as marker from '../signature-marker';
import { signatureMarkerSelector, type SignatureLayout } from '../signature-marker';
import { dispatchInput, queryAll } from '../dom';
import { bodyNativeSignature, composeQuoteStart } from './selectors';

/**
 * Where Outlook's quote starts, outside ours: `#appendonsend`, else the `<hr>` right before
 * `#divRplyFwdMsg`, else `#divRplyFwdMsg` itself.
 */
export function quoteStart(body: Element): Element | undefined {
  const start = queryAll(body, composeQuoteStart).find((el) => !el.closest(signatureMarkerSelector));
  if (!start) return undefined;
  const before = start.previousElementSibling;
  return start.id !== 'appendonsend' && before?.tagName === 'HR' ? before : start;
}

/** In the quoted part: the quote's start itself, inside it, or after it. */
function isQuoted(el: Element, start: Element | undefined): boolean {
  if (!start) return false;
  return start === el || start.contains(el) || (start.compareDocumentPosition(el) & 4) !== 0; // DOCUMENT_POSITION_FOLLOWING
}

/** Outlook's body: quoted from the quote's start on, ours right above that start. */
export const outlookSignatureLayout: SignatureLayout = {
  quotedIn: (body) => {
    const start = quoteStart(body);
    return (el) => isQuoted(el, start);
  },
  replyAnchor: quoteStart,
};

/** Our markers in the body, before the quote (a quoted earlier mail may carry an old one). */
export const findOurSignatures = (body: Element): HTMLElement[] => marker.findOurSignatures(body, outlookSignatureLayout);

export const currentSignatureId = (body: Element): string | undefined => marker.currentSignatureId(body, outlookSignatureLayout);

/**
 * Put, replace or remove our signature (`kind` read only when inserting). Returns whether the body
 * changed; a change is followed by an `input` event so Outlook saves the draft.
 */
export function setSignature(body: HTMLElement, kind: ComposeKind | (() => ComposeKind), signature: { id: string; html: string } | null, win: Window): boolean {
  return marker.setSignature(body, kind, signature, win, outlookSignatureLayout);
}

/** Outlook's own signature in the body, before the quote and outside ours. */
export function findNativeSignature(body: Element): HTMLElement | undefined {
  const start = quoteStart(body);
  return queryAll(body, bodyNativeSignature).find((el) => !isQuoted(el, start) && !el.closest(signatureMarkerSelector));
}

export function hasNativeSignature(body: Element): boolean {
  return findNativeSignature(body) !== undefined;
}

/**
 * Remove Outlook's signature block. The empty blocks Outlook puts before it on a new message stay:
 * they are where the user types. Returns whether anything was removed.
 */
export function removeNativeSignature(body: HTMLElement, win: Window): boolean {
  const sig = findNativeSignature(body);
  if (!sig) return false;
  sig.remove();
  dispatchInput(body, win);
  return true;
}
