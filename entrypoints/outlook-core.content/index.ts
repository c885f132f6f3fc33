import { defineContentScript } from 'wxt/utils/define-content-script';
import { webmailMatches } from '@/webmail/registry';
import { startWebmailCore } from '@/webmail/core';
import { createOutlookAdapter } from '@/webmail/outlook/adapter';

/**
 * Outlook web's page core: the Outlook adapter and the small core (`webmail/core.ts`). Injected by
 * the background when the loader (`entrypoints/outlook.content`) sees the page idle.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: webmailMatches('outlook'),
  // No stylesheet: the pill carries its few rules into its shadow root, never into Outlook's page.
  cssInjectionMode: 'manual',
  main(ctx) {
    startWebmailCore(ctx, 'outlook', createOutlookAdapter(document, window));
  },
});
