/**
 * Our signature inside a compose body, for every webmail. Ours is wrapped in ONE marker element
 * (`div[data-mailroom-signature="<id>"]`) so it can be found, replaced in place or removed (the
 * Nylas Mail approach, WEBMAIL-FACTS.md). On a reply/forward it goes right above the provider's
 * reply anchor (Gmail: the quoted block; Outlook: `#appendonsend`/`#divRplyFwdMsg`), on a new
 * message at the end. DOM changes go through a Range and are followed by an `input` event so the
 * webmail saves the draft; the user's selection is never touched — live ranges follow the
 * insertion, and we never focus or select anything. Each provider describes its body's layout
 * (`SignatureLayout`); the rules here are the same for all.
 */
import type { ComposeKind } from './types';
import type { SelectorSpec } from './selector-spec';
import { dispatchInput, matchesAny, queryAll } from './dom';

export const signatureMarkerAttribute = 'data-mailroom-signature';
export const signatureMarkerSelector = `[${signatureMarkerAttribute}]`;

/** Where things sit in one webmail's compose body. */
export interface SignatureLayout {
  /** Quoted earlier mail: a marker inside it belongs to a quoted message, not to this compose. */
  readonly quote: SelectorSpec;
  /** On a reply/forward, ours goes right before the first match outside quotes and outside ours. */
  readonly replyAnchor: SelectorSpec;
}

export function insideQuote(el: Element, body: Element, layout: SignatureLayout): boolean {
  for (let cur = el.parentElement; cur && cur !== body; cur = cur.parentElement) {
    if (matchesAny(cur, layout.quote)) return true;
  }
  return false;
}

/** Our markers in the body, outside quoted text (a quoted earlier mail may carry an old one). */
export function findOurSignatures(body: Element, layout: SignatureLayout): HTMLElement[] {
  return Array.from(body.querySelectorAll<HTMLElement>(signatureMarkerSelector)).filter(
    (el) => !insideQuote(el, body, layout) && !el.parentElement?.closest(signatureMarkerSelector),
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

/** The first reply anchor directly in the body (not inside quoted text, not inside ours). */
function replyAnchorOf(body: Element, layout: SignatureLayout): Element | undefined {
  return queryAll(body, layout.replyAnchor).find((q) => !insideQuote(q, body, layout) && !q.closest(signatureMarkerSelector));
}

/**
 * Put, replace or remove our signature. Returns whether the body changed (nothing is dispatched
 * when the same signature is already there, so the webmail does not save a draft for nothing).
 */
export function setSignature(
  body: HTMLElement,
  kind: ComposeKind,
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
    const range = doc.createRange();
    const anchor = kind === 'new' ? undefined : replyAnchorOf(body, layout);
    if (anchor) range.setStartBefore(anchor);
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

/** No text and no visible content (generic HTML, not any webmail's layout). */
export function isBlank(el: Element): boolean {
  if ((el.textContent ?? '').trim() !== '') return false;
  return !el.querySelector('img, hr, table, input, iframe, video');
}
