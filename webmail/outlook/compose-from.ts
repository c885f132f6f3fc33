/**
 * The compose's "From" in Outlook: a From well shown on demand (hidden, mail goes from the primary
 * address; an inline reply has none), whose menu button opens a Fluent menu listing the send-as
 * addresses (the user's own, shared mailboxes) and "Other email address". The menu exists only
 * while open, so the choices Outlook offers are known once a From menu has been shown on the page
 * (it lists the same addresses in every compose of the mailbox): `FromChoiceMemory` keeps them.
 */
import { eventConstructors, listen, queryAll, queryOptional, simulateClick } from '../dom';
import { composeFromAddress, composeFromButton, menuChoice, openMenu } from './selectors';
import { eventOrigin } from './compose-dom';

const addressPattern = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

function norm(address: string | null | undefined): string | undefined {
  const a = address?.trim().toLowerCase();
  return a ? a : undefined;
}

const addressIn = (text: string | null | undefined) => norm(addressPattern.exec(text ?? '')?.[0]);

/** The addresses the page's From menus offered, newest menu wins. One per page (the mailbox's list). */
export class FromChoiceMemory {
  private choices: string[] = [];
  remember(choices: readonly string[]): void {
    if (choices.length > 0) this.choices = [...choices];
  }
  get known(): readonly string[] {
    return this.choices;
  }
}

export function fromButtonOf(root: Element): HTMLElement | undefined {
  return queryOptional(root, composeFromButton);
}

/** The From shown now, lower-cased; undefined when the From well is hidden (inline reply, default). */
export function readFrom(root: Element): string | undefined {
  const button = fromButtonOf(root);
  if (!button) return undefined;
  const well = button.parentElement ?? button;
  return addressIn(queryOptional(well, composeFromAddress)?.getAttribute('title')) ?? addressIn(well.textContent) ?? addressIn(button.getAttribute('aria-label'));
}

/** This compose's From menu while it is open: the one the button points to, else the open menu. */
export function openFromMenu(root: Element): HTMLElement | undefined {
  const button = fromButtonOf(root);
  if (!button) return undefined;
  const doc = root.ownerDocument;
  const owned = button.getAttribute('aria-controls') ?? button.getAttribute('aria-owns');
  const byId = owned ? doc.getElementById(owned) : null;
  if (byId) return byId;
  if (button.getAttribute('aria-expanded') !== 'true') return undefined;
  return queryAll(doc, openMenu).at(-1);
}

/** The menu's entries that carry an address ("Other email address" has none). */
function addressItems(menu: Element): { el: HTMLElement; address: string }[] {
  const out: { el: HTMLElement; address: string }[] = [];
  for (const el of queryAll(menu, menuChoice)) {
    const address = addressIn(el.getAttribute('title')) ?? addressIn(el.textContent);
    if (address && !out.some((o) => o.address === address)) out.push({ el, address });
  }
  return out;
}

/**
 * The choices Outlook offers: the open menu's, else those of the last From menu shown on the
 * page. Empty when the From well is hidden or no menu has been seen yet: unknown, `chooseFrom`
 * then opens the menu to find out.
 */
export function listFromChoices(root: Element, memory: FromChoiceMemory): string[] {
  if (!fromButtonOf(root)) return [];
  const menu = openFromMenu(root);
  if (menu) memory.remember(addressItems(menu).map((i) => i.address));
  return [...memory.known];
}

/**
 * Resolves with `read()` once it gives a value — checked now and on every change of the page
 * (Outlook draws its menu and the new From in its own time) — or undefined after `timeoutMs`.
 */
function waitFor<T>(win: Window, read: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const now = read();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise((resolve) => {
    const doc = win.document;
    const Observer = (win as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver;
    const finish = (value: T | undefined) => {
      observer.disconnect();
      win.clearTimeout(timer);
      resolve(value);
    };
    const observer = new Observer(() => {
      const value = read();
      if (value !== undefined) finish(value);
    });
    observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
    const timer = win.setTimeout(() => finish(read()), timeoutMs);
  });
}

function closeMenu(menu: Element, win: Window): void {
  const { KeyboardEvent: Key } = eventConstructors(win);
  menu.dispatchEvent(new Key('keydown', { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true }));
}

export interface ChooseFromTimings {
  /** How long to wait for Outlook to draw the menu, and then to show the new From. */
  menuTimeoutMs?: number;
}

/**
 * Choose a send-as address: open the From menu (a simulated click, as a user would), click the
 * entry with that address, and wait for the well to show it. Resolves false when the well is
 * hidden, the address is not offered (the menu is closed again) or Outlook did not follow.
 */
export async function chooseFrom(root: Element, address: string, win: Window, memory: FromChoiceMemory, timings: ChooseFromTimings = {}): Promise<boolean> {
  const target = norm(address);
  const button = fromButtonOf(root);
  if (!target || !button) return false;
  if (readFrom(root) === target) return true;
  const timeout = timings.menuTimeoutMs ?? 1500;
  let menu = openFromMenu(root);
  if (!menu) {
    simulateClick(button, win);
    menu = await waitFor(win, () => {
      const m = openFromMenu(root);
      return m && addressItems(m).length > 0 ? m : undefined;
    }, timeout);
  }
  if (!menu) return false;
  const items = addressItems(menu);
  memory.remember(items.map((i) => i.address));
  const item = items.find((i) => i.address === target);
  if (!item) {
    closeMenu(menu, win);
    return false;
  }
  simulateClick(item.el, win);
  return (await waitFor(win, () => (readFrom(root) === target ? true : undefined), timeout)) === true;
}

/**
 * Watch for the user picking another From: a click in a menu or on the From button (checked once
 * Outlook's handler ran; the menu is remembered on the way), or a change of the well's text.
 */
export function watchFrom(root: Element, win: Window, signal: AbortSignal, memory: FromChoiceMemory, onChange: () => void): void {
  if (signal.aborted) return;
  const check = () => {
    if (signal.aborted) return;
    const menu = openFromMenu(root);
    if (menu) memory.remember(addressItems(menu).map((i) => i.address));
    onChange();
  };
  listen(root.ownerDocument, 'click', (e) => {
    const origin = eventOrigin(e);
    if (origin && (origin.closest('[role="menu"]') || fromButtonOf(root)?.contains(origin))) win.setTimeout(check, 0);
  }, signal, true);
  const observer = new (win as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver(check);
  const well = fromButtonOf(root)?.parentElement;
  if (well) observer.observe(well, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['title', 'aria-controls', 'aria-expanded'] });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
