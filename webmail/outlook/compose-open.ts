/**
 * "Write to" in an Outlook tab: a click on "New mail" as a user makes it, then the recipients put
 * in the new compose's To well.
 */
import type { MailAddress } from '@/contract/filings';
import { eventConstructors, queryOptional, queryRequired, reportSelectorMiss, simulateClick } from '../dom';
import { composeToField, newMailButton } from './selectors';
import type { OutlookComposeRegistry } from './compose-registry';
import type { OutlookComposeHandle } from './compose-handle';

/** Wait for a compose that was not open before, or give up after `timeoutMs`. */
function waitForNewCompose(registry: OutlookComposeRegistry, before: ReadonlySet<Element>, win: Window, timeoutMs: number): Promise<OutlookComposeHandle | undefined> {
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

export async function openCompose(doc: Document, win: Window, registry: OutlookComposeRegistry, to: MailAddress[], timeoutMs = 5000): Promise<OutlookComposeHandle | undefined> {
  let button: HTMLElement;
  try {
    button = queryRequired(doc, newMailButton);
  } catch (err) {
    reportSelectorMiss('outlook', 'openCompose', err);
    return undefined;
  }
  const before = new Set<Element>(registry.scan().map((h) => h.parts.root));
  const appeared = waitForNewCompose(registry, before, win, timeoutMs);
  simulateClick(button, win);
  const handle = await appeared;
  if (handle) fillRecipients(handle.parts.root, to, win);
  return handle;
}
