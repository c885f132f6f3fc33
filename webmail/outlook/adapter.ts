/**
 * The Outlook on the web implementation of the webmail contract (webmail/types.ts): the reading
 * half (reading-adapter.ts: the open message, its Message-ID, controls, attachments) and the
 * compose half (compose-adapter.ts: every compose, its From, "Write to").
 */
import type { WebmailAdapter } from '../types';
import { createOutlookComposePart, type OutlookComposeOptions } from './compose-adapter';
import { createOutlookReadingPart, type OutlookReadingOptions } from './reading-adapter';

export type OutlookAdapterOptions = OutlookReadingOptions & OutlookComposeOptions;

export function createOutlookAdapter(doc: Document, win: Window, options: OutlookAdapterOptions = {}): WebmailAdapter {
  return { provider: 'outlook', ...createOutlookReadingPart(doc, win, options), ...createOutlookComposePart(doc, win, options) };
}
