/**
 * The compose's "From" address and the account's "send mail as" aliases. Gmail keeps the chosen
 * address in the hidden `input[name=from]` and offers the others in a menu
 * (`div[role=menu] div[role=menuitem][value]`) opened from the From field; choosing one is a
 * simulated click on the field, then on the item (InboxSDK's from-manager does the same).
 */
import {
  addressElement,
  composeContainer,
  composeFromChoice,
  composeFromControl,
  composeFromInput,
  composeFromSelect,
  fromChoiceClickTarget,
} from './selectors';
import { closestOf, eventConstructors, listen, queryAll, queryOptional, simulateClick } from '../dom';
import { hiddenInputValue } from './form-inputs';

function norm(address: string | null | undefined): string | undefined {
  const a = address?.trim().toLowerCase();
  return a ? a : undefined;
}

/** The "From" shown now, lower-cased; undefined when the compose shows none (single-address account). */
export function readFrom(root: Element): string | undefined {
  const select = queryOptional<HTMLSelectElement>(root, composeFromSelect);
  if (select) return norm(select.value);
  const fromInput = norm(hiddenInputValue(root, composeFromInput));
  if (fromInput) return fromInput;
  // Some layouts leave the input empty until a change; the field's own label carries the address.
  const control = queryOptional(root, composeFromControl);
  return norm(control ? queryOptional(control, addressElement)?.getAttribute('email') : undefined);
}

/** Menu items for this compose: its own menu first, else a page-level menu not owned by another compose. */
export function fromChoiceElements(root: Element): HTMLElement[] {
  const own = queryAll(root, composeFromChoice);
  if (own.length > 0) return own;
  return queryAll(root.ownerDocument, composeFromChoice).filter((el) => !closestOf(el, composeContainer));
}

export function listFromChoices(root: Element): string[] {
  const out: string[] = [];
  const select = queryOptional<HTMLSelectElement>(root, composeFromSelect);
  const values = select ? Array.from(select.options, (o) => o.value) : fromChoiceElements(root).map((el) => el.getAttribute('value'));
  for (const value of values) {
    const a = norm(value);
    if (a && !out.includes(a)) out.push(a);
  }
  return out;
}

/**
 * Choose an alias. Resolves false when Gmail does not offer it. After the clicks, Gmail has
 * updated `input[name=from]` itself; if it has not (a layout where the item reacts differently, or
 * a static test page), we mirror the choice in the input and the menu so the compose reads back
 * what was chosen.
 */
export async function chooseFrom(root: Element, address: string, win: Window): Promise<boolean> {
  const target = norm(address);
  if (!target) return false;
  if (readFrom(root) === target) return true;
  const select = queryOptional<HTMLSelectElement>(root, composeFromSelect);
  if (select) {
    const option = Array.from(select.options).find((o) => norm(o.value) === target);
    if (!option) return false;
    select.value = option.value;
    select.dispatchEvent(new (eventConstructors(win).Event)('change', { bubbles: true }));
    return true;
  }
  const item = fromChoiceElements(root).find((el) => norm(el.getAttribute('value')) === target);
  if (!item) return false;
  const control = queryOptional(root, composeFromControl);
  if (control) simulateClick(control, win);
  simulateClick(item, win);
  if (readFrom(root) !== target) {
    const input = queryOptional<HTMLInputElement>(root, composeFromInput);
    if (input) {
      const value = item.getAttribute('value') ?? address;
      // The attribute first: it keeps `.value` in step with later attribute updates (Gmail's or a
      // test page's); the property only when it had already been edited.
      input.setAttribute('value', value);
      if (input.value !== value) input.value = value;
    }
    for (const el of fromChoiceElements(root)) el.setAttribute('aria-selected', String(el === item));
  }
  return true;
}

/**
 * Watch for the user picking another "From": a click on a menu item (checked after Gmail's own
 * handler ran) or a change of the input's attribute or of the field's label.
 */
export function watchFrom(root: Element, win: Window, signal: AbortSignal, onChange: () => void): void {
  if (signal.aborted) return;
  const check = () => {
    if (!signal.aborted) onChange();
  };
  const onClick = (e: Event) => {
    const target = e.target as Element | null;
    if (target?.nodeType === 1 && closestOf(target, fromChoiceClickTarget)) win.setTimeout(check, 0);
  };
  listen(root.ownerDocument, 'click', onClick, signal, true);
  const observer = new (win as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver(check);
  const input = queryOptional(root, composeFromInput);
  if (input) observer.observe(input, { attributes: true, attributeFilter: ['value'] });
  const select = queryOptional(root, composeFromSelect);
  if (select) listen(select, 'change', check, signal);
  const control = queryOptional(root, composeFromControl);
  if (control) observer.observe(control, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['email'] });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
