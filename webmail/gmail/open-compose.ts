/**
 * Opening a new compose the way a user does: a click on Gmail's Compose button (found by its
 * language-independent `gh="cm"`), then the recipients typed into the To field.
 */
import type { MailAddress } from '@/contract/filings';
import { composeButton, composeToField } from './selectors';
import { eventConstructors, queryOptional } from '../dom';
import { openNewCompose } from '../open-new-compose';
import type { ComposeRegistry } from './compose-registry';
import type { GmailComposeHandle } from './compose-handle';

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

export function openCompose(
  doc: Document,
  win: Window,
  registry: ComposeRegistry,
  to: MailAddress[],
  timeoutMs?: number,
): Promise<GmailComposeHandle | undefined> {
  return openNewCompose({ provider: 'gmail', button: composeButton, fillRecipients }, doc, win, registry, to, timeoutMs);
}
