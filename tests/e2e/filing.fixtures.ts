/**
 * Helpers for the filing end-to-end tests: the real API in a child process on a fresh
 * SQLite file (demo organisation: Adrien the admin, Alice a member), a shared mailbox both can use
 * and a few records; Chromium profiles with the built extension, signed in; the dated Gmail
 * fixtures served at mail.google.com (the conversation, and "Show original" per message so each
 * message has its own Message-ID). Only loopback addresses are contacted. The API can be stopped
 * and started again on the same port and data (offline queue test).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiRequest as api, DEMO_PASSWORD, spawnApi, type ApiServer } from './api-server';

export { api };
import { chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { chromiumPath, loadExtensionArgs, quietChromiumArgs } from './chromium-args';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const extensionDir = process.env.MAILROOM_EXTENSION_DIR ?? path.join(root, '.output/chrome-mv3');
/** The demo users' password, as the shared server starter seeds it. */
export const password = DEMO_PASSWORD;
export const admin = { email: 'admin@demo.test', fullName: 'Adrien Martin' };
export const alice = { email: 'alice@demo.test', fullName: 'Alice Durand' };

const gmailFixture = (name: string) => readFileSync(path.join(root, 'tests/fixtures/gmail', name), 'utf8');
export const conversationHtml = gmailFixture('2026-11-27-conversation.html');
const showOriginal = gmailFixture('2026-11-27-show-original.html');
/** The message whose "Show original" the fixture is; the others get an id derived from theirs. */
const fixtureMessage = '1849939442718824961';
const fixtureLocalPart = 'CAHx9=Qk7pZ+r2Lm_w4';
/** The last message of the fixture conversation (expanded, with a toolbar), and its Message-ID. */
export const lastMessage = { decimal: '1849970317472075389', messageId: 'e2e-1849970317472075389@mail.client-corp.example' };

/** What the routed page answers for the fixture's one attachment (Quote-2026-118.pdf). */
export const attachmentBytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 7)]);
/** The message of the fixture with that attachment (the first expanded one). */
export const quoteMessage = { messageId: 'e2e-1849943502861642564@mail.client-corp.example' };

export type { ApiServer };

/** Starts the API (demo seed on an empty data dir); `port` 0 picks a free one. */
export const startServer = (dataDir: string, port = 0): Promise<ApiServer> => spawnApi(dataDir, port);

export const stopServer = (server: ApiServer): Promise<void> => server.stop();


export interface Seeded {
  token: string;
  accountId: string;
  records: { clientCorp: string; claire: string; bob: string };
}

/**
 * The mailbox the Gmail fixture is signed in to, usable by Adrien (default) and Alice, and records:
 * the company Client Corp (client-corp.example) and, unless `contacts` is false, Claire (the
 * fixture's sender) and Bob. Without them the ids are empty strings.
 */
export async function seed(url: string, { contacts = true }: { contacts?: boolean } = {}): Promise<Seeded> {
  const login = await api<{ token: string; user: { id: string } }>(url, 'POST', '/api/auth/login', { email: admin.email, password });
  const token = login.token;
  const users = await api<{ items: { id: string; email: string }[] }>(url, 'GET', '/api/users?q=alice', undefined, token);
  const aliceId = users.items.find((u) => u.email === alice.email)!.id;
  const account = await api<{ id: string }>(url, 'POST', '/api/email-accounts', {
    address: 'sales@acme.example',
    displayName: 'Acme Sales',
    incoming: { protocol: 'imap', host: '127.0.0.1', port: 1143, security: 'none', username: 'x', password: 'y' },
  }, token);
  await api(url, 'PUT', `/api/email-accounts/${account.id}/access/${login.user.id}`, { isDefault: true }, token);
  await api(url, 'PUT', `/api/email-accounts/${account.id}/access/${aliceId}`, { isDefault: true }, token);
  const create = (body: object) => api<{ id: string }>(url, 'POST', '/api/records', body, token);
  const clientCorp = await create({ kind: 'company', name: 'Client Corp', domains: ['client-corp.example'] });
  if (!contacts) return { token, accountId: account.id, records: { clientCorp: clientCorp.id, claire: '', bob: '' } };
  const claire = await create({ kind: 'contact', name: 'Claire Martin', emails: ['claire.martin@client-corp.example'], companyId: clientCorp.id });
  const bob = await create({ kind: 'client', name: 'Bob Durand', emails: ['bob.durand@client-corp.example'] });
  return { token, accountId: account.id, records: { clientCorp: clientCorp.id, claire: claire.id, bob: bob.id } };
}

/** Where a message is filed, as the API says (record names). */
export async function filedTo(url: string, token: string, messageId: string): Promise<string[]> {
  const state = await api<{ filings: { record: { name: string } }[] }>(
    url,
    'GET',
    `/api/filings?messageId=${encodeURIComponent(messageId)}`,
    undefined,
    token,
  );
  return state.filings.map((f) => f.record.name).sort();
}

export interface Browser {
  context: BrowserContext;
  extensionId: string;
}

/**
 * A Chromium profile with the built extension (the same profile dir again = a browser restart).
 * `locale: 'fr'` gives a French browser (the UI follows navigator.language).
 */
export async function launch(profile: string, options: { locale?: 'fr' } = {}): Promise<Browser> {
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  const french = options.locale === 'fr';
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: chromiumPath(),
    ...(french && { locale: 'fr-FR' }),
    env: { ...process.env, LANGUAGE: french ? 'fr' : 'en_US', LANG: french ? 'fr_FR.UTF-8' : 'en_US.UTF-8' },
    args: [...quietChromiumArgs, `--lang=${french ? 'fr' : 'en-US'}`, ...loadExtensionArgs(extensionDir)],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, extensionId: new URL(worker.url()).host };
}

export const newProfile = () => mkdtempSync(path.join(tmpdir(), 'mailroom-filing-profile-'));

type ChromeLike = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
/** Sends a protocol message from an extension page, as the popup or side panel would. */
export function sendFromExtensionPage(page: Page, message: { name: string; req?: unknown }): Promise<unknown> {
  return page.evaluate((m) => (globalThis as unknown as ChromeLike).chrome.runtime.sendMessage(m), message);
}

export async function signIn(b: Browser, url: string, email: string): Promise<void> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/popup.html`);
  const reply = await sendFromExtensionPage(page, { name: 'session.signIn', req: { serverUrl: url, email, password } });
  expect(reply).toMatchObject({ ok: true, res: { status: 'signed-in' } });
  await page.close();
}

/**
 * Serves Gmail at its real address: the conversation page (or `html`), and "Show original" for
 * each message with its own Message-ID (the fixture's for its message, a derived one otherwise).
 */
export async function routeGmail(context: BrowserContext, html = conversationHtml): Promise<void> {
  await context.route('https://mail.google.com/**', (route) => {
    const u = new URL(route.request().url());
    if (u.searchParams.get('view') === 'om') {
      const decimal = (u.searchParams.get('permmsgid') ?? '').replace('msg-f:', '');
      const body = decimal === fixtureMessage ? showOriginal : showOriginal.replaceAll(fixtureLocalPart, `e2e-${decimal}`);
      return route.fulfill({ contentType: 'text/html', body });
    }
    // An attachment download (the chip's download_url): some bytes, as Gmail sends them.
    if (u.searchParams.has('attid')) return route.fulfill({ contentType: 'application/pdf', body: attachmentBytes });
    if (u.pathname.startsWith('/mail/')) return route.fulfill({ contentType: 'text/html', body: html });
    return route.fulfill({ status: 204 });
  });
}

export async function openGmail(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqQmKvNwzLRkTcRrKDkZpHvxF');
  return page;
}

/** The toolbar buttons ("File to record", or "Filed · N" once filed), in page order. */
export const fileButtons = (page: Page) => page.getByTestId('file-to-record');

/** Clicks the last (or first) expanded message's toolbar button and returns the popover. */
export async function openPopover(page: Page, which: 'first' | 'last' = 'last', title = 'File this email') {
  const buttons = fileButtons(page);
  await expect(buttons).toHaveCount(2); // the two expanded messages; the collapsed one has no toolbar
  await buttons[which]().click();
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  return dialog;
}

export { expect };
