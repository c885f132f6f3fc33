/**
 * Our signature inside a Gmail compose body, and Gmail's own. Ours is wrapped in ONE marker
 * element (`div[data-mailroom-signature="<id>"]`) so it can be found, replaced in place or removed
 * (the Nylas Mail approach, WEBMAIL-FACTS.md). On a reply/forward it goes right above the quoted
 * block, on a new message at the end. DOM changes go through a Range and are followed by an
 * `input` event so Gmail saves the draft; the user's selection is never touched — live ranges
 * follow the insertion, and we never focus or select anything.
 */
import type { ComposeKind } from '../types';
import { bodyClearBreak, bodyNativeSignature, bodyNativeSignaturePrefix, bodyQuote } from './selectors';
import { dispatchInput, matchesAny, queryAll, queryOptional } from './dom';

export const signatureMarkerAttribute = 'data-mailroom-signature';
const markerSelector = `[${signatureMarkerAttribute}]`;

function insideQuote(el: Element, body: Element): boolean {
  for (let cur = el.parentElement; cur && cur !== body; cur = cur.parentElement) {
    if (matchesAny(cur, bodyQuote)) return true;
  }
  return false;
}

/** Our markers in the body, outside quoted text (a quoted earlier mail may carry an old one). */
export function findOurSignatures(body: Element): HTMLElement[] {
  return Array.from(body.querySelectorAll<HTMLElement>(markerSelector)).filter(
    (el) => !insideQuote(el, body) && !el.parentElement?.closest(markerSelector),
  );
}

export function currentSignatureId(body: Element): string | undefined {
  return findOurSignatures(body)[0]?.getAttribute(signatureMarkerAttribute) ?? undefined;
}

function buildMarker(doc: Document, id: string, html: string): HTMLElement {
  const marker = doc.createElement('div');
  marker.setAttribute(signatureMarkerAttribute, id);
  // A <template> parses inertly: nothing loads or runs while the (already sanitized) HTML is parsed.
  const template = doc.createElement('template');
  template.innerHTML = html;
  marker.append(template.content);
  return marker;
}

/** The outermost quoted block directly in the body (not inside our signature). */
function topQuote(body: Element): Element | undefined {
  return queryAll(body, bodyQuote).find((q) => !insideQuote(q, body) && !q.closest(markerSelector));
}

/**
 * Put, replace or remove our signature. Returns whether the body changed (nothing is dispatched
 * when the same signature is already there, so Gmail does not save a draft for nothing).
 */
export function setSignature(
  body: HTMLElement,
  kind: ComposeKind,
  signature: { id: string; html: string } | null,
  win: Window,
): boolean {
  const doc = body.ownerDocument;
  const existing = findOurSignatures(body);
  if (!signature) {
    if (existing.length === 0) return false;
    for (const el of existing) el.remove();
    dispatchInput(body, win);
    return true;
  }
  const marker = buildMarker(doc, signature.id, signature.html);
  const [first, ...extra] = existing;
  if (first) {
    const unchanged = extra.length === 0 && first.getAttribute(signatureMarkerAttribute) === signature.id && first.innerHTML === marker.innerHTML;
    if (unchanged) return false;
    // Replace in place: the user may have moved it, and their text around it stays as is.
    // (A plain replaceWith: jsdom measured a Range delete+insert at ~10x the cost, same result.)
    first.replaceWith(marker);
    for (const el of extra) el.remove();
  } else {
    const range = doc.createRange();
    const quote = kind === 'new' ? undefined : topQuote(body);
    if (quote) range.setStartBefore(quote);
    else {
      range.selectNodeContents(body);
      range.collapse(false);
    }
    range.collapse(true);
    range.insertNode(marker);
  }
  dispatchInput(body, win);
  return true;
}

/** Gmail's own signature block in the body, outside quoted text and outside ours. */
export function findNativeSignature(body: Element): HTMLElement | undefined {
  return queryAll(body, bodyNativeSignature).find((el) => !insideQuote(el, body) && !el.closest(markerSelector));
}

export function hasNativeSignature(body: Element): boolean {
  return findNativeSignature(body) !== undefined;
}

/** No text and no visible content (generic HTML, not Gmail's layout). */
function isBlank(el: Element): boolean {
  if ((el.textContent ?? '').trim() !== '') return false;
  return !el.querySelector('img, hr, table, input, iframe, video');
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
