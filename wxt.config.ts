import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { webmailMatches } from './webmail/registry';

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-vue'],
  // Every component is `<script setup>`: Vue's Options API and its devtools hooks are dead weight
  // in the in-page UI chunk, which has a size budget.
  vite: () => ({
    resolve: {
      // `autoMount` of WXT's content-script UIs is never used (utils/no-auto-mount.ts says why).
      alias: [{ find: /^@1natsu\/wait-element$/, replacement: fileURLToPath(new URL('./utils/no-auto-mount.ts', import.meta.url)) }],
    },
  }),
  vue: { vite: { features: { optionsAPI: false, prodDevtools: false, prodHydrationMismatchDetails: false } } },
  // Firefox's add-on review wants the sources that build the extension, not the API server,
  // tests or local data (`npm run zip` writes .output/mailroom-<version>-sources.zip).
  zip: {
    excludeSources: ['server/**', 'tests/**', 'bench/**', 'data/**', 'test-results/**', 'playwright-report/**', '**/*.log', '.env*'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Minimal on purpose: `sidePanel` is added by WXT for Chrome when the sidepanel entrypoint
    // exists (Firefox uses `sidebar_action`, which needs no permission).
    // `alarms`: the filing queue's retries survive the service worker being stopped.
    // `scripting`: the in-page Vue UI is injected on first need, so every webmail page loads only
    // the small core (size budget); it injects into the webmail hosts below only.
    permissions: ['storage', 'alarms', 'scripting'],
    host_permissions: [
      // The webmail hosts the content scripts run on (one list: webmail/registry.ts).
      ...webmailMatches(),
      // The default server runs on the user's machine; a loopback pattern matches every port.
      'http://localhost/*',
      'http://127.0.0.1/*',
    ],
    // Any other Mailroom server is asked for at run time, when the user signs in to it
    // (options page → `browser.permissions.request`).
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // The in-page UI's stylesheet, read as text into its shadow roots (components/common/ui-styles.ts)
    // on every webmail host (a host left out would get the UI without its styles); a dynamic URL
    // keeps pages from telling the extension is installed (Chromium only).
    web_accessible_resources: [
      { resources: ['content-scripts/mail-ui.css'], matches: webmailMatches(), ...(browser !== 'firefox' && { use_dynamic_url: true }) },
    ],
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        // A stable id is required for Firefox MV3 (storage, updates); 128 brings
        // `optional_host_permissions`.
        gecko: {
          id: 'mailroom@mailroom.app',
          strict_min_version: '128.0',
          // Firefox's consent categories: mail content, addresses and the Mailroom password all
          // go to the organisation's Mailroom server.
          data_collection_permissions: {
            required: ['personalCommunications', 'personallyIdentifyingInfo', 'authenticationInfo'],
          },
        },
      },
    }),
  }),
});
