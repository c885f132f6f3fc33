/**
 * Signatures in a Gmail compose body: ours through the shared marker logic
 * (`webmail/signature-marker.ts`) with Gmail's layout — on a reply/forward right above the quoted
 * block — and Gmail's own signature block, which the keep/replace preference may remove.
 */
import type { ComposeKind } from '../types';
import * as marker from '../signature-marker';
import { isBlank, signatureMarkerSelector, wrappedQuoteLayout, type SignatureLayout } from '../signature-marker';
import { bodyClearBreak, bodyNativeSignature, bodyNativeSignaturePrefix, bodyQuote } from './selectors';
import { dispatchInput, matchesAny, queryAll, queryOptional } from '../dom';

export { signatureMarkerAttribute } from '../signature-marker';

/** Gmail's body: ours goes right above the quoted block of a reply/forward. */
export const gmailSignatureLayout: SignatureLayout = wrappedQuoteLayout(bodyQuote, bodyQuote);

const insideQuote = (el: Element, body: Element) => marker.insideQuote(el, body, bodyQuote);

export const findOurSignatures = (body: Element): HTMLElement[] => marker.findOurSignatures(body, gmailSignatureLayout);

export const currentSignatureId = (body: Element): string | undefined => marker.currentSignatureId(body, gmailSignatureLayout);

export function setSignature(body: HTMLElement, kind: ComposeKind, signature: { id: string; html: string } | null, win: Window): boolean {
  return marker.setSignature(body, kind, signature, win, gmailSignatureLayout);
}

/** Gmail's own signature block in the body, outside quoted text and outside ours. */
export function findNativeSignature(body: Element): HTMLElement | undefined {
  return queryAll(body, bodyNativeSignature).find((el) => !insideQuote(el, body) && !el.closest(signatureMarkerSelector));
}

export function hasNativeSignature(body: Element): boolean {
  return findNativeSignature(body) !== undefined;
}

const isClearBreak = (n: Element | null | undefined): boolean =>
  !!n &&
  (matchesAny(n, bodyClearBreak) || (n.childElementCount === 1 && !!n.firstElementChild && matchesAny(n.firstElementChild, bodyClearBreak) && isBlank(n)));

/**
 * Remove Gmail's signature with what Gmail adds around it: the "-- " prefix, the `<br>` after it,
 * the `<br clear="all">` before it and wrappers left empty. Returns whether anything was removed.
 */
export function removeNativeSignature(body: HTMLElement, win: Window): boolean {
  const sig = findNativeSignature(body);
  if (!sig) return false;
  const parent = sig.parentElement;
  const prefix = parent ? queryOptional(parent, bodyNativeSignaturePrefix) : undefined;
  if (prefix && prefix.parentElement === parent) {
    const afterPrefix = prefix.nextElementSibling;
    if (afterPrefix?.tagName === 'BR' && afterPrefix !== sig) afterPrefix.remove();
    prefix.remove();
  }
  sig.remove();
  // Climb out of wrappers the signature leaves empty, then drop the clear-break before them.
  let top: Element | null = parent;
  while (top && top !== body && top.parentElement && top.parentElement !== body && isBlank(top.parentElement)) {
    top = top.parentElement;
  }
  if (top && top !== body && isBlank(top)) {
    const before = top.previousElementSibling;
    top.remove();
    if (isClearBreak(before)) before?.remove();
  }
  dispatchInput(body, win);
  return true;
}
