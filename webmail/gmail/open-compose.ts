/**
 * Opening a new compose the way a user does: a click on Gmail's Compose button (found by its
 * language-independent `gh="cm"`), then the recipients typed into the To field.
 */
import type { MailAddress } from '@/contract/filings';
import { composeButton, composeToField } from './selectors';
import { eventConstructors, queryOptional, queryRequired, reportSelectorMiss, simulateClick } from '../dom';
import type { ComposeRegistry } from './compose-registry';
import type { GmailComposeHandle } from './compose-handle';

/** Wait for a compose that was not open before, or give up after `timeoutMs`. */
function waitForNewCompose(
  registry: ComposeRegistry,
  before: ReadonlySet<Element>,
  win: Window,
  timeoutMs: number,
): Promise<GmailComposeHandle | undefined> {
  return new Promise((resolve) => {
    const ctl = new AbortController();
    const timer = win.setTimeout(() => {
      ctl.abort();
      resolve(undefined);
    }, timeoutMs);
    registry.subscribe((handle) => {
      if (before.has(handle.parts.root) || ctl.signal.aborted) return;
      win.clearTimeout(timer);
      ctl.abort();
      resolve(handle);
    }, ctl.signal);
  });
}

/** Type addresses into the To field and let Gmail turn them into recipients (it does so on blur). */
export function fillRecipients(root: Element, to: MailAddress[], win: Window): boolean {
  // Optional: a compose from a mailto: link may already have its recipients and no empty field.
  const field = queryOptional<HTMLInputElement | HTMLTextAreaElement>(root, composeToField);
  if (!field || to.length === 0) return false;
  const value = to.map((a) => a.address.trim()).filter(Boolean).join(', ');
  // Through the prototype's setter, so a framework tracking the field sees a real edit.
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  const { Event: Ev, InputEvent: Input } = eventConstructors(win);
  field.dispatchEvent(new Input('input', { bubbles: true, inputType: 'insertText', data: value }));
  field.dispatchEvent(new Ev('change', { bubbles: true }));
  field.dispatchEvent(new Ev('blur'));
  return true;
}

export async function openCompose(
  doc: Document,
  win: Window,
  registry: ComposeRegistry,
  to: MailAddress[],
  timeoutMs = 5000,
): Promise<GmailComposeHandle | undefined> {
  let button: HTMLElement;
  try {
    button = queryRequired(doc, composeButton);
  } catch (err) {
    reportSelectorMiss('gmail', 'openCompose', err);
    return undefined;
  }
  const before = new Set<Element>(registry.scan().map((h) => h.parts.root));
  const appeared = waitForNewCompose(registry, before, win, timeoutMs);
  simulateClick(button, win);
  const handle = await appeared;
  if (handle) fillRecipients(handle.parts.root, to, win);
  return handle;
}
