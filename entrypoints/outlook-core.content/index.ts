import { defineContentScript } from 'wxt/utils/define-content-script';
import { webmailMatches } from '@/webmail/registry';
import { startWebmailCore } from '@/webmail/core';
import { noneAdapter } from '@/webmail/none';

/**
 * Outlook web's page core (`webmail/core.ts`) with the do-nothing adapter until Outlook's own is
 * written; the tab still reports which webmail it is. Injected by the background when the loader
 * (`entrypoints/outlook.content`) sees the page idle.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: webmailMatches('outlook'),
  // No stylesheet: the pill carries its few rules into its shadow root, never into Outlook's page.
  cssInjectionMode: 'manual',
  main(ctx) {
    startWebmailCore(ctx, 'outlook', noneAdapter);
  },
});
