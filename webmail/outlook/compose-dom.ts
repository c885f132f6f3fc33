/**
 * DOM walking for Outlook composes, across shadow roots: Outlook may draw its editor inside an
 * open shadow root, which `querySelector`, `closest` and a document-wide MutationObserver do not
 * enter. Lookups go through the Gmail adapter's selector helpers (first fallback that matches).
 */
import type { SelectorSpec } from '../selector-spec';
import { closestOf, queryAll } from '../dom';

type Root = Document | Element | ShadowRoot;

/** The element's parent, or the host of the shadow root it is the top of. */
export function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return (root as ShadowRoot).host ?? null;
}

/** Nearest ancestor-or-self matching `s`, climbing out of shadow roots. */
export function closestComposed<E extends Element = HTMLElement>(el: Element, s: SelectorSpec): E | undefined {
  for (let cur: Element | null = el; cur; ) {
    const found = closestOf<E>(cur, s);
    if (found) return found;
    const root = cur.getRootNode();
    cur = (root as ShadowRoot).host ?? null;
  }
  return undefined;
}

/** Open shadow roots under `scope`, nested ones included (callers keep `scope` small: a compose part). */
export function shadowRootsUnder(scope: Root): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const walk = (root: Root) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (el.shadowRoot) {
        out.push(el.shadowRoot);
        walk(el.shadowRoot);
      }
    }
  };
  walk(scope);
  return out;
}

/** All matches of `s` under `scope` and in the open shadow roots under `within` (compose parts). */
export function queryAllComposed<E extends Element = HTMLElement>(scope: Root, s: SelectorSpec, within: readonly Element[]): E[] {
  const found = queryAll<E>(scope as Element, s);
  for (const part of within) {
    for (const shadow of shadowRootsUnder(part)) found.push(...queryAll<E>(shadow as unknown as Element, s));
  }
  return found;
}

/** The deepest element of an event's path (inside open shadow roots), when it is an element. */
export function eventOrigin(e: Event): Element | undefined {
  const first = e.composedPath()[0] as Node | undefined;
  return first && first.nodeType === 1 ? (first as Element) : undefined;
}
