/**
 * How the in-page UI is laid out, as a new user sees it (English and French, 1280 px and 640 px
 * wide, the side panel also at a real side panel's 360 px): the filing popover and the side panel
 * keep every control inside them and apart, record names stay readable (never one word per line,
 * the full name in a tooltip), and the "Mailroom" pill never covers the popover or a compose.
 * The built extension in Chromium against the real API; Gmail's fixtures at mail.google.com.
 * Screenshots go to test-results/inpage-look/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type Locator, type Page } from '@playwright/test';
import { repoRoot } from './api-server';
import { admin, expect, newProfile, openGmail, routeGmail, signIn, startServer, type ApiServer, type Browser } from './filing.fixtures';
import {
  boxes,
  controlsIn,
  conversationWithCompose,
  expectControlsInside,
  expectNamesReadable,
  expectNoOverlap,
  intersects,
  launchIn,
  longName,
  pillOf,
  seedLongNames,
  shoot,
  shortName,
  type Box,
  type Lang,
} from './inpage-look.fixtures';

test.describe.configure({ timeout: 150_000 });

let server: ApiServer;
const dirs: string[] = [];
const browsers: Browser[] = [];

test.beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mailroom-look-e2e-'));
  dirs.push(dataDir);
  server = await startServer(dataDir);
  await seedLongNames(server.url);
});

test.afterEach(async () => {
  for (const b of browsers.splice(0)) await b.context.close().catch(() => undefined);
});

test.afterAll(async () => {
  await server.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true, maxRetries: 3 });
});

async function browserIn(lang: Lang, html?: string): Promise<Browser> {
  const profile = newProfile();
  dirs.push(profile);
  const b = await launchIn(profile, lang);
  browsers.push(b);
  await signIn(b, server.url, admin.email);
  await routeGmail(b.context, html);
  return b;
}

/** The last message's "File to record" (either language), and its popover once the suggestions show. */
async function openPopover(page: Page, which: 'first' | 'last' = 'last'): Promise<Locator> {
  const buttons = page.getByTestId('file-to-record');
  await expect(buttons).toHaveCount(2);
  await buttons[which]().click();
  const dialog = page.locator('mailroom-file-button [role=dialog]');
  await expect(dialog.getByTestId('filing-suggestions')).toContainText(longName);
  return dialog;
}

/** The pill's box, or null while it stands aside (hidden). */
async function pillBox(page: Page): Promise<Box | null> {
  const pill = pillOf(page);
  return (await pill.isVisible()) ? pill.boundingBox() : null;
}

async function expectPillClearOf(page: Page, scope: Locator, label: string): Promise<void> {
  const pill = await pillBox(page);
  if (!pill) return;
  const covered = (await boxes(controlsIn(scope))).filter((c) => intersects(pill, c.box));
  expect(await Promise.all(covered.map((c) => c.name())), `${label}: the pill covers`).toEqual([]);
}

/** Opens the create form: its inputs are part of the view. */
async function openCreate(scope: Locator): Promise<void> {
  const create = scope.getByTestId('filing-create');
  if (!(await create.locator('input').first().isVisible())) await create.locator('summary').click();
  await expect(create.locator('input').first()).toBeVisible();
}

/** A menu lies inside the window and clear of the pill. */
async function expectControlsInsideWindow(page: Page, menu: Locator, label: string): Promise<void> {
  const box = (await menu.boundingBox())!;
  const view = page.viewportSize()!;
  expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height, `${label}: inside the window`).toBe(true);
  const pill = await pillBox(page);
  expect(pill && intersects(pill, box), `${label}: the pill is clear of it`).toBeFalsy();
}

async function checkFilingView(scope: Locator, label: string): Promise<void> {
  await expectControlsInside(scope, label);
  await expectNoOverlap(scope, label);
  await expectNamesReadable(scope.locator('[data-testid=record-option] .mr-name'), label);
}

for (const lang of ['en', 'fr'] as const) {
  test(`${lang}: the popover and the side panel keep controls inside and apart, names readable, at 1280 and 640 px`, async () => {
    const b = await browserIn(lang);
    const page = await openGmail(b.context);
    for (const width of [1280, 640]) {
      await page.setViewportSize({ width, height: 800 });
      const dialog = await openPopover(page);
      await expect(dialog.getByTestId('filing-suggestions')).toContainText(shortName);
      await shoot(page, `popover-${lang}-${width}-top`);
      await openCreate(dialog);
      await shoot(page, `popover-${lang}-${width}`);
      await checkFilingView(dialog, `${lang} popover ${width}px`);
      await expectPillClearOf(page, dialog, `${lang} popover ${width}px`);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    }

    const panel = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html`);
    for (const width of [1280, 640, 360]) {
      await panel.setViewportSize({ width, height: 900 });
      const main = panel.locator('main');
      const filing = panel.getByTestId('filing-panel');
      await expect(filing.getByTestId('filing-suggestions')).toContainText(longName, { timeout: 15_000 });
      await openCreate(filing);
      await shoot(panel, `sidepanel-${lang}-${width}`, true);
      await checkFilingView(filing, `${lang} side panel ${width}px`);
      await expectControlsInside(main, `${lang} side panel ${width}px (whole panel)`);
      await expectNoOverlap(main, `${lang} side panel ${width}px (whole panel)`);
      const overflow = await panel.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      expect(overflow, `${lang} side panel ${width}px: no sideways scroll`).toBeLessThanOrEqual(0);
    }
  });
}

test('the pill stands clear of the popover and of a compose docked bottom-right, at 1280 and 640 px', async () => {
  const b = await browserIn('en', conversationWithCompose(repoRoot));
  const page = await openGmail(b.context);
  const composeWindow = page.locator('div.dw div.nn');
  // Our compose controls are in (the account picker), so the compose is fully drawn.
  await expect(page.getByTestId('compose-account')).toBeVisible({ timeout: 15_000 });
  for (const width of [1280, 640]) {
    await page.setViewportSize({ width, height: 800 });
    const compose = (await composeWindow.boundingBox())!;
    await expect.poll(async () => {
      const pill = await pillBox(page);
      return pill ? intersects(pill, compose) : false;
    }, { message: `${width}px: the pill is clear of the compose window` }).toBe(false);
    if (width === 1280) await expect(pillOf(page), 'room enough: the pill shows').toBeVisible();
    // The "Signature" menu opens upwards from the compose's bottom bar.
    await page.getByTestId('compose-signature').click();
    const menu = page.locator('mailroom-compose [role=menu]');
    await expect(menu).toBeVisible();
    await expectControlsInsideWindow(page, menu, `${width}px signature menu`);
    await expectPillClearOf(page, composeWindow, `${width}px with the signature menu open`);
    await shoot(page, `pill-compose-${width}`);
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();

    // The first message's: the compose window covers the last one's at 640 px, as in Gmail.
    const dialog = await openPopover(page, 'first');
    await expect.poll(async () => {
      const pill = await pillBox(page);
      if (!pill) return [];
      return Promise.all((await boxes(controlsIn(dialog))).filter((c) => intersects(pill, c.box)).map((c) => c.name()));
    }, { message: `${width}px: the pill covers none of the popover's controls` }).toEqual([]);
    await expectPillClearOf(page, composeWindow, `${width}px with the popover open`);
    await shoot(page, `pill-popover-${width}`);
    await page.keyboard.press('Escape');
  }
  // Room again: the popover closed and the window wide, the pill is back.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(pillOf(page)).toBeVisible();
});
