import { defineContentScript } from 'wxt/utils/define-content-script';
import { webmailMatches } from '@/webmail/registry';
import { loadPageCoreWhenIdle } from '@/webmail/page-loader';

/**
 * What every Outlook web page loads: a few lines that ask for the page core once the page is idle
 * (`webmail/README.md`: loader → core → UI on need).
 */
export default defineContentScript({
  matches: webmailMatches('outlook'),
  cssInjectionMode: 'manual',
  runAt: 'document_idle',
  main(ctx) {
    loadPageCoreWhenIdle(ctx, 'outlook-core');
  },
});
