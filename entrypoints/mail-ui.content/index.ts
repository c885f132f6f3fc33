import { defineContentScript } from 'wxt/utils/define-content-script';
import { startFeatures } from '@/webmail/bootstrap';
import { discoverFeatures } from '@/webmail/discover-features';
import { pageCore } from '@/webmail/page-core';

/**
 * The in-page Vue UI (every `features/*.ts`: file buttons and popover, compose account picker and
 * "Signature" menu). Not in the manifest: the background injects it into a webmail tab when the
 * page core first needs it (`webmail/ui-loader.ts`), into the same isolated world, where it finds
 * the core's adapter. Its CSS goes into its shadow roots only.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: ['https://mail.google.com/*', 'https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*'],
  cssInjectionMode: 'ui',
  main(ctx) {
    const core = pageCore();
    if (!core) {
      console.warn('[mailroom] the in-page UI was injected into a page without the Mailroom core');
      return;
    }
    const signal = AbortSignal.any([ctx.signal, core.signal]);
    // Features start synchronously (their listeners are in place when this returns): only then
    // tell the core, which may be waiting to forward "Write to".
    void startFeatures(ctx, core.adapter, discoverFeatures(), console, signal);
    core.uiStarted();
  },
});
