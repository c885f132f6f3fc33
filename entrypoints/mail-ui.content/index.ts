import { defineContentScript } from 'wxt/utils/define-content-script';
import { startFeatures } from '@/webmail/bootstrap';
import { webmailMatches } from '@/webmail/registry';
import { discoverFeatures } from '@/webmail/discover-features';
import { pageCore } from '@/webmail/page-core';
import { followUiLanguage } from '@/webmail/ui-language';

/**
 * The in-page Vue UI (every `features/*.ts`: file buttons and popover, compose account picker and
 * "Signature" menu). Not in the manifest: the background injects it into a webmail tab when the
 * page core first needs it (`webmail/ui-loader.ts`), into the same isolated world, where it finds
 * the core's adapter. Its CSS goes into its shadow roots only. Its texts and its sanitizer are
 * injected beside it, one language at a time and on first need (`locales/in-page.ts`,
 * `utils/page-sanitizer.ts`), so the chunk itself stays in its size budget.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: webmailMatches(),
  // Its shadow roots get `mail-ui.css` as text, read once by the page core (webmail/ui-styles.ts), not
  // WXT's fetch per shadow root; wxt.config.ts makes the file web-accessible on the webmail hosts.
  cssInjectionMode: 'manual',
  main(ctx) {
    const core = pageCore();
    if (!core) {
      console.warn('[mailroom] the in-page UI was injected into a page without the Mailroom core');
      return;
    }
    const signal = AbortSignal.any([ctx.signal, core.signal]);
    // Its texts were injected just before it, in the page's language (`locales/in-page.ts`).
    followUiLanguage(signal);
    // Features start synchronously (their listeners are in place when this returns): only then
    // tell the core, which may be waiting to forward "Write to".
    void startFeatures(ctx, core.adapter, discoverFeatures(), console, signal);
    core.uiStarted();
  },
});
