/**
 * "Write to" in an Outlook tab: a click on "New mail" as a user makes it, then the recipients put
 * in the new compose's To well.
 */
import type { MailAddress } from '@/contract/filings';
import { eventConstructors, queryOptional } from '../dom';
import { openNewCompose } from '../open-new-compose';
import { composeToField, newMailButton } from './selectors';
import type { OutlookComposeRegistry } from './compose-registry';
import type { OutlookComposeHandle } from './compose-handle';

/**
 * Put the addresses in the To well as typed text, which Outlook's picker turns into recipients
 * (it resolves typed addresses on send or when the field is left). `insertText` is what typing
 * does in a contenteditable; where the engine has no such command the text is set directly.
 */
export function fillRecipients(root: Element, to: MailAddress[], win: Window): boolean {
  const field = queryOptional<HTMLElement>(root, composeToField);
  const value = to.map((a) => a.address.trim()).filter(Boolean).join('; ');
  if (!field || !value) return false;
  const doc = root.ownerDocument;
  const { Event: Ev, InputEvent: Input, FocusEvent: Focus } = { ...eventConstructors(win), FocusEvent: (win as unknown as { FocusEvent?: typeof FocusEvent }).FocusEvent ?? FocusEvent };
  if (field instanceof (win as unknown as { HTMLInputElement: typeof HTMLInputElement }).HTMLInputElement) {
    field.value = value;
  } else {
    field.focus();
    const typed = typeof doc.execCommand === 'function' && doc.activeElement === field && doc.execCommand('insertText', false, value);
    if (!typed) field.textContent = value;
  }
  field.dispatchEvent(new Input('input', { bubbles: true, inputType: 'insertText', data: value }));
  field.dispatchEvent(new Ev('change', { bubbles: true }));
  field.dispatchEvent(new Focus('blur'));
  return true;
}

export function openCompose(doc: Document, win: Window, registry: OutlookComposeRegistry, to: MailAddress[], timeoutMs?: number): Promise<OutlookComposeHandle | undefined> {
  return openNewCompose({ provider: 'outlook', button: newMailButton, fillRecipients }, doc, win, registry, to, timeoutMs);
}
