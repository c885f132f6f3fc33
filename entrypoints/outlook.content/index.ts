import { defineContentScript } from 'wxt/utils/define-content-script';
import { startWebmailCore } from '@/webmail/core';
import { noneAdapter } from '@/webmail/none';

/**
 * What every Outlook web page loads: the small core (`webmail/core.ts`) with the do-nothing
 * adapter until Outlook's own is written; the tab still reports which webmail it is.
 */
export default defineContentScript({
  matches: ['https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*'],
  // No stylesheet: the pill carries its few rules into its shadow root, never into Outlook's page.
  cssInjectionMode: 'manual',
  runAt: 'document_idle',
  main(ctx) {
    startWebmailCore(ctx, 'outlook', noneAdapter);
  },
});
