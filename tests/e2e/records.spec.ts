/**
 * The Records view of the options page, end to end (built extension, real API, each test on its
 * own fresh server with the filing seed): an admin imports a CSV (tests/fixtures/csv), reads the
 * dry run's counts and refused rows, confirms, finds the records in the list, then the imported
 * sender in Gmail's filing popover; and merges two records, then deletes the kept one, the
 * confirmations saying how many filed emails go with them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type Page } from '@playwright/test';
import { expectAccessible } from './admin.fixtures';
import { repoRoot } from './api-server';
import {
  admin,
  api,
  expect,
  filedTo,
  launch,
  newProfile,
  password,
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

const csvFile = path.join(repoRoot, 'tests/fixtures/csv/records-import.csv');

let server: ApiServer;
let browser: Browser | undefined;
const dirs: string[] = [];

async function start(contacts: boolean): Promise<Seeded> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mailroom-records-e2e-'));
  dirs.push(dataDir);
  server = await startServer(dataDir);
  return seed(server.url, { contacts });
}

test.afterEach(async () => {
  token = '';
  await browser?.context.close().catch(() => undefined);
  browser = undefined;
  await stopServer(server);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true, maxRetries: 3 });
});

/** The admin's options page, signed in, showing the Records view. */
async function openRecords(): Promise<Page> {
  const profile = newProfile();
  dirs.push(profile);
  browser = await launch(profile);
  await signIn(browser, server.url, admin.email);
  await routeGmail(browser.context);
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await expect(page.getByTestId('records-section').getByTestId('record-list')).toBeVisible();
  return page;
}

let token = '';
async function countRecords(kind?: string): Promise<number> {
  token ||= (await api<{ token: string }>(server.url, 'POST', '/api/auth/login', { email: admin.email, password })).token;
  return (await api<{ total: number }>(server.url, 'GET', `/api/records${kind ? `?kind=${kind}` : ''}`, undefined, token)).total;
}

const row = (page: Page, name: string) => page.locator(`[data-testid="record-row"][data-name="${name}"]`);

async function openRowMenu(page: Page, name: string, item: string) {
  await row(page, name).getByRole('button', { name: `More actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

test('an admin imports a CSV: dry-run counts and refused rows, then the import, the records listed and the sender found in Gmail', async () => {
  await start(false);
  // The demo organisation's records, and the seed's Client Corp.
  const before = await countRecords();
  const companies = await countRecords('company');
  const page = await openRecords();
  const section = page.getByTestId('records-section');
  await expect(section.getByTestId('records-count')).toHaveText(`${before} records`);

  await section.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import records from a CSV file' });
  await dialog.getByLabel('CSV file').setInputFiles(csvFile);
  const dryRun = dialog.getByTestId('import-dry-run');
  await expect(dryRun).toBeVisible();
  await expect(dryRun.getByTestId('count-created')).toHaveText('4');
  await expect(dryRun.getByTestId('count-updated')).toHaveText('0');
  await expect(dryRun.getByTestId('count-unchanged')).toHaveText('1');
  await expect(dryRun.getByTestId('count-refused')).toHaveText('2');
  const refused = dialog.getByTestId('refused-row');
  await expect(refused).toHaveCount(2);
  await expect(refused.nth(0)).toHaveAttribute('data-line', '6');
  await expect(refused.nth(1)).toHaveAttribute('data-line', '7');
  await expect(refused.nth(1)).toContainText('not-an-address');
  // Nothing written by the check.
  expect(await countRecords()).toBe(before);
  await expectAccessible(page);

  await dialog.getByRole('button', { name: 'Import 4 rows' }).click();
  const result = dialog.getByTestId('import-result');
  await expect(result).toBeVisible();
  await expect(result.getByTestId('count-created')).toHaveText('4');
  await expect(result.getByTestId('count-refused')).toHaveText('2');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(section.getByTestId('records-count')).toHaveText(`${before + 4} records`);
  await expect(row(page, 'Lumière Conseil').getByTestId('record-kind')).toHaveText('Company');
  await expect(row(page, 'Claire Martin').getByTestId('record-company')).toContainText('Client Corp');
  await expect(row(page, 'Édouard Blanc').getByTestId('record-kind')).toHaveText('Client');
  await section.getByTestId('records-filter').selectOption('company');
  await expect(section.getByTestId('record-row')).toHaveCount(companies + 1);
  await section.getByTestId('records-filter').selectOption('all');
  await section.getByLabel('Search by name, email or domain').fill('ines');
  await expect(section.getByTestId('record-row')).toHaveCount(1);
  await expect(row(page, 'Inès Roux').getByTestId('record-company')).toContainText('Lumière Conseil');

  // The imported sender is offered when filing her email in Gmail.
  const gmail = await openGmail(browser!.context);
  const popover = await openPopover(gmail);
  await expect(popover.getByRole('button', { name: 'File to Claire Martin' })).toBeVisible();
});


/** Files a message from Claire's company to `recordId` through the API. */
async function fileTo(seeded: Seeded, recordId: string, n: number) {
  await api(server.url, 'POST', '/api/filings', {
    accountId: seeded.accountId,
    recordIds: [recordId],
    message: {
      messageId: `<records-e2e-${n}@client-corp.example>`,
      subject: `Quote ${n}`,
      from: { name: 'Claire Martin', address: 'claire.martin@client-corp.example' },
      date: '2026-11-27T09:00:00.000Z',
    },
  }, seeded.token);
}

test('merging says what moves; deleting says how many filed emails go with the record', async () => {
  const seeded = await start(true);
  await fileTo(seeded, seeded.records.claire, 1);
  await fileTo(seeded, seeded.records.claire, 2);
  await fileTo(seeded, seeded.records.bob, 3);
  const before = await countRecords();
  const page = await openRecords();
  const section = page.getByTestId('records-section');
  await expect(section.getByTestId('records-count')).toHaveText(`${before} records`);

  // Claire goes into Bob: found by search, the company itself refused.
  await openRowMenu(page, 'Bob Durand', 'Merge with another record…');
  const merge = page.getByRole('dialog', { name: 'Merge Bob Durand with another record' });
  await merge.getByLabel('Find a record').fill('c');
  await expect(merge.locator(`[data-testid="picker-result"][data-record-id="${seeded.records.clientCorp}"]`)).toBeDisabled();
  await merge.locator(`[data-testid="picker-result"][data-record-id="${seeded.records.claire}"]`).click();
  await expect(merge.getByTestId('merge-summary')).toContainText('Moving into Bob Durand, then deleting Claire Martin:');
  await expect(merge.getByTestId('merge-filings')).toHaveText('2 filed emails');
  await expect(merge.getByTestId('merge-summary')).toContainText('emails: claire.martin@client-corp.example');
  await expectAccessible(page);
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(merge).toHaveCount(0);
  await expect(row(page, 'Claire Martin')).toHaveCount(0);
  await expect(row(page, 'Bob Durand').getByTestId('record-addresses')).toContainText('claire.martin@client-corp.example');
  expect(await filedTo(server.url, seeded.token, '<records-e2e-1@client-corp.example>')).toEqual(['Bob Durand']);

  // Bob now holds three filed emails: the confirmation counts them.
  await openRowMenu(page, 'Bob Durand', 'Delete');
  const del = page.getByRole('dialog', { name: 'Delete Bob Durand?' });
  await expect(del.getByTestId('record-delete-filings')).toHaveText('3 filed emails go with it: they will no longer show this record.');
  await del.getByRole('button', { name: 'Delete' }).click();
  await expect(del).toHaveCount(0);
  await expect(row(page, 'Bob Durand')).toHaveCount(0);
  await expect(section.getByTestId('records-count')).toHaveText(`${before - 2} records`);
  expect(await filedTo(server.url, seeded.token, '<records-e2e-3@client-corp.example>')).toEqual([]);

  // The company, by keyboard alone: no filing, no contact left (Claire went into a client).
  const menuButton = row(page, 'Client Corp').getByRole('button', { name: 'More actions for Client Corp' });
  await menuButton.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Edit' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Enter');
  const last = page.getByRole('dialog', { name: 'Delete Client Corp?' });
  await expect(last.getByTestId('record-delete-filings')).toHaveText('No email is filed to it.');
  await page.keyboard.press('Escape');
  await expect(last).toHaveCount(0);
  await expect(menuButton).toBeFocused();
  await expect(row(page, 'Client Corp')).toHaveCount(1);
});
