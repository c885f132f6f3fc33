/**
 * Our signature inside a compose body, for every webmail. Ours is wrapped in ONE marker element
 * (`div[data-mailroom-signature="<id>"]`) so it can be found, replaced in place or removed (the
 * Nylas Mail approach, WEBMAIL-FACTS.md). On a reply/forward it goes right above the provider's
 * reply anchor (Gmail: the quoted block; Outlook: `#appendonsend`/`#divRplyFwdMsg`), on a new
 * message at the end. DOM changes are followed by an `input` event so the webmail saves the draft;
 * the user's selection is never touched — live ranges follow the insertion, and we never focus
 * or select anything. Each provider describes its body's layout
 * (`SignatureLayout`); the rules here are the same for all.
 */
import type { ComposeKind } from './types';
import type { SelectorSpec } from './selector-spec';
import { dispatchInput, matchesAny, queryAll } from './dom';

export const signatureMarkerAttribute = 'data-mailroom-signature';
export const signatureMarkerSelector = `[${signatureMarkerAttribute}]`;

/**
 * Where things sit in one webmail's compose body. Gmail's quote is one wrapper; Outlook's is a
 * run of siblings from its start on: each says what "quoted" means for its own body.
 */
export interface SignatureLayout {
  /**
   * For one body, whether an element of it is quoted earlier mail (a marker there belongs to a
   * quoted message, not to this compose). A factory: what it needs of the body is read once.
   */
  quotedIn(body: Element): (el: Element) => boolean;
  /** On a reply/forward, ours goes right before this element, in its parent; none: at the end. */
  replyAnchor(body: Element): Element | undefined;
}

/** Whether `el` is inside an element matching `quote`, below `body`. */
export function insideQuote(el: Element, body: Element, quote: SelectorSpec): boolean {
  for (let cur = el.parentElement; cur && cur !== body; cur = cur.parentElement) {
    if (matchesAny(cur, quote)) return true;
  }
  return false;
}

/** A layout whose quote is one wrapper (`quote`) and whose reply anchor is the first `replyAnchor` outside quotes and ours. */
export function wrappedQuoteLayout(quote: SelectorSpec, replyAnchor: SelectorSpec): SignatureLayout {
  return {
    quotedIn: (body) => (el) => insideQuote(el, body, quote),
    replyAnchor: (body) => queryAll(body, replyAnchor).find((q) => !insideQuote(q, body, quote) && !q.closest(signatureMarkerSelector)),
  };
}

/** Our markers in the body, outside quoted text (a quoted earlier mail may carry an old one). */
export function findOurSignatures(body: Element, layout: SignatureLayout): HTMLElement[] {
  const quoted = layout.quotedIn(body);
  return Array.from(body.querySelectorAll<HTMLElement>(signatureMarkerSelector)).filter(
    (el) => !quoted(el) && !el.parentElement?.closest(signatureMarkerSelector),
  );
}

export function currentSignatureId(body: Element, layout: SignatureLayout): string | undefined {
  return findOurSignatures(body, layout)[0]?.getAttribute(signatureMarkerAttribute) ?? undefined;
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
 * when the same signature is already there, so the webmail does not save a draft for nothing).
 */
export function setSignature(
  body: HTMLElement,
  /** Read only when inserting (a replacement stays where it is): a getter spares reading the compose. */
  kind: ComposeKind | (() => ComposeKind),
  signature: { id: string; html: string } | null,
  win: Window,
  layout: SignatureLayout,
): boolean {
  const doc = body.ownerDocument;
  const existing = findOurSignatures(body, layout);
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
    const anchor = (typeof kind === 'function' ? kind() : kind) === 'new' ? undefined : layout.replyAnchor(body);
    // Right before the anchor, in its own parent (the webmail may wrap its quote in a block), else
    // at the end: where a Range's insertNode would put it, and live ranges follow it the same way
    // (jsdom measured the Range at ~3x the cost, bench/outlook/compose-swap.bench.ts).
    if (anchor?.parentNode) anchor.parentNode.insertBefore(marker, anchor);
    else body.append(marker);
  }
  dispatchInput(body, win);
  return true;
}

/** No text and no visible content (generic HTML, not any webmail's layout). */
export function isBlank(el: Element): boolean {
  if ((el.textContent ?? '').trim() !== '') return false;
  return !el.querySelector('img, hr, table, input, iframe, video');
}
