/**
 * Our signature inside an Outlook compose body, and Outlook's own (`div#Signature`). Ours is the
 * same marker element as in Gmail (`div[data-mailroom-signature="<id>"]`, the marker attribute is
 * and selector from the shared marker logic, `webmail/signature-marker.ts`) so a draft or a mail moving between webmails keeps one
 * meaning. What differs is Outlook's layout: its quote is not one wrapper but a run of siblings
 * (`#appendonsend`, an `<hr>`, `#divRplyFwdMsg`, the earlier body), so "quoted" means "from the
 * quote's start on", and ours goes right above that start. DOM changes are followed by an `input`
 * event so Outlook saves the draft; the user's selection is never touched.
 */
import type { ComposeKind } from '../types';
import { signatureMarkerAttribute, signatureMarkerSelector } from '../signature-marker';
import { dispatchInput, queryAll } from '../dom';
import { bodyNativeSignature, composeQuoteStart } from './selectors';

const markerSelector = signatureMarkerSelector;

/**
 * Where Outlook's quote starts, outside ours: `#appendonsend`, else the `<hr>` right before
 * `#divRplyFwdMsg`, else `#divRplyFwdMsg` itself.
 */
export function quoteStart(body: Element): Element | undefined {
  const start = queryAll(body, composeQuoteStart).find((el) => !el.closest(markerSelector));
  if (!start) return undefined;
  const before = start.previousElementSibling;
  return start.id !== 'appendonsend' && before?.tagName === 'HR' ? before : start;
}

/** In the quoted part: the quote's start itself, inside it, or after it. */
function isQuoted(el: Element, start: Element | undefined): boolean {
  if (!start) return false;
  return start === el || start.contains(el) || (start.compareDocumentPosition(el) & 4) !== 0; // DOCUMENT_POSITION_FOLLOWING
}

/** Our markers in the body, before the quote (a quoted earlier mail may carry an old one). */
export function findOurSignatures(body: Element): HTMLElement[] {
  const start = quoteStart(body);
  return Array.from(body.querySelectorAll<HTMLElement>(markerSelector)).filter(
    (el) => !isQuoted(el, start) && !el.parentElement?.closest(markerSelector),
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

/**
 * Put, replace or remove our signature. Returns whether the body changed (nothing is dispatched
 * when the same signature is already there, so Outlook does not save a draft for nothing).
 */
export function setSignature(
  body: HTMLElement,
  /** Read only when inserting (a replacement stays where it is): a getter spares reading the compose. */
  kind: ComposeKind | (() => ComposeKind),
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
    first.replaceWith(marker);
    for (const el of extra) el.remove();
  } else {
    const start = (typeof kind === 'function' ? kind() : kind) === 'new' ? undefined : quoteStart(body);
    // Above the quote's start, in its own parent (Outlook may wrap the quote in a block).
    if (start?.parentNode) start.parentNode.insertBefore(marker, start);
    else {
      const range = doc.createRange();
      range.selectNodeContents(body);
      range.collapse(false);
      range.insertNode(marker);
    }
  }
  dispatchInput(body, win);
  return true;
}

/** Outlook's own signature in the body, before the quote and outside ours. */
export function findNativeSignature(body: Element): HTMLElement | undefined {
  const start = quoteStart(body);
  return queryAll(body, bodyNativeSignature).find((el) => !isQuoted(el, start) && !el.closest(markerSelector));
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
