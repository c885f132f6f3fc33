/**
 * The same compose scenarios on every webmail, from one table: account picker and From, the
 * default signature inserted once (above the quote on replies), the Signature menu, the webmail's
 * own signature, drafts, several composes, "Write to" — on Gmail and on Outlook on the web, served
 * at their real addresses from our dated fixtures (compose-webmails.ts). The built extension in
 * Chromium against the real API; each test gets a fresh signed-in profile whose two shared
 * accounts (sales@, support@acme.example, the From addresses the fixtures offer) have two
 * signatures each (compose.fixtures.ts).
 *
 * Each scenario runs once per webmail, on its first UI language that has the page; the scenarios
 * where the language changes what the adapter reads (From, To, "New mail") run on every UI.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, recordScriptsStarted, sendFromExtensionPage, storedLocally, test, type ComposeWorld } from './compose.fixtures';
import { justOpened } from './compose.pages';
import { composeWebmails, type ComposeAt, type ComposePage, type ComposeWebmail } from './compose-webmails';
import { outlookPage } from './outlook-compose.pages';

// Every test has its own browser profile: the table spreads over the workers.
test.describe.configure({ mode: 'parallel' });

const ours = '[data-mailroom-signature]';
const signatureOf = (sig: string) => `[data-mailroom-signature="${sig}"]`;

async function openWebmail(world: ComposeWorld, webmail: ComposeWebmail, html: string, url = webmail.inbox): Promise<Page> {
  await world.context.route(`${webmail.origin}/**`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  const page = await world.context.newPage();
  // No in-page feature may throw into the webmail.
  page.on('pageerror', (e) => world.pageErrors.push(e.message));
  await page.goto(url);
  return page;
}

const markers = (webmail: ComposeWebmail, page: Page) => webmail.bodies(page).locator(ours);

function controlsOf(webmail: ComposeWebmail, page: Page, id: string, { account = 'Account', includeHidden = false } = {}) {
  const host = webmail.controls(page, id);
  return {
    account: host.getByRole('combobox', { name: account, includeHidden }),
    signature: host.getByRole('button', { name: 'Signature' }),
    item: (name: string) => host.getByRole('menuitemradio', { name }),
  };
}

/** Our signature sits right above the quote, never inside it. */
async function expectAboveQuote(webmail: ComposeWebmail, compose: Locator): Promise<void> {
  const placement = await compose.locator(ours).evaluate((m, quote) => ({ next: !!m.nextElementSibling?.matches(quote), inQuote: !!m.closest(quote) }), webmail.quoteStart);
  expect(placement).toEqual({ next: true, inQuote: false });
}

/** Still the same after the page settled: no late detection inserts again. */
const settled = (page: Page) => page.waitForTimeout(500);

async function expectComposeAsOpened(world: ComposeWorld, webmail: ComposeWebmail, page: Page, c: ComposeAt): Promise<void> {
  const compose = webmail.compose(page, c.id);
  await expect(controlsOf(webmail, page, c.id, { includeHidden: c.minimised }).account).toHaveValue(world.acc[c.account]);
  if (c.from) await webmail.expectFrom(compose, `${c.account}@acme.example`);
  if (c.text) await expect(compose).toContainText(c.text);
  if (!c.signature) return;
  await expect(compose.locator(ours)).toHaveCount(1);
  await expect(compose.locator(ours)).toHaveAttribute('data-mailroom-signature', world.sig[c.signature]);
  if (c.quote) await expectAboveQuote(webmail, compose);
}

/** Which of our content scripts started in a page, in order. */
type ScriptsStarted = (page: Page) => Promise<string[]>;

interface Scenario {
  title: string;
  /** The page(s) the scenario opens; webmails without one do not run it (see `only`). */
  pages(webmail: ComposeWebmail): ComposePage | ComposePage[] | undefined;
  /** Run on every UI language of a webmail with the page, not only the first. */
  everyUi?: boolean;
  /** The browser's language, and the webmail UI to prefer for it. */
  locale?: 'fr-FR';
  /** A scenario one webmail alone has, and why the others cannot. */
  only?: { provider: ComposeWebmail['provider']; why: string };
  run(world: ComposeWorld, webmail: ComposeWebmail, page: Page, at: ComposePage, scriptsOf: ScriptsStarted): Promise<void>;
}

/** A page of its own for scenarios that need no compose at load (the compose button's page). */
const buttonPage = (webmail: ComposeWebmail): ComposePage | undefined => {
  const p = webmail.pages.composeButton;
  return p && { label: 'no compose open', html: p.html, composes: [] };
};

const scenarios: Scenario[] = [
  {
    title: 'a new message open at load: default account, its From, its signature once, sanitized; the account picker swaps From and signature, and back',
    pages: (w) => w.pages.newMessage,
    everyUi: true,
    async run(world, webmail, page, at) {
      const c = at.composes[0]!;
      const compose = webmail.compose(page, c.id);
      const controls = controlsOf(webmail, page, c.id);
      await expect(page.locator('mailroom-compose')).toHaveCount(1);
      await expectComposeAsOpened(world, webmail, page, c);
      const marker = compose.locator(ours);
      await expect(marker).toContainText(`SALES MAIN — ${world.user.fullName}`);
      // The API sanitized it and the extension again: the handler is gone, the image kept.
      expect(await marker.innerHTML()).not.toContain('onerror');
      await expect(marker.locator('img')).toHaveAttribute('src', 'https://cdn.acme.example/sales.png');
      await expect(controls.signature).toBeVisible();
      await expect(page.locator('mailroom-compose [data-testid="compose-from-mismatch"]')).toHaveCount(0);
      await settled(page);
      await expect(markers(webmail, page)).toHaveCount(1);

      await controls.account.selectOption(world.acc.support);
      await webmail.expectFrom(compose, 'support@acme.example');
      await expect(markers(webmail, page)).toHaveCount(1);
      await expect(marker).toHaveAttribute('data-mailroom-signature', world.sig.supportMain);
      // The webmail's own From menu was used and closed again.
      if (webmail.openMenus) await expect(webmail.openMenus(page)).toHaveCount(0);
      await controls.account.selectOption(world.acc.sales);
      await expect(marker).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
      await webmail.expectFrom(compose, 'sales@acme.example');
      expect(world.pageErrors).toEqual([]);
    },
  },
  {
    title: 'choosing a From in the webmail selects the matching account and its signature',
    pages: (w) => w.pages.newMessage,
    everyUi: true,
    async run(world, webmail, page, at) {
      const c = at.composes[0]!;
      const compose = webmail.compose(page, c.id);
      await expect(compose.locator(signatureOf(world.sig.salesMain))).toHaveCount(1);
      await webmail.chooseFrom(page, compose, 'support@acme.example');
      await expect(controlsOf(webmail, page, c.id).account).toHaveValue(world.acc.support);
      await expect(markers(webmail, page)).toHaveCount(1);
      await expect(compose.locator(ours)).toHaveAttribute('data-mailroom-signature', world.sig.supportMain);
    },
  },
  {
    title: 'a fresh inline reply: the default signature once, above the quote; the Signature menu replaces it in place, "No signature" removes it',
    pages: (w) => w.pages.reply,
    async run(world, webmail, page, at) {
      const c = at.composes[0]!;
      const compose = webmail.compose(page, c.id);
      await expectComposeAsOpened(world, webmail, page, c);
      await settled(page);
      await expect(markers(webmail, page)).toHaveCount(1);
      // The user writes above it.
      await webmail.bodies(page).evaluate((b, line) => b.insertAdjacentHTML('afterbegin', line), webmail.typedLine('Thanks Claire, noted.'));
      const controls = controlsOf(webmail, page, c.id);
      await controls.signature.click();
      await expect(controls.item('sales main')).toHaveAttribute('aria-checked', 'true');
      await controls.item('sales short').click();
      await expect(markers(webmail, page)).toHaveCount(1);
      await expect(compose.locator(ours)).toHaveAttribute('data-mailroom-signature', world.sig.salesShort);
      await expect(compose.locator(ours)).toContainText('SALES SHORT');
      // In the same place: still between the typed text and the quote.
      await expectAboveQuote(webmail, compose);

      await controls.signature.click();
      await controls.item('No signature').click();
      await expect(markers(webmail, page)).toHaveCount(0);
      await expect(webmail.bodies(page)).toContainText('Thanks Claire, noted.');
      await expect(compose.locator(webmail.quoteStart).first()).toBeAttached();
      expect(world.pageErrors).toEqual([]);
    },
  },
  {
    title: 'on a reply, changing the account swaps the signature, still once and above the quote',
    pages: (w) => w.pages.reply,
    async run(world, webmail, page, at) {
      const c = at.composes[0]!;
      const compose = webmail.compose(page, c.id);
      await expect(compose.locator(signatureOf(world.sig.salesMain))).toHaveCount(1);
      await controlsOf(webmail, page, c.id).account.selectOption(world.acc.support);
      await expect(compose.locator(ours)).toHaveAttribute('data-mailroom-signature', world.sig.supportMain);
      await expect(markers(webmail, page)).toHaveCount(1);
      await expectAboveQuote(webmail, compose);
      // Where the webmail shows the reply's From, it follows; Outlook's inline reply has none to follow.
      if (c.from) await webmail.expectFrom(compose, 'support@acme.example');
    },
  },
  {
    title: 'composes open at load: each its account, its signature once and its controls; closing one leaves the others',
    pages: (w) => w.pages.atLoad,
    // Each UI has its own fixtures here (a forward in French, several composes in English).
    everyUi: true,
    async run(world, webmail, page, at) {
      await expect(page.locator('mailroom-compose')).toHaveCount(at.composes.length);
      for (const c of at.composes) await expectComposeAsOpened(world, webmail, page, c);
      await settled(page);
      await expect(markers(webmail, page)).toHaveCount(at.composes.length);
      await webmail.close(page, at.composes.at(-1)!.id);
      await expect(page.locator('mailroom-compose')).toHaveCount(at.composes.length - 1);
      await expect(markers(webmail, page)).toHaveCount(at.composes.length - 1);
      expect(world.pageErrors).toEqual([]);
    },
  },
  {
    title: 'a saved draft reopened gets nothing by itself; its Signature menu still works',
    pages: (w) => w.pages.drafts,
    everyUi: true,
    async run(world, webmail, page, at) {
      const c = at.composes[0]!;
      const compose = webmail.compose(page, c.id);
      await expectComposeAsOpened(world, webmail, page, c);
      await settled(page);
      await expect(markers(webmail, page)).toHaveCount(0);
      const controls = controlsOf(webmail, page, c.id);
      await controls.signature.click();
      await controls.item('sales short').click();
      await expect(compose.locator(ours)).toHaveAttribute('data-mailroom-signature', world.sig.salesShort);
      if (c.quote) await expectAboveQuote(webmail, compose);
      if (c.text) await expect(compose).toContainText(c.text);
    },
  },
  {
    title: "the webmail's own signature: replaced by default; kept when the user says so; an explicit choice replaces it",
    pages: (w) => w.pages.nativeSignature,
    async run(world, webmail, page, at) {
      const c = at.composes[0]!;
      const native = (p: Page) => webmail.bodies(p).locator(webmail.native.selector);
      await expect(markers(webmail, page)).toHaveCount(1);
      await expect(native(page)).toHaveCount(0);
      await webmail.native.afterRemoved?.(webmail.compose(page, c.id));
      const controls = controlsOf(webmail, page, c.id);
      await controls.signature.click();
      await controls.item(webmail.native.keep).click();
      // The choice is saved in extension storage (async): closing the tab before the write lands
      // would lose it. Wait for it, as the user's next compose would find it.
      await expect.poll(() => storedLocally(world, 'signaturePrefs')).toEqual({ nativeSignature: 'keep' });
      await page.close();

      const again = await openWebmail(world, webmail, at.html(), at.url);
      const controls2 = controlsOf(webmail, again, c.id);
      await expect(controls2.account).toHaveValue(world.acc.sales);
      await expect(native(again)).toHaveCount(1);
      await expect(markers(webmail, again)).toHaveCount(0);
      await controls2.signature.click();
      await controls2.item('sales short').click();
      await expect(markers(webmail, again)).toHaveAttribute('data-mailroom-signature', world.sig.salesShort);
      await expect(native(again)).toHaveCount(0);
    },
  },
  {
    title: "composes opened after load with the webmail's compose button get theirs, one each",
    pages: buttonPage,
    async run(world, webmail, page) {
      const button = webmail.pages.composeButton!.button(page);
      await expect(page.getByRole('button', { name: 'Open the Mailroom side panel' })).toBeVisible();
      await expect(webmail.bodies(page)).toHaveCount(0);
      await button.click();
      await button.click();
      await expect(webmail.bodies(page)).toHaveCount(2);
      await expect(markers(webmail, page)).toHaveCount(2);
      await expect(page.locator('mailroom-compose')).toHaveCount(2);
      for (const body of await webmail.bodies(page).all()) await expect(body.locator(ours)).toHaveCount(1);
    },
  },
  {
    title: 'a compose the webmail draws again (same id, body with our signature) keeps one signature and one set of controls',
    pages: (w) => w.pages.newMessage,
    async run(world, webmail, page, at) {
      const c = at.composes[0]!;
      await expect(markers(webmail, page)).toHaveCount(1);
      await expect(page.locator('mailroom-compose')).toHaveCount(1);
      await webmail.redraw(page, c.id);
      await expect(page.locator('mailroom-compose')).toHaveCount(1);
      await expect(controlsOf(webmail, page, c.id).account).toHaveValue(world.acc.sales);
      await settled(page);
      await expect(markers(webmail, page)).toHaveCount(1);
      await expect(page.locator('mailroom-compose')).toHaveCount(1);
    },
  },
  {
    title: 'a compose without the toolbar our controls go in still gets its signature, and nothing is thrown',
    pages: (w) => w.pages.newMessage && { ...w.pages.newMessage, html: () => w.withoutToolbar(w.pages.newMessage!.html()) },
    async run(world, webmail, page) {
      await expect(markers(webmail, page)).toHaveCount(1);
      await page.waitForTimeout(4500); // longer than the controls look for a late toolbar
      await expect(page.locator('mailroom-compose')).toHaveCount(0);
      expect(world.pageErrors).toEqual([]);
    },
  },
  {
    title: 'an idle inbox gets the loader, then the page core, then the in-page UI, each once',
    pages: buttonPage,
    async run(world, webmail, page, _at, scriptsOf) {
      await expect(page.getByRole('button', { name: 'Open the Mailroom side panel' })).toBeVisible();
      // No conversation, no compose, no move: the UI still comes a few idle seconds later, so the
      // first conversation opened does not wait for it.
      await expect.poll(() => scriptsOf(page), { timeout: 20_000 }).toEqual(webmail.scripts);
    },
  },
  {
    title: '"Write to" from the side panel opens a compose in the webmail tab with the account, its From and its signature',
    pages: buttonPage,
    everyUi: true,
    async run(world, webmail, page, _at, scriptsOf) {
      await expect(webmail.bodies(page)).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Open the Mailroom side panel' })).toBeVisible();
      // The in-page UI comes after the loader and the page core, on need.
      expect((await scriptsOf(page)).slice(0, 2)).toEqual(webmail.scripts.slice(0, 2));
      await page.bringToFront();
      // The side panel's call, made from an extension page (the panel opened as a tab).
      const panel = await world.context.newPage();
      await panel.goto(`chrome-extension://${world.extensionId}/sidepanel.html`);
      const reply = await sendFromExtensionPage(panel, {
        name: 'compose.openTo',
        req: { to: [{ address: 'claire.martin@client-corp.example', name: 'Claire Martin' }], accountId: world.acc.support },
      });
      const opened = webmail.pages.composeButton!.firstOpened;
      expect(reply).toMatchObject({ ok: true, res: { composeId: expect.stringContaining(opened) } });
      const compose = webmail.compose(page, opened);
      await webmail.expectTo(compose, 'claire.martin@client-corp.example');
      await webmail.expectFrom(compose, 'support@acme.example');
      await expect(compose.locator(ours)).toHaveAttribute('data-mailroom-signature', world.sig.supportMain);
      await expect(markers(webmail, page)).toHaveCount(1);
      await expect(controlsOf(webmail, page, opened).account).toHaveValue(world.acc.support);
      // "Write to" needed the compose controls: the UI runs, injected once.
      expect(await scriptsOf(page)).toEqual(webmail.scripts);
      expect(world.pageErrors).toEqual([]);
    },
  },
  {
    title: '"Write to" a suggested contact in the side panel: a compose in the webmail tab with the default account',
    pages: (w) => w.pages.conversation && { label: 'the conversation open', html: w.pages.conversation.html, url: w.pages.conversation.url, composes: [] },
    async run(world, webmail, page) {
      const { sender, opened, composesAtLoad } = webmail.pages.conversation!;
      await expect(markers(webmail, page)).toHaveCount(composesAtLoad);
      const panel = await world.context.newPage();
      await panel.goto(`chrome-extension://${world.extensionId}/sidepanel.html`);
      const writeTo = panel.getByRole('button', { name: `Write to ${sender.name}` });
      await expect(writeTo).toBeVisible({ timeout: 15_000 });
      await writeTo.click();
      const compose = webmail.compose(page, opened);
      await webmail.expectTo(compose, sender.address);
      await expect(compose.locator(ours)).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
      await expect(markers(webmail, page)).toHaveCount(composesAtLoad + 1);
      await expect(panel.getByRole('alert')).toHaveCount(0);
    },
  },
  {
    title: 'in a French browser the controls are "Compte" and "Signature", and the menu speaks French',
    pages: (w) => w.pages.newMessage,
    locale: 'fr-FR',
    async run(world, webmail, page, at) {
      const c = at.composes[0]!;
      await expect(markers(webmail, page)).toHaveCount(1);
      const controls = controlsOf(webmail, page, c.id, { account: 'Compte' });
      await expect(controls.account).toHaveValue(world.acc.sales);
      await controls.signature.click();
      await controls.item('Aucune signature').click();
      await expect(markers(webmail, page)).toHaveCount(0);
    },
  },
  {
    title: 'Gmail\'s other "no value" in its hidden inputs, "null", is not a saved draft either',
    only: { provider: 'Gmail', why: 'Gmail tells a saved draft by its hidden draft input; Outlook has none, it tells one by the address' },
    pages: (w) => ({ label: 'new message', html: () => justOpened('compose-new').replace(/value="undefined"/g, 'value="null"'), composes: w.pages.newMessage!.composes }),
    async run(world, webmail, page) {
      await expect(page.locator('input[name="draft"]')).toHaveValue('null');
      await expect(markers(webmail, page)).toHaveCount(1);
      await expect(markers(webmail, page)).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
    },
  },
  {
    title: 'an editor inside a shadow root gets its signature and controls',
    only: { provider: 'Outlook', why: "Outlook may draw its editor in a shadow root; Gmail's editor is always in the page's document" },
    pages: () => ({ label: 'new message', html: () => outlookPage('compose-shadow-editor.en'), composes: [{ id: 'editorParent_8', account: 'sales', signature: 'salesMain', from: true }] }),
    async run(world, webmail, page) {
      const host = webmail.controls(page, 'editorParent_8');
      await expect(host.getByRole('combobox', { name: 'Account' })).toHaveValue(world.acc.sales);
      await expect(markers(webmail, page)).toHaveCount(1);
      await expect(markers(webmail, page)).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
      await webmail.expectFrom(page.locator('[id^="docking_InitVisiblePart_"]'), 'sales@acme.example');
      await settled(page);
      await expect(markers(webmail, page)).toHaveCount(1);
      expect(world.pageErrors).toEqual([]);
    },
  },
];

/** The webmails a scenario runs on: per provider, every UI (or the first with the page, the locale's first). */
function webmailsFor(scenario: Scenario): ComposeWebmail[] {
  const providers = scenario.only ? [scenario.only.provider] : [...new Set(composeWebmails.map((w) => w.provider))];
  return providers.flatMap((provider) => {
    const withPage = composeWebmails.filter((w) => w.provider === provider && scenario.pages(w) !== undefined);
    const preferred = scenario.locale ? [...withPage].sort((a, b) => Number(b.ui === 'fr') - Number(a.ui === 'fr')) : withPage;
    // A scenario every webmail shares must have a page on each: the table says so, not a silent skip.
    if (preferred.length === 0) throw new Error(`"${scenario.title}" has no page on ${provider}: add one, or mark the scenario \`only\` with why`);
    return scenario.everyUi ? preferred : preferred.slice(0, 1);
  });
}

for (const scenario of scenarios) {
  for (const webmail of webmailsFor(scenario)) {
    const pages = [scenario.pages(webmail)!].flat();
    test.describe(webmail.name, () => {
      if (scenario.locale) test.use({ locale: scenario.locale });
      for (const at of pages) {
        test(`${scenario.title} (${at.label})`, async ({ world }) => {
          // Which of our scripts start is seen from the page: recorded before it opens.
          const scriptsOf = await recordScriptsStarted(world);
          const page = await openWebmail(world, webmail, at.html(), at.url);
          await scenario.run(world, webmail, page, at, scriptsOf);
        });
      }
    });
  }
}

test('"Write to" without a webmail tab says what to do', async ({ world }) => {
  const panel = await world.context.newPage();
  await panel.goto(`chrome-extension://${world.extensionId}/sidepanel.html`);
  const reply = await sendFromExtensionPage(panel, { name: 'compose.openTo', req: { to: [{ address: 'claire.martin@client-corp.example' }] } });
  expect(reply).toMatchObject({ ok: false, error: { code: 'no_webmail_tab' } });
});
