/**
 * Playwright fixtures for every end-to-end test of the extension (reuse them: `import { test,
 * expect } from './fixtures'`).
 *
 * Worker-scoped: `api` — the real API server on a free port with a fresh database, plus helpers
 * to set data up as the demo admin. Test-scoped: `context` — a fresh Chromium profile with the
 * built extension loaded (honours `test.use({ locale: 'fr-FR' })`), `extensionId`, `openOptions()`,
 * `openPopup()`, `signIn(email)`, and `webmail` to serve saved pages at Gmail's and Outlook's real
 * addresses. Accounts a test creates through `api.createAccount` are deleted after it.
 */
import { chromium, expect, test as base, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiAdmin, DEMO_PASSWORD, repoRoot, startApiServer } from './api-server';
import { chromiumPath, loadExtensionArgs, quietChromiumArgs } from './chromium-args';

export { chromiumPath };

/** The extension to load: `MAILROOM_EXTENSION_DIR`, else the Chrome build in `.output/`. */
export const extensionDir = path.resolve(repoRoot, process.env.MAILROOM_EXTENSION_DIR ?? '.output/chrome-mv3');

/** The repository's fixtures: our dated webmail pages and the real material copied in (tests/fixtures/README.md). */
export const ownFixtures = path.resolve(repoRoot, 'tests/fixtures');

export interface Api {
  url: string;
  admin: ApiAdmin;
  loginToken: ApiAdmin['loginToken'];
  createAccount: ApiAdmin['createAccount'];
  grantAccess: ApiAdmin['grantAccess'];
  myAccounts: ApiAdmin['myAccounts'];
}

export interface Webmail {
  /** Serves `file` (HTML) for every page request under `origin` (e.g. https://mail.google.com). */
  serve(origin: string, file: string): Promise<void>;
}

interface TestFixtures {
  context: BrowserContext;
  extensionId: string;
  openOptions: () => Promise<Page>;
  openPopup: () => Promise<Page>;
  openSidePanel: () => Promise<Page>;
  /** How many side panels the browser has open for the extension (asked in its service worker). */
  openSidePanels: () => Promise<number>;
  /** Signs in through the options page; resolves with that page, showing who is signed in. */
  signIn: (email: string, opts?: { password?: string; serverUrl?: string }) => Promise<Page>;
  webmail: Webmail;
  _cleanup: void;
}
interface WorkerFixtures {
  api: Api;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  api: [
    // Playwright reads a fixture's dependencies from the destructuring pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startApiServer();
      const admin = new ApiAdmin(server.url);
      await use({
        url: server.url,
        admin,
        loginToken: (email, password) => admin.loginToken(email, password),
        createAccount: (input) => admin.createAccount(input),
        grantAccess: (id, email, access) => admin.grantAccess(id, email, access),
        myAccounts: (email) => admin.myAccounts(email),
      });
      await server.stop();
    },
    // tsx compiles the server on first start: slow on a busy 2-core machine.
    { scope: 'worker', timeout: 90_000 },
  ],

  _cleanup: [
    async ({ api }, use) => {
      await use();
      await api.admin.deleteCreatedAccounts();
    },
    { auto: true },
  ],

  context: async ({ locale }, use) => {
    if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
      throw new Error(`No built extension in ${extensionDir}: run \`npm run test:e2e\` (it builds first).`);
    }
    const profile = mkdtempSync(path.join(tmpdir(), 'mailroom-profile-'));
    const french = locale?.toLowerCase().startsWith('fr');
    const context = await chromium.launchPersistentContext(profile, {
      headless: true,
      executablePath: chromiumPath(),
      ...(locale && { locale }),
      // Chromium on Linux takes its UI language (hence `chrome.i18n` and `_locales`) from the
      // environment; `--lang` covers the other platforms.
      env: { ...process.env, LANGUAGE: french ? 'fr' : 'en_US', LANG: french ? 'fr_FR.UTF-8' : 'en_US.UTF-8' },
      args: [
        ...quietChromiumArgs,
        // The browser language drives both `_locales` and the Vue UI (navigator.language).
        `--lang=${french ? 'fr' : 'en-US'}`,
        ...loadExtensionArgs(extensionDir),
      ],
    });
    // Test traffic stays on this machine: anything not loopback that a page asks for is refused
    // (routes added later, such as `webmail.serve`, take precedence).
    await context.route(/^https?:\/\//, (route) => {
      const { hostname } = new URL(route.request().url());
      return hostname === '127.0.0.1' || hostname === 'localhost' ? route.fallback() : route.abort('blockedbyclient');
    });
    try {
      await use(context);
    } finally {
      try {
        await context.close();
      } finally {
        // Even when closing failed: throwaway profiles must not pile up in /tmp.
        rmSync(profile, { recursive: true, force: true });
      }
    }
  },

  extensionId: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(new URL(worker.url()).host);
  },

  openOptions: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return page;
    });
  },

  openPopup: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    });
  },

  openSidePanel: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      return page;
    });
  },

  openSidePanels: async ({ context }, use) => {
    await use(async () => {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      // A side panel is not a tab, so Playwright does not list it as a page; Chrome's
      // runtime.getContexts does (Chrome 116+).
      return worker.evaluate(async () => {
        const c = (globalThis as unknown as { chrome: { runtime: { getContexts(f: object): Promise<unknown[]> } } }).chrome;
        return (await c.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] })).length;
      });
    });
  },

  signIn: async ({ openOptions, api }, use) => {
    await use(async (email, opts = {}) => {
      const page = await openOptions();
      // By field name, so the helper works in every UI language.
      await page.locator('input[name=serverUrl]').fill(opts.serverUrl ?? api.url);
      await page.locator('input[name=email]').fill(email);
      await page.locator('input[name=password]').fill(opts.password ?? DEMO_PASSWORD);
      await page.locator('form button[type=submit]').click();
      await expect(page.getByTestId('session-summary')).toBeVisible();
      return page;
    });
  },

  webmail: async ({ context }, use) => {
    await use({
      async serve(origin, file) {
        const body = readFileSync(file, 'utf8');
        await context.route(`${origin}/**`, (route) =>
          route.request().resourceType() === 'document'
            ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body })
            : route.abort('blockedbyclient'),
        );
      },
    });
  },
});

export { expect };
