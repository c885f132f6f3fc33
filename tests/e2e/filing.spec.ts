/**
 * Filing in Gmail end to end: the built extension in Chromium, the real API, the dated
 * Gmail fixtures served at mail.google.com. Every test starts its own API on a fresh database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test } from '@playwright/test';
import {
  admin,
  alice,
  api,
  attachmentBytes,
  conversationHtml,
  expect,
  filedTo,
  fileButtons,
  lastMessage,
  launch,
  newProfile,
  openGmail,
  openPopover,
  quoteMessage,
  routeGmail,
  seed,
  sendFromExtensionPage,
  signIn,
  startServer,
  stopServer,
  type ApiServer,
  type Browser,
  type Seeded,
} from './filing.fixtures';

// Each test starts its own API and browser(s); the restart test starts them twice.
test.describe.configure({ timeout: 120_000 });

let server: ApiServer;
let seeded: Seeded;
const browsers: Browser[] = [];
const dirs: string[] = [];

test.beforeEach(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mailroom-filing-e2e-'));
  dirs.push(dataDir);
  server = await startServer(dataDir);
  seeded = await seed(server.url);
});

test.afterEach(async () => {
  for (const b of browsers.splice(0)) await b.context.close().catch(() => undefined);
  await stopServer(server);
  // Chromium may still be flushing its profile: a leftover temp dir is not worth failing a test.
  for (const d of dirs.splice(0)) {
    try {
      rmSync(d, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      /* left in the temp dir */
    }
  }
});

async function browserAs(email: string, profile = newProfile()): Promise<Browser> {
  dirs.push(profile);
  const b = await launch(profile);
  browsers.push(b);
  await signIn(b, server.url, email);
  await routeGmail(b.context);
  return b;
}

test('files the open email to the suggested contact in two clicks, then to several records, unfiles', async () => {
  const b = await browserAs(admin.email);
  const page = await openGmail(b.context);

  const dialog = await openPopover(page); // click 1
  await dialog.getByRole('button', { name: 'File to Claire Martin' }).click(); // click 2
  const suggestions = dialog.getByTestId('filing-suggestions');
  const row = (name: string) => suggestions.locator('[data-testid="record-option"]', { hasText: name });
  await expect(row('Claire Martin').getByTestId('record-filed')).toContainText(`Filed by ${admin.fullName}`);
  await expect(suggestions.locator('[data-filed="true"]')).toHaveCount(1);
  expect(await filedTo(server.url, seeded.token, lastMessage.messageId)).toEqual(['Claire Martin']);

  // Several records in one action: tick two, use the main button.
  for (const name of ['Client Corp', 'Bob Durand']) {
    await row(name).getByRole('checkbox').check();
  }
  await dialog.getByRole('button', { name: 'File to 2 selected' }).click();
  await expect(suggestions.locator('[data-filed="true"]')).toHaveCount(3);
  expect(await filedTo(server.url, seeded.token, lastMessage.messageId)).toEqual(['Bob Durand', 'Claire Martin', 'Client Corp']);

  await dialog.getByRole('button', { name: 'Unfile from Bob Durand' }).click();
  await expect(suggestions.locator('[data-filed="true"]')).toHaveCount(2);
  await expect(row('Bob Durand').getByRole('button', { name: 'File to Bob Durand' })).toBeEnabled();
  await expect.poll(() => filedTo(server.url, seeded.token, lastMessage.messageId)).toEqual(['Claire Martin', 'Client Corp']);

  // Escape closes the popover and gives focus back to its button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('creates a company from the sender and files the whole conversation to it, in one action', async () => {
  const b = await browserAs(admin.email);
  const page = await openGmail(b.context);
  const dialog = await openPopover(page);

  await dialog.getByRole('radio', { name: /The whole conversation/ }).check();
  // The sender (Claire) has a record: creating is for someone else, behind a click.
  await dialog.getByText('Create another record').click();
  const form = dialog.getByTestId('filing-create');
  await form.getByRole('radio', { name: 'Company' }).check();
  await expect(form.getByRole('textbox', { name: 'Domain' })).toHaveValue('client-corp.example');
  // Client Corp owns that domain already: said before saving, creating a branch stays possible.
  await expect(form.getByTestId('create-duplicate')).toContainText('Already in Mailroom: Client Corp');
  await form.getByRole('textbox', { name: 'Name' }).fill('Client Corp Lyon');
  await form.getByRole('button', { name: 'Create anyway and file' }).click();
  await expect(dialog.getByTestId('filing-notice')).toHaveText('Created Client Corp Lyon and filed this email there.');
  // Every message of the conversation, each under its own Message-ID.
  for (const decimal of ['1849939442718824961', '1849943502861642564', '1849970317472075389']) {
    const id = decimal === '1849939442718824961' ? 'CAHx9=Qk7pZ+r2Lm_w4@mail.client-corp.example' : `e2e-${decimal}@mail.client-corp.example`;
    expect(await filedTo(server.url, seeded.token, id)).toEqual(['Client Corp Lyon']);
  }
});

test('a second user of the account sees where it is filed, by whom, and the collision hint', async () => {
  const adrien = await browserAs(admin.email);
  const adrienPage = await openGmail(adrien.context);
  const adrienDialog = await openPopover(adrienPage);
  await adrienDialog.getByRole('button', { name: 'File to Client Corp' }).click();
  await expect(fileButtons(adrienPage).last()).toHaveText('Filed · 1');

  const aliceBrowser = await browserAs(alice.email);
  const alicePage = await openGmail(aliceBrowser.context);
  // Her toolbar says it is filed before she opens anything.
  await expect(fileButtons(alicePage).last()).toHaveText('Filed · 1');
  const aliceDialog = await openPopover(alicePage);
  const filedRow = aliceDialog.getByTestId('filing-suggestions').locator('[data-filed="true"]');
  await expect(filedRow).toContainText('Client Corp');
  await expect(filedRow).toContainText(`Filed by ${admin.fullName}`);
  await expect(aliceDialog.getByTestId('filing-hints')).toContainText(`${admin.fullName} is reading this conversation`);
  await expect(aliceDialog.getByTestId('filing-hints')).toContainText(`${admin.fullName} filed this`);
  // Already filed there: Alice is offered to unfile it, not to file it twice.
  await expect(aliceDialog.getByRole('button', { name: 'File to Client Corp' })).toHaveCount(0);
  await expect(aliceDialog.getByRole('button', { name: 'Unfile from Client Corp' })).toBeEnabled();
});

test('a filing made while the API is down survives a browser restart and is filed once', async () => {
  const profile = newProfile();
  let b = await browserAs(admin.email, profile);
  let page = await openGmail(b.context);
  const dialog = await openPopover(page);
  await expect(dialog.getByRole('button', { name: 'File to Claire Martin' })).toBeVisible();

  await stopServer(server);
  await dialog.getByRole('button', { name: 'File to Claire Martin' }).click();
  await expect(dialog.getByTestId('filing-notice')).toHaveText('Saved. It will be filed when the Mailroom server can be reached.');
  await expect(dialog.locator('[data-testid="queued-item"][data-status="pending"]')).toHaveCount(1);

  // Quit the browser, bring the API back (same port and data), start the browser again.
  await b.context.close();
  browsers.splice(browsers.indexOf(b), 1);
  server = await startServer(server.dataDir, server.port);
  b = await launch(profile);
  browsers.push(b);
  await routeGmail(b.context);

  await expect.poll(() => filedTo(server.url, seeded.token, lastMessage.messageId), { timeout: 30_000 }).toEqual(['Claire Martin']);
  const extPage = await b.context.newPage();
  await extPage.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await expect.poll(() => sendFromExtensionPage(extPage, { name: 'filings.queue' })).toEqual({ ok: true, res: [] });
  const state = await api<{ filings: unknown[] }>(server.url, 'GET', `/api/filings?messageId=${encodeURIComponent(lastMessage.messageId)}`, undefined, seeded.token);
  expect(state.filings).toHaveLength(1);

  // The reopened page shows it filed.
  page = await openGmail(b.context);
  await expect(fileButtons(page).last()).toHaveText('Filed · 1');
  const reopened = await openPopover(page);
  await expect(reopened.locator('[data-filed="true"]')).toContainText('Claire Martin');
});

test('without a toolbar slot there is no button, and the side panel still files by manual search', async () => {
  const b = await browserAs(admin.email);
  // A Gmail layout we do not know: neither the header action cell nor the reply bar.
  const unknownLayout = conversationHtml.replaceAll('gH acX bAm', 'gH zz9').replaceAll('class="amn"', 'class="zz8"');
  await b.context.unroute('https://mail.google.com/**');
  await routeGmail(b.context, unknownLayout);
  const errors: string[] = [];
  const gmail = await openGmail(b.context);
  gmail.on('pageerror', (e) => errors.push(String(e)));
  await expect(gmail.getByRole('heading', { name: 'Quote 2026-118 for the Lyon office' })).toBeVisible();

  const panel = await b.context.newPage();
  await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html`);
  const filing = panel.getByRole('region', { name: 'File this email' });
  await expect(filing).toBeVisible({ timeout: 15_000 });
  await expect(gmail.getByRole('button', { name: 'File to record' })).toHaveCount(0);

  await filing.getByRole('searchbox', { name: 'Search records' }).fill('Client');
  const results = filing.getByTestId('filing-results');
  await results.getByRole('button', { name: 'File to Client Corp' }).click();
  await expect(results.locator('[data-filed="true"]')).toContainText('Client Corp');
  // The side panel read the Message-ID through the Gmail tab: the same key the popover uses.
  expect(await filedTo(server.url, seeded.token, lastMessage.messageId)).toEqual(['Client Corp']);
  expect(errors).toEqual([]);
});

test('keeps attachment content when ticked, read from Gmail with the page session', async () => {
  const b = await browserAs(admin.email);
  const page = await openGmail(b.context);
  const dialog = await openPopover(page, 'first'); // the message with Quote-2026-118.pdf
  await expect(dialog).toContainText('1 attachment: its name, size and type are always kept.');
  await dialog.getByRole('checkbox', { name: /Keep attachment content/ }).check();
  await dialog.getByRole('button', { name: 'File to Client Corp' }).click();
  await expect(dialog.getByTestId('filing-notice')).toHaveText('Filed to Client Corp. Content of 1 attachment kept.');

  const list = await api<{ items: { name: string; size: number; contentType: string }[] }>(
    server.url,
    'GET',
    `/api/attachments?accountId=${seeded.accountId}&messageId=${encodeURIComponent(quoteMessage.messageId)}`,
    undefined,
    seeded.token,
  );
  expect(list.items).toEqual([
    expect.objectContaining({ name: 'Quote-2026-118.pdf', contentType: 'application/pdf', size: attachmentBytes.length }),
  ]);
});

test('the popover and its button have no accessibility violations (axe)', async () => {
  const b = await browserAs(admin.email);
  const page = await openGmail(b.context);
  const dialog = await openPopover(page);
  await expect(dialog.getByTestId('filing-suggestions')).toBeVisible();
  // Our UI only: the Gmail fixture's own markup is not ours to fix.
  const results = await new AxeBuilder({ page }).include('mailroom-file-button').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // French names are checked in the unit tests (tests/unit/filing/file-button-feature.test.ts).
});
