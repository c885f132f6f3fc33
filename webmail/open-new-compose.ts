/**
 * "Write to" the way a user does it, the same for every webmail: a click on the webmail's own
 * new-mail button, then the recipients put in the compose that appears (each webmail says how).
 */
import type { MailAddress } from '@/contract/filings';
import type { RegisteredCompose } from './compose-registry';
import { queryRequired, reportSelectorMiss, simulateClick } from './dom';
import type { SelectorSpec } from './selector-spec';
import type { WebmailProvider } from './types';

/** What is read of a webmail's compose registry (ComposeRegistryBase). */
interface ComposeSource<H> {
  scan(): H[];
  subscribe(cb: (handle: H) => void, signal: AbortSignal): void;
}

/** Wait for a compose that was not open before, or give up after `timeoutMs`. */
function waitForNewCompose<H extends RegisteredCompose>(
  registry: ComposeSource<H>,
  before: ReadonlySet<Element>,
  win: Window,
  timeoutMs: number,
): Promise<H | undefined> {
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

export interface NewComposeSteps {
  provider: Exclude<WebmailProvider, 'none'>;
  /** The webmail's "Compose" / "New mail" button. */
  button: SelectorSpec;
  fillRecipients(root: Element, to: MailAddress[], win: Window): boolean;
}

export async function openNewCompose<H extends RegisteredCompose>(
  steps: NewComposeSteps,
  doc: Document,
  win: Window,
  registry: ComposeSource<H>,
  to: MailAddress[],
  timeoutMs = 5000,
): Promise<H | undefined> {
  let button: HTMLElement;
  try {
    button = queryRequired(doc, steps.button);
  } catch (err) {
    reportSelectorMiss(steps.provider, 'openCompose', err);
    return undefined;
  }
  const before = new Set<Element>(registry.scan().map((h) => h.parts.root));
  const appeared = waitForNewCompose(registry, before, win, timeoutMs);
  simulateClick(button, win);
  const handle = await appeared;
  if (handle) steps.fillRecipients(handle.parts.root, to, win);
  return handle;
}
