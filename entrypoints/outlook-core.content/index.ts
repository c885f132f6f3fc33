import { defineContentScript } from 'wxt/utils/define-content-script';
import { webmailMatches } from '@/webmail/registry';
import { startWebmailCore } from '@/webmail/core';
import { createOutlookReadingAdapter } from '@/webmail/outlook/reading-adapter';

/**
 * Outlook web's page core: the adapter and the small core (`webmail/core.ts`). Not in the
 * manifest: the loader every Outlook page runs (`entrypoints/outlook.content`) has the background
 * inject it once the page is idle. The Vue UI comes later still, on first need.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: webmailMatches('outlook'),
  // No stylesheet: the pill carries its few rules into its shadow root, never into Outlook's page.
  cssInjectionMode: 'manual',
  main(ctx) {
    startWebmailCore(ctx, 'outlook', createOutlookReadingAdapter(document, window));
  },
});
