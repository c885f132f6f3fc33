/**
 * The compose part of the Outlook adapter (webmail/types.ts): composes found and followed, and
 * "Write to" opening one. Reading the open message is the other half of the adapter.
 */
import type { MailAddress } from '@/contract/filings';
import type { ComposeHandle, WebmailAdapter } from '../types';
import { OutlookComposeRegistry } from './compose-registry';
import { openCompose } from './compose-open';
import { reportSelectorMiss } from '../dom';

export interface OutlookComposeOptions {
  /** How long `openCompose` waits for Outlook's new compose. */
  openComposeTimeoutMs?: number;
}

export type OutlookComposePart = Pick<WebmailAdapter, 'onComposeOpened' | 'openCompose'>;

export function createOutlookComposePart(doc: Document, win: Window, options: OutlookComposeOptions = {}): OutlookComposePart {
  const registry = new OutlookComposeRegistry(doc, win);
  return {
    onComposeOpened(cb: (c: ComposeHandle) => void, signal: AbortSignal): void {
      registry.subscribe(cb, signal);
    },
    openCompose(to: MailAddress[]): Promise<ComposeHandle | undefined> {
      return openCompose(doc, win, registry, to, options.openComposeTimeoutMs).catch((err: unknown) => {
        reportSelectorMiss('outlook', 'openCompose', err);
        return undefined;
      });
    },
  };
}
