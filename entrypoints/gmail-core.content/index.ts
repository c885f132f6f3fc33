import { defineContentScript } from 'wxt/utils/define-content-script';
import { webmailMatches } from '@/webmail/registry';
import { startWebmailCore } from '@/webmail/core';
import { createGmailAdapter } from '@/webmail/gmail/adapter';

/**
 * Gmail's page core: the adapter and the small core (`webmail/core.ts`). Not in the manifest: the
 * loader every Gmail page runs (`entrypoints/gmail.content`) has the background inject it once the
 * page is idle. The Vue UI comes later still, on first need (`entrypoints/mail-ui.content`).
 */
export default defineContentScript({
  registration: 'runtime',
  matches: webmailMatches('gmail'),
  // No stylesheet: the pill carries its few rules into its shadow root, never into Gmail's page.
  cssInjectionMode: 'manual',
  main(ctx) {
    startWebmailCore(ctx, 'gmail', createGmailAdapter(document, window));
  },
});
