/**
 * Helpers for the in-page look tests: a Chromium profile in English or French with the built
 * extension, records whose names are hard to lay out (a very long French company name, a short
 * two-word one), a Gmail conversation with a pop-up compose docked bottom-right as Gmail docks it,
 * and geometry checks on element boxes (`locator.boundingBox()`): inside a container, no overlap,
 * no name laid out one word per line.
 */
import { chromium, expect, type Locator, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { apiRequest as api } from './api-server';
import { chromiumPath, loadExtensionArgs, quietChromiumArgs } from './chromium-args';
import { admin, conversationHtml, extensionDir, password, type Browser } from './filing.fixtures';

export type Lang = 'en' | 'fr';

export const longName = 'Établissements Internationaux de Distribution Électrique du Grand Sud-Ouest SARL';
export const shortName = 'Acme Widgets';

/** A profile whose browser (hence `navigator.language` and the UI) speaks `lang`. */
export async function launchIn(profile: string, lang: Lang): Promise<Browser> {
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  const french = lang === 'fr';
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: chromiumPath(),
    locale: french ? 'fr-FR' : 'en-US',
    viewport: { width: 1280, height: 800 },
    // Chromium on Linux takes its UI language from the environment; `--lang` elsewhere.
    env: { ...process.env, LANGUAGE: french ? 'fr' : 'en_US', LANG: french ? 'fr_FR.UTF-8' : 'en_US.UTF-8' },
    args: [...quietChromiumArgs, `--lang=${french ? 'fr' : 'en-US'}`, ...loadExtensionArgs(extensionDir)],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, extensionId: new URL(worker.url()).host };
}

/**
 * The mailbox of the Gmail fixture (Adrien's default) and records the conversation's people
 * match: the long name on Claire's address, "Acme Widgets" on the sender's domain, Bob.
 */
export async function seedLongNames(url: string): Promise<void> {
  const login = await api<{ token: string; user: { id: string } }>(url, 'POST', '/api/auth/login', { email: admin.email, password });
  const { token } = login;
  const account = await api<{ id: string }>(url, 'POST', '/api/email-accounts', {
    address: 'sales@acme.example',
    displayName: 'Acme Sales',
    incoming: { protocol: 'imap', host: '127.0.0.1', port: 1143, security: 'none', username: 'x', password: 'y' },
  }, token);
  await api(url, 'PUT', `/api/email-accounts/${account.id}/access/${login.user.id}`, { isDefault: true }, token);
  const create = (body: object) => api<{ id: string }>(url, 'POST', '/api/records', body, token);
  await create({ kind: 'company', name: shortName, domains: ['client-corp.example'] });
  await create({ kind: 'client', name: longName, emails: ['claire.martin@client-corp.example'] });
  await create({ kind: 'contact', name: 'Bob Durand', emails: ['bob.durand@client-corp.example'] });
}

/**
 * The conversation fixture with the pop-up compose of the "new message" fixture added, docked as
 * Gmail docks it: fixed to the bottom-right corner, 540 px wide or the window's width less 16 px
 * margins (the fixtures carry none of Gmail's CSS; these are the few rules that place the window).
 */
export function conversationWithCompose(root: string): string {
  const compose = readFileSync(path.join(root, 'tests/fixtures/gmail/2026-11-27-compose-new.html'), 'utf8');
  const dock = /<div class="dw">[\s\S]*?<\/body>/.exec(compose)?.[0].replace('</body>', '') ?? '';
  const style = '<style>.dw{position:fixed;right:16px;bottom:0;z-index:5;background:#fff;box-shadow:0 8px 10px rgb(0 0 0/20%)}'
    + '.dw .nn{width:min(540px,calc(100vw - 32px))!important}</style>';
  return conversationHtml.replace('</body>', `${style}${dock}</body>`);
}

export type Box = { x: number; y: number; width: number; height: number };

export const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

/** A control as a failure message names it: tag, type and accessible text. */
const nameOf = (el: Locator) =>
  el.evaluate((e) => `${e.tagName.toLowerCase()}${e.getAttribute('type') ? `[${e.getAttribute('type')}]` : ''} "${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 50)}"`);

/** The boxes of every visible element `locator` matches (`name()` for a failure message). */
export async function boxes(locator: Locator): Promise<{ box: Box; name: () => Promise<string> }[]> {
  const out: { box: Box; name: () => Promise<string> }[] = [];
  for (const el of await locator.all()) {
    // Null for what is not rendered (a hidden pill); what sits in a closed <details> keeps a box
    // in Chromium but is not shown (content-visibility: hidden), which checkVisibility() tells.
    const box = await el.boundingBox();
    const shown = box ? await el.evaluate((e) => e.checkVisibility()) : false;
    if (box && shown && box.width > 0 && box.height > 0) out.push({ box, name: () => nameOf(el) });
  }
  return out;
}

/** Our controls in `scope`: what a user clicks or types in. */
export const controlsIn = (scope: Locator) => scope.locator('button, input:not([type=hidden]), select, textarea, summary');

/**
 * Every control lies fully inside `container`'s box, its scrolled content included (a popover
 * taller than the window scrolls inside itself, so its lower controls sit below its box).
 */
export async function expectControlsInside(container: Locator, label: string): Promise<void> {
  const box = (await container.boundingBox())!;
  const { scrollTop, scrollHeight, clientWidth, scrollWidth } = await container.evaluate((e) => ({
    scrollTop: e.scrollTop, scrollHeight: e.scrollHeight, clientWidth: e.clientWidth, scrollWidth: e.scrollWidth,
  }));
  expect(scrollWidth, `${label}: nothing runs past the right edge`).toBeLessThanOrEqual(clientWidth + 1);
  const top = box.y - scrollTop;
  const outside = (await boxes(controlsIn(container))).filter(({ box: b }) =>
    b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5 || b.y < top - 0.5 || b.y + b.height > top + Math.max(scrollHeight, box.height) + 0.5,
  );
  expect(await Promise.all(outside.map((o) => o.name())), `${label}: controls outside ${JSON.stringify(box)}`).toEqual([]);
}

/** No two controls in `scope` overlap (a checkbox and the button beside it, two buttons...). */
export async function expectNoOverlap(scope: Locator, label: string): Promise<void> {
  const all = await boxes(controlsIn(scope));
  const clashes: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      if (intersects(all[i]!.box, all[j]!.box)) clashes.push(`${await all[i]!.name()} × ${await all[j]!.name()}`);
    }
  }
  expect(clashes, `${label}: overlapping controls`).toEqual([]);
}

/**
 * A record name is never laid out one word per line: it fits in two lines, or it is cut with an
 * ellipsis and its `title` (the tooltip) holds the full name.
 */
export async function expectNamesReadable(names: Locator, label: string): Promise<void> {
  const count = await names.count();
  expect(count, `${label}: names shown`).toBeGreaterThan(0);
  for (const el of await names.all()) {
    const m = await el.evaluate((e) => {
      const style = getComputedStyle(e);
      const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4;
      return {
        text: (e.textContent ?? '').trim(),
        title: e.getAttribute('title') ?? e.closest('[title]')?.getAttribute('title') ?? '',
        lines: Math.round(e.getBoundingClientRect().height / lineHeight),
        cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,
      };
    });
    expect(m.lines, `${label}: "${m.text}" takes ${m.lines} lines`).toBeLessThanOrEqual(2);
    // Always: a cut name needs it, and a wrapped one reads better in one line on hover.
    expect(m.title, `${label}: "${m.text}" has its full name as a tooltip${m.cut ? ' (it is cut)' : ''}`).toBe(m.text);
  }
}

/** The pill's box (its button inside our shadow host). */
export const pillOf = (page: Page) => page.locator('mailroom-control button.pill');

/** A screenshot to look at, under test-results/inpage-look/ (each run replaces them). */
export async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join('test-results', 'inpage-look', `${name}.png`), fullPage });
}

