/**
 * The filing view as a new user meets it, end to end (built extension, real API, the dated Gmail
 * fixture at mail.google.com): "Create and file" for a sender with no record, linked to the
 * company found by the domain; the toolbar's "Filed · N" for every user of the account; a filed
 * record offering "Unfile"; a duplicate address offered before saving; the same in French.
 * The fixture's sender (Claire) has no record here: only the company Client Corp exists.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from '@playwright/test';
import {
  admin,
  alice,
  api,
  expect,
  fileButtons,
  filedTo,
  lastMessage,
  launch,
  newProfile,
  openGmail,
  openPopover,
  routeGmail,
  seed,
  signIn,
  startServer,
  stopServer,
  type ApiServer,
  type Browser,
  type Seeded,
} from './filing.fixtures';

test.describe.configure({ timeout: 120_000 });

let server: ApiServer;
let seeded: Seeded;
const browsers: Browser[] = [];
const dirs: string[] = [];

test.beforeEach(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mailroom-filing-records-e2e-'));
  dirs.push(dataDir);
  server = await startServer(dataDir);
  seeded = await seed(server.url, { contacts: false });
});

test.afterEach(async () => {
  for (const b of browsers.splice(0)) await b.context.close().catch(() => undefined);
  await stopServer(server);
  for (const d of dirs.splice(0)) {
    try {
      rmSync(d, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      /* left in the temp dir */
    }
  }
});

async function browserAs(email: string, options: { locale?: 'fr' } = {}): Promise<Browser> {
  const profile = newProfile();
  dirs.push(profile);
  const b = await launch(profile, options);
  browsers.push(b);
  await signIn(b, server.url, email);
  await routeGmail(b.context);
  return b;
}

interface RecordBody {
  id: string;
  name: string;
  companyId: string | null;
  emails: string[];
}

test('creates the sender\'s record linked to their company and files the email in one action; the toolbar says "Filed · 1" for every user', async () => {
  const b = await browserAs(admin.email);
  const page = await openGmail(b.context);
  await expect(fileButtons(page)).toHaveText(['File to record', 'File to record']);

  const dialog = await openPopover(page);
  const card = dialog.getByTestId('filing-sender');
  await expect(card).toContainText('Claire Martin is not in Mailroom yet.');
  await card.locator('summary', { hasText: 'Create and file' }).click();
  const form = card.getByTestId('filing-create');
  await form.getByRole('radio', { name: 'Contact' }).check();
  await expect(form.getByRole('textbox', { name: 'Name' })).toHaveValue('Claire Martin');
  await expect(form.getByRole('textbox', { name: 'Email' })).toHaveValue('claire.martin@client-corp.example');
  // Found by the sender's domain: the existing company, not a new one.
  await expect(form.getByRole('textbox', { name: 'Company (optional)' })).toHaveValue('Client Corp');
  await expect(form.getByTestId('create-company-hint')).toHaveText('Already in Mailroom: linked to it.');
  await form.getByRole('button', { name: 'Create and file' }).click();

  await expect(dialog.getByTestId('filing-notice')).toHaveText('Created Claire Martin and filed this email there.');
  await expect(fileButtons(page).last()).toHaveText('Filed · 1');
  await expect(fileButtons(page).first()).toHaveText('File to record');
  // The new record is the sender's now: the form gave way to the record behind a click.
  await expect(dialog.getByTestId('filing-sender').getByText('Record: Claire Martin')).toBeVisible();

  expect(await filedTo(server.url, seeded.token, lastMessage.messageId)).toEqual(['Claire Martin']);
  const found = await api<{ items: RecordBody[] }>(server.url, 'GET', '/api/records?q=claire', undefined, seeded.token);
  expect(found.items).toEqual([expect.objectContaining({ name: 'Claire Martin', companyId: seeded.records.clientCorp, emails: ['claire.martin@client-corp.example'] })]);

  // Another user of the account: her toolbar says it before she opens anything.
  const aliceBrowser = await browserAs(alice.email);
  const alicePage = await openGmail(aliceBrowser.context);
  await expect(fileButtons(alicePage)).toHaveText(['File to record', 'Filed · 1']);
});

test('an email already filed shows that record as filed, by whom, with "Unfile"; the toolbar follows', async () => {
  const claire = await api<RecordBody>(server.url, 'POST', '/api/records', { kind: 'contact', name: 'Claire Martin', emails: ['claire.martin@client-corp.example'], companyId: seeded.records.clientCorp }, seeded.token);
  const b = await browserAs(admin.email);
  const page = await openGmail(b.context);
  let dialog = await openPopover(page);
  await dialog.getByRole('button', { name: 'File to Claire Martin' }).click();
  await dialog.getByRole('button', { name: 'File to Client Corp' }).click();
  await expect(fileButtons(page).last()).toHaveText('Filed · 2');
  await page.keyboard.press('Escape');

  // Opened again (a new page: nothing kept locally): what the server says.
  const again = await openGmail(b.context);
  await expect(fileButtons(again).last()).toHaveText('Filed · 2');
  dialog = await openPopover(again);
  const row = dialog.locator(`[data-record-id="${claire.id}"]`);
  await expect(row).toHaveAttribute('data-filed', 'true');
  await expect(row.getByTestId('record-filed')).toContainText(`Filed by ${admin.fullName}`);
  await expect(row.getByRole('button', { name: 'File to Claire Martin' })).toHaveCount(0);
  await row.getByRole('button', { name: 'Unfile from Claire Martin' }).click();
  await expect(row).toHaveAttribute('data-filed', 'false');
  await expect(fileButtons(again).last()).toHaveText('Filed · 1');
  await expect.poll(() => filedTo(server.url, seeded.token, lastMessage.messageId)).toEqual(['Client Corp']);
});

test('the side panel: subject once with the sender, the record card with its recent mail, a duplicate offered before saving', async () => {
  await api(server.url, 'POST', '/api/records', { kind: 'contact', name: 'Claire Martin', emails: ['claire.martin@client-corp.example'], companyId: seeded.records.clientCorp, phone: '+33 4 00 00 00 01' }, seeded.token);
  const b = await browserAs(admin.email);
  const gmail = await openGmail(b.context);
  await openPopover(gmail).then((d) => d.getByRole('button', { name: 'File to Claire Martin' }).click());
  await expect(fileButtons(gmail).last()).toHaveText('Filed · 1');

  const panel = await b.context.newPage();
  await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html`);
  const filing = panel.getByRole('region', { name: 'File this email' });
  await expect(filing).toBeVisible({ timeout: 15_000 });
  // The subject once (the panel's heading), with the sender; the filing view does not repeat it.
  await expect(panel.getByTestId('tab-status').getByRole('heading')).toHaveText('Quote 2026-118 for the Lyon office');
  await expect(filing.getByTestId('filing-message')).toHaveCount(0);
  await expect(panel.getByTestId('tab-sender')).toHaveText('From Claire Martin <claire.martin@client-corp.example>');

  const card = filing.getByTestId('record-card');
  await expect(card).toContainText('+33 4 00 00 00 01');
  await expect(card.getByTestId('record-card-company')).toContainText('Client Corp');
  await expect(card.getByTestId('record-card-mail')).toHaveCount(1);
  await expect(card.getByTestId('record-card-mail')).toContainText(`filed by ${admin.fullName}`);
  await expect(card.getByRole('button', { name: 'Write to Claire Martin' })).toBeVisible();

  // Creating Claire again: the form says she is there, and files to her instead.
  await filing.getByText('Create another record').click();
  const form = filing.getByTestId('filing-create');
  await expect(form.getByTestId('create-duplicate')).toContainText('Already in Mailroom: Claire Martin');
  await expect(form.getByRole('button', { name: 'Create anyway and file' })).toBeVisible();
  const created = await api<{ total: number }>(server.url, 'GET', '/api/records?q=claire', undefined, seeded.token);
  expect(created.total).toBe(1);
});

test('in French: "Classé · 1", "Créer et classer", "Déclasser"', async () => {
  const b = await browserAs(admin.email, { locale: 'fr' });
  const page = await openGmail(b.context);
  const buttons = page.getByTestId('file-to-record');
  await expect(buttons).toHaveText(['Classer dans une fiche', 'Classer dans une fiche']);
  await buttons.last().click();
  const dialog = page.getByRole('dialog', { name: 'Classer cet e-mail' });
  const card = dialog.getByTestId('filing-sender');
  await expect(card).toContainText('Claire Martin n’est pas encore dans Mailroom.');
  await card.locator('summary', { hasText: 'Créer et classer' }).click();
  await card.getByRole('button', { name: 'Créer et classer' }).click();
  await expect(dialog.getByTestId('filing-notice')).toHaveText('Fiche Claire Martin créée, e-mail classé dedans.');
  await expect(buttons.last()).toHaveText('Classé · 1');
  await expect(dialog.getByRole('button', { name: 'Déclasser de la fiche Claire Martin' })).toBeVisible();
});
