/**
 * Lookups over `SelectorSpec`s: the first fallback that matches wins. A required lookup throws a
 * `SelectorError` carrying a censored outline; an optional one returns undefined. Misses are logged
 * once per selector name so a broken layout is visible without flooding the console. Shared by
 * every provider; logs name the provider (`[mailroom:outlook] …`).
 */
import { SelectorError, type WebmailProvider } from './types';
import { censoredOutline } from './outline';
import type { SelectorSpec } from './selector-spec';

type Root = Element | Document;

export function queryOptional<E extends Element = HTMLElement>(root: Root, s: SelectorSpec): E | undefined {
  for (const css of s.css) {
    const found = root.querySelector<E>(css);
    if (found) return found;
  }
  return undefined;
}

/** All matches of the first fallback that matches anything (fallbacks are layouts, not unions). */
export function queryAll<E extends Element = HTMLElement>(root: Root, s: SelectorSpec): E[] {
  for (const css of s.css) {
    const found = root.querySelectorAll<E>(css);
    if (found.length > 0) return Array.from(found);
  }
  return [];
}

/** Nearest ancestor (or self) matching any fallback. */
export function closestOf<E extends Element = HTMLElement>(el: Element, s: SelectorSpec): E | undefined {
  for (const css of s.css) {
    const found = el.closest<E>(css);
    if (found) return found;
  }
  return undefined;
}

export function matchesAny(el: Element, s: SelectorSpec): boolean {
  return s.css.some((css) => el.matches(css));
}

export function queryRequired<E extends Element = HTMLElement>(root: Root, s: SelectorSpec): E {
  const found = queryOptional<E>(root, s);
  if (found) return found;
  throw new SelectorError(s.name, censoredOutline(root, { maxDepth: 5, maxNodes: 120 }));
}

const reported = new Set<string>();

/** The console prefix of a provider's logs. */
export const logPrefix = (provider: WebmailProvider): string => `[mailroom:${provider}]`;

/** Log a miss (once per provider and selector) with its censored outline; never throws. */
export function reportSelectorMiss(provider: WebmailProvider, feature: string, err: unknown): void {
  if (!(err instanceof SelectorError)) {
    console.warn(`${logPrefix(provider)} ${feature} failed`, err);
    return;
  }
  const key = `${provider}:${feature}:${err.selectorName}`;
  if (reported.has(key)) return;
  reported.add(key);
  console.warn(`${logPrefix(provider)} ${feature}: selector "${err.selectorName}" found nothing\n${err.outline}`);
}

/** A listener of ours failed: logged, and the other listeners still run (CONVENTIONS.md). */
export function reportListenerFailure(provider: WebmailProvider, what: string, err: unknown): void {
  console.warn(`${logPrefix(provider)} ${what} listener failed`, err);
}

/** Whether the element or an ancestor is hidden inline — webmails keep stale views with `display:none`. */
export function isHiddenInline(el: Element): boolean {
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    if (cur.hasAttribute('hidden')) return true;
    // The attribute, not `.style`: building a CSSStyleDeclaration per ancestor is costly (bench/gmail).
    const style = cur.getAttribute('style');
    if (style && displayNone.test(style)) return true;
  }
  return false;
}

const displayNone = /(?:^|;)\s*display\s*:\s*none\b/i;

/**
 * A click the way a user makes one: webmail menus (Gmail's, Outlook's) react to mousedown/mouseup,
 * not to `click()` alone (InboxSDK simulates the same sequence).
 */
export function simulateClick(el: Element, win: Window): void {
  const Mouse = eventConstructors(win).MouseEvent;
  const init: MouseEventInit = { bubbles: true, cancelable: true, view: win, button: 0 };
  for (const type of ['mouseover', 'mousedown', 'mouseup', 'click'] as const) {
    el.dispatchEvent(new Mouse(type, init));
  }
}

interface EventConstructors {
  MouseEvent: typeof MouseEvent;
  InputEvent: typeof InputEvent;
  Event: typeof Event;
  KeyboardEvent: typeof KeyboardEvent;
}

/** The page window's own event classes (a content script's globals may belong to another realm). */
export function eventConstructors(win: Window): EventConstructors {
  const w = win as unknown as Partial<EventConstructors>;
  return {
    MouseEvent: w.MouseEvent ?? MouseEvent,
    InputEvent: w.InputEvent ?? InputEvent,
    Event: w.Event ?? Event,
    KeyboardEvent: w.KeyboardEvent ?? KeyboardEvent,
  };
}

/** Tell the webmail the body changed so it saves the draft (WEBMAIL-FACTS.md, "Inserting HTML"). */
export function dispatchInput(el: Element, win: Window): void {
  const { InputEvent: Input } = eventConstructors(win);
  el.dispatchEvent(new Input('input', { bubbles: true, inputType: 'insertReplacementText' }));
}

/**
 * addEventListener tied to a signal. Removal is done by hand rather than with the `signal` option:
 * the signal may come from another realm (the extension's world, a test's jsdom) and some
 * engines reject a foreign AbortSignal there.
 */
export function listen(
  target: EventTarget,
  type: string,
  handler: (e: Event) => void,
  signal: AbortSignal,
  capture = false,
): void {
  if (signal.aborted) return;
  target.addEventListener(type, handler, capture);
  signal.addEventListener('abort', () => target.removeEventListener(type, handler, capture), { once: true });
}
