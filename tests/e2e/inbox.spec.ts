/**
 * The shared inbox in the side panel, with two people on one mailbox: Adrien assigns mail to
 * Alice, Alice finds it under "Assigned to me" and marks it handled; Adrien files another one from
 * the inbox through the filing view, and sees Alice's work. Real API, real Chromium, the built
 * extension; the synced mail is written as the sync stores it (inbox.fixtures.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, type Page } from '@playwright/test';
import {
  admin,
  alice,
  expect,
  filedTo,
  launch,
  newProfile,
  seed,
  signIn,
  startServer,
  stopServer,
  type ApiServer,
  type Browser,
  type Seeded,
} from './filing.fixtures';
import { insertSyncedMail } from './inbox.fixtures';

test.describe.configure({ timeout: 120_000 });

let server: ApiServer;
let seeded: Seeded;
const browsers: Browser[] = [];
const dirs: string[] = [];

test.beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mailroom-inbox-e2e-'));
  dirs.push(dataDir);
  server = await startServer(dataDir);
  seeded = await seed(server.url);
  insertSyncedMail(dataDir, seeded.accountId, [
    {
      messageId: 'inbox-e2e-1@client-corp.example',
      subject: 'Delivery date for order 4471',
      from: { name: 'Claire Martin', address: 'claire.martin@client-corp.example' },
      to: 'sales@acme.example',
      date: '2026-11-30T09:00:00Z',
      snippet: 'Could you confirm the delivery date?',
    },
    {
      messageId: 'inbox-e2e-2@client-corp.example',
      subject: 'New quote request',
      from: { name: 'Bob Durand', address: 'bob.durand@client-corp.example' },
      to: 'sales@acme.example',
      date: '2026-11-30T10:00:00Z',
      snippet: 'We would like a quote for 20 units.',
    },
  ]);
});

test.afterAll(async () => {
  for (const b of browsers.splice(0)) await b.context.close().catch(() => undefined);
  await stopServer(server);
  for (const d of dirs.splice(0)) {
    try {
      rmSync(d, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      /* Chromium may still be flushing its profile: left in the temp dir */
    }
  }
});

async function inboxAs(email: string): Promise<Page> {
  const profile = newProfile();
  dirs.push(profile);
  const b = await launch(profile);
  browsers.push(b);
  await signIn(b, server.url, email);
  const panel = await b.context.newPage();
  await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'Inbox' }).click();
  await expect(panel.getByRole('region', { name: 'Shared inbox' })).toBeVisible();
  return panel;
}

const item = (panel: Page, subject: string) => panel.getByTestId('inbox-item').filter({ hasText: subject });

test('one user assigns, the other finds it assigned to them and marks it handled; filing takes mail out of the inbox', async () => {
  const [adrien, alicePanel] = await Promise.all([inboxAs(admin.email), inboxAs(alice.email)]);

  // Both see the same open mail, newest first.
  for (const panel of [adrien, alicePanel]) {
    await expect(panel.getByTestId('inbox-item').locator('h3')).toHaveText(['New quote request', 'Delivery date for order 4471']);
  }

  const axe = await new AxeBuilder({ page: adrien }).include('[data-testid="inbox"]').analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  const delivery = item(adrien, 'Delivery date for order 4471');
  await delivery.getByRole('combobox', { name: 'Assign to' }).selectOption({ label: alice.fullName });
  // Assigned: no longer open for anyone.
  await expect(delivery).toHaveCount(0);

  await alicePanel.getByRole('button', { name: 'Assigned to me' }).click();
  const mine = item(alicePanel, 'Delivery date for order 4471');
  await expect(mine.getByTestId('inbox-assignee')).toHaveText(`Assigned to ${alice.fullName}`);
  await mine.getByTestId('inbox-history').locator('summary').click();
  await expect(mine.getByTestId('inbox-history')).toContainText(`${admin.fullName} assigned it to ${alice.fullName}`);
  await mine.getByRole('button', { name: 'Mark handled' }).click();
  await expect(mine).toHaveCount(0);
  await expect(alicePanel.getByTestId('inbox-empty')).toHaveText('No mail is assigned to you.');

  // Adrien files the other one from the inbox, through the filing view.
  const quote = item(adrien, 'New quote request');
  await quote.getByRole('button', { name: 'File' }).click();
  const filing = quote.getByRole('region', { name: 'File this email' });
  await filing.getByRole('searchbox', { name: 'Search records' }).fill('Client');
  await filing.getByTestId('filing-results').getByRole('button', { name: 'File to Client Corp' }).click();
  await expect(adrien.getByTestId('inbox-empty')).toBeVisible();
  expect(await filedTo(server.url, seeded.token, 'inbox-e2e-2@client-corp.example')).toEqual(['Client Corp']);

  // What Alice did shows for Adrien under "Handled".
  await adrien.getByRole('button', { name: 'Handled' }).click();
  const handled = item(adrien, 'Delivery date for order 4471');
  await expect(handled.getByTestId('inbox-handled')).toContainText(`Handled by ${alice.fullName}`);
  await handled.getByRole('button', { name: 'Reopen' }).click();
  await expect(handled).toHaveCount(0);
});
