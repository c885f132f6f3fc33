import { defineContentScript } from 'wxt/utils/define-content-script';
import { loadPageCoreWhenIdle } from '@/webmail/page-loader';

/**
 * What every Gmail page loads: a few lines that ask for the page core once the page is idle
 * (`webmail/README.md`: loader → core → UI on need).
 */
export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  cssInjectionMode: 'manual',
  runAt: 'document_idle',
  main(ctx) {
    loadPageCoreWhenIdle(ctx, 'gmail-core');
  },
});
