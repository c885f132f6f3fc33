/**
 * The Outlook on the web implementation of the webmail contract (webmail/types.ts). For now the
 * compose half (compose-adapter.ts); reading the open message answers like the do-nothing adapter
 * until the reading half joins it here.
 */
import type { WebmailAdapter } from '../types';
import { noneAdapter } from '../none';
import { createOutlookComposePart, type OutlookComposeOptions } from './compose-adapter';

export function createOutlookAdapter(doc: Document, win: Window, options: OutlookComposeOptions = {}): WebmailAdapter {
  return { ...noneAdapter, provider: 'outlook', ...createOutlookComposePart(doc, win, options) };
}
