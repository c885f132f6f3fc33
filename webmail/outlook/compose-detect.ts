/**
 * Finding composes in Outlook's page and telling what they are: a new message (full page, in the
 * reading pane, in the pop-out window), an inline reply or forward in the conversation, a saved
 * draft reopened — several may be open at once. Every compose has one editable body (possibly in
 * an open shadow root); its container is the docking part around it.
 */
import type { ComposeKind } from '../types';
import { composeBody, composeContainer, composeEditorParent, composeSendButton, composeSubjectInput, bodyQuoteHeader } from './selectors';
import { queryAll, queryOptional } from '../dom';
import { closestComposed, composedParent, queryAllComposed } from './compose-dom';
import { forwardSubjectPrefix, generatedComposeId, replySubjectPrefix } from '../compose-identity';

export interface OutlookComposeParts {
  /** The compose container: form fields, toolbar and editor live inside it (the editor maybe in a shadow root). */
  root: HTMLElement;
  /** The editable body. */
  body: HTMLElement;
}

/** How far up to look for the Send button when the docking part is missing (a layout change). */
const maxClimb = 25;

/** The compose an editor belongs to: its docking part, else the nearest ancestor holding a Send button. */
export function composeRootOf(body: HTMLElement): HTMLElement {
  const container = closestComposed(body, composeContainer);
  if (container) return container;
  let cur: Element | null = composedParent(body);
  for (let i = 0; cur && i < maxClimb; i++, cur = composedParent(cur)) {
    if (queryOptional(cur, composeSendButton)) return cur as HTMLElement;
  }
  return (composedParent(body) as HTMLElement | null) ?? body;
}

/** The compose of an element that is, or sits in, an editor (a focus inside a shadow root). */
export function composeOfEditor(el: Element): OutlookComposeParts | undefined {
  const body = closestComposed(el, composeBody);
  return body ? { root: composeRootOf(body), body } : undefined;
}

/** Every compose in the page, in document order; a body nested in another body is skipped. */
export function findComposes(doc: Document): OutlookComposeParts[] {
  const containers = queryAll(doc, composeContainer);
  const seen = new Set<HTMLElement>();
  const found: OutlookComposeParts[] = [];
  for (const body of queryAllComposed(doc, composeBody, containers)) {
    const parent = composedParent(body);
    if (parent && closestComposed(parent, composeBody)) continue;
    const root = composeRootOf(body);
    if (seen.has(root)) continue;
    seen.add(root);
    found.push({ root, body });
  }
  return found;
}

/**
 * The editor's `#editorParent_<n>` id (n is per open compose; the docking part's id is a slot that
 * later composes reuse), else an id of ours held for the element's life.
 */
export function composeIdOf(parts: OutlookComposeParts): string {
  const parent = closestComposed(parts.body, composeEditorParent);
  if (parent?.id) return `outlook:${parent.id}`;
  return generatedComposeId(parts.root);
}


/**
 * Forward or reply by the subject's prefix (an inline reply has no subject field); else reply when
 * Outlook's quoted header is in the body; else new.
 */
export function composeKindOf(parts: OutlookComposeParts): ComposeKind {
  const subject = queryOptional<HTMLInputElement>(parts.root, composeSubjectInput)?.value ?? '';
  if (forwardSubjectPrefix.test(subject)) return 'forward';
  if (replySubjectPrefix.test(subject) || queryOptional(parts.body, bodyQuoteHeader)) return 'reply';
  return 'new';
}

/**
 * A page showing a saved draft: its pop-out window (`/mail/deeplink/compose/<item id>`) or the
 * Drafts folder with the draft open (`/mail/drafts/id/<item id>`); outlook.live.com adds `/0`.
 * A new compose's pop-out (`/mail/deeplink/compose?popoutv2=1`) carries no id.
 */
export function isSavedDraftLocation(pathname: string): boolean {
  return /^\/mail\/(?:\d+\/)?(?:deeplink\/compose|drafts\/id)\/[^/?#]+/.test(pathname);
}
