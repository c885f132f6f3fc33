import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountInPageControl } from '@/components/common/in-page-control';
import { discoverFeatures, startFeatures, tabReportFeature } from '@/webmail/bootstrap';
import { webmailForPage } from '@/webmail/registry';

export default defineContentScript({
  matches: ['https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*'],
  // Our CSS goes into the shadow root only, never into Outlook's page.
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  async main(ctx) {
    const { provider, adapter } = webmailForPage(document, window);
    void startFeatures(ctx, adapter, [tabReportFeature(provider), ...discoverFeatures()]);
    await mountInPageControl(ctx);
  },
});
