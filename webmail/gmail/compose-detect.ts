/**
 * Finding composes in Gmail's DOM and telling what they are: the pop-up "New Message" window
 * (`div.AD` / dialog), the pop-out window page, inline replies/forwards inside a conversation —
 * several may be open at once. Every compose has one `g_editable` body; its container is `div.M9`
 * (or, failing that, the nearest ancestor holding the compose form's hidden inputs).
 */
import type { ComposeKind } from '../types';
import {
  bodyQuote,
  bodyQuoteAttribution,
  composeBody,
  composeContainer,
  composeDraftInput,
  composeIdInput,
  composeReplyToMessageInput,
  composeSubjectInput,
} from './selectors';
import { closestOf, queryAll, queryOptional } from '../dom';
import { hiddenInputValue } from './form-inputs';
import { forwardSubjectPrefix, generatedComposeId, replySubjectPrefix } from '../compose-identity';

export interface ComposeParts {
  /** The compose container: form, body and toolbar live inside it. */
  root: HTMLElement;
  /** The editable body. */
  body: HTMLElement;
}

/** How far up to look for the form when `div.M9` is missing (a layout change). */
const maxClimb = 25;

export function composeRootOf(body: HTMLElement): HTMLElement {
  const container = closestOf(body, composeContainer);
  if (container) return container;
  let cur: HTMLElement | null = body.parentElement;
  for (let i = 0; cur && i < maxClimb; i++, cur = cur.parentElement) {
    if (queryOptional(cur, composeIdInput) || queryOptional(cur, composeSubjectInput)) return cur;
  }
  return body.parentElement ?? body;
}

/** Every compose under `scope`, in document order; nested matches (a body inside a body) are skipped. */
export function findComposes(scope: Document | Element): ComposeParts[] {
  const seen = new Set<HTMLElement>();
  const found: ComposeParts[] = [];
  for (const body of queryAll(scope, composeBody)) {
    if (body.parentElement && closestOf(body.parentElement, composeBody)) continue;
    const root = composeRootOf(body);
    if (seen.has(root)) continue;
    seen.add(root);
    found.push({ root, body });
  }
  return found;
}

/**
 * Gmail's `composeid` as is (the contract's id), else the draft id (`msg-a:r-…`), else an id of
 * ours held for the element's life.
 */
export function composeIdOf(root: Element): string {
  const composeId = hiddenInputValue(root, composeIdInput);
  if (composeId) return composeId;
  const draft = hiddenInputValue(root, composeDraftInput);
  if (draft) return draft.replace(/^#/, '');
  return generatedComposeId(root);
}

// Gmail's forwarded-message header starts with a dashed line in every language
// ("---------- Forwarded message ---------", "---------- Message transféré ---------").
const forwardAttribution = /^\s*-{5,}/;

export function composeKindOf(parts: ComposeParts): ComposeKind {
  const subject = queryOptional<HTMLInputElement>(parts.root, composeSubjectInput)?.value ?? '';
  const quote = queryOptional(parts.body, bodyQuote);
  const attribution = quote ? queryOptional(quote, bodyQuoteAttribution) : undefined;
  if (attribution && forwardAttribution.test(attribution.textContent ?? '')) return 'forward';
  if (forwardSubjectPrefix.test(subject)) return 'forward';
  const repliedTo = hiddenInputValue(parts.root, composeReplyToMessageInput);
  if (repliedTo || quote || replySubjectPrefix.test(subject)) return 'reply';
  return 'new';
}
