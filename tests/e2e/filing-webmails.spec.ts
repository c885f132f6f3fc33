/**
 * The same filing scenarios on every webmail, from one table: Gmail and Outlook on the web
 * (English and French UI), each served at its real address from our dated fixtures, with the
 * webmail's own Message-ID source routed (Gmail's "show original", Outlook's GetItem). The built
 * extension in Chromium against the real API; every test starts its own API on a fresh database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type BrowserContext, type Page } from '@playwright/test';
import {
  admin,
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
  signIn,
  startServer,
  stopServer,
  type ApiServer,
  type Browser,
  type Seeded,
} from './filing.fixtures';
import {
  openOutlook,
  outlookAttachmentBytes,
  outlookItem,
  outlookMessageId,
  outlookPage,
  outlookPopoutItem,
  outlookPopoutPage,
  outlookPopoutUrl,
  routeOutlook,
} from './outlook.fixtures';

interface WebmailCase {
  name: string;
  /** Serves the webmail; `layout` rewrites its page (a layout we do not know). */
  route(context: BrowserContext, layout?: (html: string) => string): Promise<unknown>;
  /** Removes the slots our toolbar control goes in, as an unknown layout would. */
  withoutToolbars(html: string): string;
  /** The heading the webmail shows for the open conversation. */
  subject: string;
  open(context: BrowserContext): Promise<Page>;
  /** The last expanded message (the popover's default) and the one with the attachment. */
  lastMessageId: string;
  attachmentMessageId: string;
  attachmentSize: number;
}

const webmails: WebmailCase[] = [
  {
    name: 'Gmail',
    route: (c, layout = (h) => h) => routeGmail(c, layout(conversationHtml)),
    withoutToolbars: (html) => html.replaceAll('gH acX bAm', 'gH zz9').replaceAll('class="amn"', 'class="zz8"'),
    subject: 'Quote 2026-118 for the Lyon office',
    open: openGmail,
    lastMessageId: lastMessage.messageId,
    attachmentMessageId: quoteMessage.messageId,
    attachmentSize: attachmentBytes.length,
  },
  ...(['en', 'fr'] as const).map((ui) => ({
    name: `Outlook (${ui === 'en' ? 'English' : 'French'} UI)`,
    route: (c: BrowserContext, layout: (html: string) => string = (h) => h) => routeOutlook(c, ui, layout(outlookPage(ui))),
    withoutToolbars: (html: string) => html.replaceAll('role="toolbar"', 'role="group"'),
    subject: 'Delivery slot for order 4471',
    open: openOutlook,
    lastMessageId: outlookMessageId(outlookItem(3)),
    attachmentMessageId: outlookMessageId(outlookItem(2)),
    attachmentSize: outlookAttachmentBytes.length,
  })),
];

// Every test starts its own API and browser: the scenario table (the longest file) spreads over the workers.
test.describe.configure({ mode: 'parallel', timeout: 120_000 });

let server: ApiServer;
let seeded: Seeded;
const browsers: Browser[] = [];
const dirs: string[] = [];

test.beforeEach(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mailroom-webmails-e2e-'));
  dirs.push(dataDir);
  server = await startServer(dataDir);
  seeded = await seed(server.url);
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

async function browserOn(webmail: WebmailCase, layout?: (html: string) => string): Promise<Browser> {
  const profile = newProfile();
  dirs.push(profile);
  const b = await launch(profile);
  browsers.push(b);
  await signIn(b, server.url, admin.email);
  await webmail.route(b.context, layout);
  return b;
}

for (const webmail of webmails) {
  test.describe(webmail.name, () => {
    test('files the open email to the suggested contact from its toolbar, shows it filed, unfiles', async () => {
      const b = await browserOn(webmail);
      const page = await webmail.open(b.context);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));

      const dialog = await openPopover(page);
      await dialog.getByRole('button', { name: 'File to Claire Martin' }).click();
      const suggestions = dialog.getByTestId('filing-suggestions');
      const row = (name: string) => suggestions.locator('[data-testid="record-option"]', { hasText: name });
      await expect(row('Claire Martin').getByTestId('record-filed')).toContainText(`Filed by ${admin.fullName}`);
      // Filed under the webmail's own Message-ID, read with the page's session.
      expect(await filedTo(server.url, seeded.token, webmail.lastMessageId)).toEqual(['Claire Martin']);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(fileButtons(page).last()).toHaveText('Filed · 1');

      const again = await openPopover(page);
      await again.getByRole('button', { name: 'Unfile from Claire Martin' }).click();
      await expect.poll(() => filedTo(server.url, seeded.token, webmail.lastMessageId)).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(fileButtons(page).last()).toHaveText('File to record');
      expect(errors).toEqual([]);
    });

    test('the side panel follows the open message and files it by manual search', async () => {
      const b = await browserOn(webmail);
      const page = await webmail.open(b.context);
      // The tab has told the background what it shows while it was the active tab.
      await expect(fileButtons(page).first()).toBeVisible();
      const panel = await b.context.newPage();
      await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html`);
      const filing = panel.getByRole('region', { name: 'File this email' });
      await expect(filing).toBeVisible({ timeout: 15_000 });
      await filing.getByRole('searchbox', { name: 'Search records' }).fill('Client');
      const results = filing.getByTestId('filing-results');
      await results.getByRole('button', { name: 'File to Client Corp' }).click();
      await expect(results.locator('[data-filed="true"]')).toContainText('Client Corp');
      // The panel asked the webmail tab for the Message-ID: the same key the toolbar uses.
      expect(await filedTo(server.url, seeded.token, webmail.lastMessageId)).toEqual(['Client Corp']);
    });

    test('keeps attachment content when ticked, read through the adapter with the page session', async () => {
      const b = await browserOn(webmail);
      const page = await webmail.open(b.context);
      const dialog = await openPopover(page, 'first');
      await expect(dialog).toContainText('1 attachment: its name, size and type are always kept.');
      await dialog.getByRole('checkbox', { name: /Keep attachment content/ }).check();
      await dialog.getByRole('button', { name: 'File to Client Corp' }).click();
      await expect(dialog.getByTestId('filing-notice')).toHaveText('Filed to Client Corp. Content of 1 attachment kept.');
      const list = await api<{ items: { name: string; size: number; contentType: string }[] }>(
        server.url,
        'GET',
        `/api/attachments?accountId=${seeded.accountId}&messageId=${encodeURIComponent(webmail.attachmentMessageId)}`,
        undefined,
        seeded.token,
      );
      expect(list.items).toEqual([expect.objectContaining({ name: 'Quote-2026-118.pdf', contentType: 'application/pdf', size: webmail.attachmentSize })]);
    });

    test('without a toolbar slot there is no button, nothing breaks, and the side panel still files by manual search', async () => {
      const b = await browserOn(webmail, webmail.withoutToolbars);
      const page = await webmail.open(b.context);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await expect(page.getByRole('heading', { name: webmail.subject })).toBeVisible();
      const panel = await b.context.newPage();
      await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html`);
      // Back to the webmail tab: the panel follows the active webmail tab.
      await page.bringToFront();
      const filing = panel.getByRole('region', { name: 'File this email' });
      await expect(filing).toBeVisible({ timeout: 15_000 });
      await expect(page.getByRole('button', { name: 'File to record' })).toHaveCount(0);
      await filing.getByRole('searchbox', { name: 'Search records' }).fill('Client');
      await filing.getByTestId('filing-results').getByRole('button', { name: 'File to Client Corp' }).click();
      await expect(filing.getByTestId('filing-results').locator('[data-filed="true"]')).toContainText('Client Corp');
      expect(await filedTo(server.url, seeded.token, webmail.lastMessageId)).toEqual(['Client Corp']);
      expect(errors).toEqual([]);
    });
  });
}

test('Outlook pop-out read window: files its one message under the Message-ID of the item in its address', async () => {
  const profile = newProfile();
  dirs.push(profile);
  const b = await launch(profile);
  browsers.push(b);
  await signIn(b, server.url, admin.email);
  await routeOutlook(b.context, 'en', outlookPopoutPage());
  const page = await b.context.newPage();
  await page.goto(outlookPopoutUrl);
  await expect(fileButtons(page)).toHaveCount(1);
  await fileButtons(page).click();
  const dialog = page.getByRole('dialog', { name: 'File this email' });
  await dialog.getByRole('button', { name: 'File to Bob Durand' }).click();
  await expect(dialog.getByTestId('filing-suggestions').locator('[data-filed="true"]')).toContainText('Bob Durand');
  expect(await filedTo(server.url, seeded.token, outlookMessageId(outlookPopoutItem))).toEqual(['Bob Durand']);
});
