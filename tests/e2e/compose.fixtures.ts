/**
 * Playwright fixtures for the compose tests: the API in a child process on a fresh SQLite file
 * (demo organisation), two shared accounts with two signatures each and the admin's access to
 * both (sales@ the default), then per test a fresh Chromium profile with the built extension,
 * signed in. Kept next to the compose scenarios until the shared harness (tests/e2e/fixtures.ts)
 * offers the same; only loopback addresses are contacted.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiRequest as api, DEMO_PASSWORD, spawnApi, type ApiServer } from './api-server';
import { chromium, expect, test as base, type BrowserContext, type Page } from '@playwright/test';
import { chromiumPath, loadExtensionArgs, quietChromiumArgs } from './chromium-args';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const extensionDir = process.env.MAILROOM_EXTENSION_DIR ?? path.join(root, '.output/chrome-mv3');
/** The demo users' password, as the shared server starter seeds it. */
export const password = DEMO_PASSWORD;

export interface Seeded {
  url: string;
  user: { id: string; email: string; fullName: string };
  acc: { sales: string; support: string };
  sig: { salesMain: string; salesShort: string; supportMain: string; supportShort: string };
}

export interface ComposeWorld extends Seeded {
  context: BrowserContext;
  extensionId: string;
  /** Uncaught errors of the webmail pages the compose scenarios open. */
  pageErrors: string[];
}

type ChromeLike = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };

/** Sends a protocol message from an extension page (popup, side panel), as its UI would. */
export function sendFromExtensionPage(page: Page, message: { name: string; req?: unknown }): Promise<unknown> {
  return page.evaluate((m) => (globalThis as unknown as ChromeLike).chrome.runtime.sendMessage(m), message);
}

/** Starts the API with the demo seed on `dataDir`. */
/**
 * Which of our content scripts started in each page, in order, seen from the page: WXT announces
 * each one with a window message naming it. Call before the page opens.
 */
export async function recordScriptsStarted(world: { context: BrowserContext }): Promise<(page: Page) => Promise<string[]>> {
  await world.context.addInitScript(() => {
    const w = window as unknown as { mailroomScripts: string[] };
    w.mailroomScripts = [];
    addEventListener('message', (e: MessageEvent) => {
      const name = (e.data as { contentScriptName?: unknown } | null)?.contentScriptName;
      if (typeof name === 'string') w.mailroomScripts.push(name);
    });
  });
  return (page) => page.evaluate(() => (window as unknown as { mailroomScripts: string[] }).mailroomScripts);
}

/** A value of the extension's `storage.local`, read in its service worker. */
export async function storedLocally(world: { context: BrowserContext }, key: string): Promise<unknown> {
  const worker = world.context.serviceWorkers()[0] ?? (await world.context.waitForEvent('serviceworker'));
  return worker.evaluate(async (k) => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } };
    return (await chrome.storage.local.get(k))[k];
  }, key);
}

export const startServer = (dataDir: string): Promise<ApiServer> => spawnApi(dataDir);


/** Accounts, signatures (with a merge tag and something to sanitize away) and access, via the API. */
export async function seed(url: string): Promise<Seeded> {
  const login = await api<{ token: string; user: Seeded['user'] }>(url, 'POST', '/api/auth/login', { email: 'admin@demo.test', password });
  const token = login.token;
  const incoming = { protocol: 'imap', host: '127.0.0.1', port: 1143, security: 'none', username: 'x', password: 'y' };
  const ids: Record<string, { account: string; main: string; short: string }> = {};
  for (const key of ['sales', 'support'] as const) {
    const account = await api<{ id: string }>(url, 'POST', '/api/email-accounts', { address: `${key}@acme.example`, displayName: `Acme ${key}`, incoming }, token);
    const main = await api<{ id: string }>(url, 'POST', `/api/email-accounts/${account.id}/signatures`, {
      name: `${key} main`,
      html: `<p>${key.toUpperCase()} MAIN — {{user.fullName}}</p><img src="https://cdn.acme.example/${key}.png" onerror="alert(1)">`,
    }, token);
    const short = await api<{ id: string }>(url, 'POST', `/api/email-accounts/${account.id}/signatures`, { name: `${key} short`, html: `<p>${key.toUpperCase()} SHORT</p>` }, token);
    await api(url, 'PUT', `/api/email-accounts/${account.id}/access/${login.user.id}`, { isDefault: key === 'sales', defaultSignatureId: main.id }, token);
    ids[key] = { account: account.id, main: main.id, short: short.id };
  }
  // A contact the conversations' sender matches, so the side panel suggests it ("Write to").
  await api(url, 'POST', '/api/records', { kind: 'contact', name: 'Claire Martin', emails: ['claire.martin@client-corp.example'] }, token);
  return {
    url,
    user: login.user,
    acc: { sales: ids.sales!.account, support: ids.support!.account },
    sig: { salesMain: ids.sales!.main, salesShort: ids.sales!.short, supportMain: ids.support!.main, supportShort: ids.support!.short },
  };
}

export const test = base.extend<{ world: ComposeWorld }, { seeded: Seeded }>({
  seeded: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
        throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
      }
      const dataDir = mkdtempSync(path.join(tmpdir(), 'mailroom-compose-e2e-'));
      const server = await startServer(dataDir);
      try {
        await use(await seed(server.url));
      } finally {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  world: async ({ seeded, locale }, use) => {
    const profile = mkdtempSync(path.join(tmpdir(), 'mailroom-compose-profile-'));
    const french = locale?.toLowerCase().startsWith('fr');
    const context = await chromium.launchPersistentContext(profile, {
      headless: true,
      executablePath: chromiumPath(),
      ...(locale && { locale }),
      args: [
        ...quietChromiumArgs,
        // The browser language drives the UI language (navigator.language in the content script).
        `--lang=${french ? 'fr' : 'en-US'}`,
        ...loadExtensionArgs(extensionDir),
      ],
    });
    try {
      // Test traffic stays on this machine: anything not loopback is refused, except the Gmail
      // pages each test routes (later routes take precedence) and the signatures' images.
      await context.route(/^https?:\/\//, (route) => {
        const { hostname } = new URL(route.request().url());
        return hostname === '127.0.0.1' || hostname === 'localhost' ? route.fallback() : route.abort('blockedbyclient');
      });
      await context.route('https://cdn.acme.example/**', (route) => route.fulfill({ status: 204 }));
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const extensionId = new URL(worker.url()).host;
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      const signedIn = await sendFromExtensionPage(page, {
        name: 'session.signIn',
        req: { serverUrl: seeded.url, email: 'admin@demo.test', password },
      });
      expect(signedIn).toMatchObject({ ok: true, res: { status: 'signed-in' } });
      await page.close();
      await use({ ...seeded, context, extensionId, pageErrors: [] });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  },
});

export { expect };
