import { defineContentScript } from 'wxt/utils/define-content-script';
import { startWebmailCore } from '@/webmail/core';
import { createGmailAdapter } from '@/webmail/gmail/adapter';

/**
 * What every Gmail page loads: the adapter and the small core (`webmail/core.ts`). The Vue UI
 * comes later, injected on first need (`entrypoints/mail-ui.content`).
 */
export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  // No stylesheet: the pill carries its few rules into its shadow root, never into Gmail's page.
  cssInjectionMode: 'manual',
  runAt: 'document_idle',
  main(ctx) {
    startWebmailCore(ctx, 'gmail', createGmailAdapter(document, window));
  },
});
