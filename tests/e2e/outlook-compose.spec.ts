/**
 * Signatures and account in Outlook on the web composes, with the built extension in Chromium, the
 * real API, and our dated Outlook reconstructions served at https://outlook.office.com/
 * (outlook-compose.pages.ts, with Outlook's From menu working). Each test gets a fresh signed-in
 * user whose two shared accounts (sales@, support@acme.example: the send-as addresses the
 * fixtures' From menu offers) have two signatures each — the world of Gmail's compose spec.
 */
import type { Page } from '@playwright/test';
import { expect, sendFromExtensionPage, storedLocally, test, type ComposeWorld } from './compose.fixtures';
import { conversationWithNewMail, inboxWithNewMail, outlookPage } from './outlook-compose.pages';

const inbox = 'https://outlook.office.com/mail/inbox';
const popout = 'https://outlook.office.com/mail/deeplink/compose?popoutv2=1';
const draftPopout = 'https://outlook.office.com/mail/deeplink/compose/AAMkADAwATM0MDAAMS1hZDk3LTk3AAA%3D?popoutv2=1';

/** Compose bodies (Playwright's CSS reaches into open shadow roots). */
const bodies = (page: Page) => page.locator('div[role="textbox"][aria-multiline="true"]');
const markers = (page: Page) => page.locator('div[role="textbox"][aria-multiline="true"] [data-mailroom-signature]');
const controls = (page: Page) => page.locator('mailroom-compose');
const fromWell = (page: Page) => page.locator('button[id^="fromButton_"] + [title]');

/** The controls (in our shadow root) of the compose whose editor is `#editorParent_<n>`. */
function composeControls(page: Page, editor: string, names = { account: 'Account', signature: 'Signature' }) {
  const host = page.locator(`mailroom-compose[data-compose-id="outlook:${editor}"]`);
  return {
    account: host.getByRole('combobox', { name: names.account }),
    signature: host.getByRole('button', { name: names.signature }),
    item: (name: string) => host.getByRole('menuitemradio', { name }),
  };
}

async function openOutlook(world: ComposeWorld, html: string, url = inbox): Promise<Page> {
  await world.context.route('https://outlook.office.com/**', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  const page = await world.context.newPage();
  page.on('pageerror', (e) => world.pageErrors.push(e.message));
  await page.goto(url);
  return page;
}

/** What is above our marker's next sibling: Outlook's quote starts right after ours on a reply. */
const nextAfterOurs = (page: Page, editor: string) =>
  page.locator(`#${editor} [data-mailroom-signature]`).evaluate((m) => m.nextElementSibling?.id || (m.nextElementSibling ? m.nextElementSibling.tagName : 'end'));

type SigKey = keyof ComposeWorld['sig'];

/** The scenario table of composes open when the page loads (Gmail's compose spec has the same ones). */
const openAtLoad: {
  name: string;
  page: string;
  url?: string;
  composes: { editor: string; signature: SigKey | null; account?: 'sales' | 'support'; next?: string; from?: string }[];
}[] = [
  { name: 'new message in the reading pane: the default account, its signature once, at the end', page: 'compose-new-reading-pane.en', composes: [{ editor: 'editorParent_1', signature: 'salesMain', next: 'end', from: 'sales@acme.example' }] },
  { name: 'new message full page, French Outlook', page: 'compose-new-full-page.fr', composes: [{ editor: 'editorParent_2', signature: 'salesMain', next: 'end', from: 'sales@acme.example' }] },
  { name: 'inline reply: the default signature once, above #appendonsend (then the hr and #divRplyFwdMsg)', page: 'compose-reply-inline.en', composes: [{ editor: 'editorParent_3', signature: 'salesMain', next: 'appendonsend' }] },
  { name: 'inline forward from support@ (French): that account\'s signature above the quote', page: 'compose-forward-inline.fr', composes: [{ editor: 'editorParent_4', signature: 'supportMain', account: 'support', next: 'appendonsend', from: 'support@acme.example' }] },
  { name: 'pop-out compose window', page: 'compose-popout.en', url: popout, composes: [{ editor: 'editorParent_1', signature: 'salesMain', next: 'end', from: 'sales@acme.example' }] },
  {
    name: 'two composes at once: each its signature and controls; the new one takes the default account and its From',
    page: 'compose-several.en',
    composes: [
      { editor: 'editorParent_6', signature: 'salesMain', next: 'appendonsend' },
      { editor: 'editorParent_7', signature: 'salesMain', next: 'end', from: 'sales@acme.example' },
    ],
  },
  { name: 'the editor inside a shadow root', page: 'compose-shadow-editor.en', composes: [{ editor: 'editorParent_8', signature: 'salesMain', from: 'sales@acme.example' }] },
  { name: 'a saved draft reopened in its pop-out is left as saved (French)', page: 'compose-draft-reopened.fr', url: draftPopout, composes: [{ editor: 'editorParent_1', signature: null, from: 'sales@acme.example' }] },
];

test.describe('compose signatures in Outlook on the web', () => {
  for (const scenario of openAtLoad) {
    test(scenario.name, async ({ world }) => {
      const page = await openOutlook(world, outlookPage(scenario.page), scenario.url);
      await expect(controls(page)).toHaveCount(scenario.composes.length);
      for (const c of scenario.composes) {
        await expect(composeControls(page, c.editor).account).toHaveValue(world.acc[c.account ?? 'sales']);
        const ours = page.locator(`#${c.editor} [data-mailroom-signature]`);
        if (c.signature === null) continue;
        await expect(ours).toHaveCount(1);
        await expect(ours).toHaveAttribute('data-mailroom-signature', world.sig[c.signature]);
        if (c.next) expect(await nextAfterOurs(page, c.editor)).toBe(c.next);
      }
      // Still once each after the page settled: no late detection inserts again.
      await page.waitForTimeout(500);
      await expect(markers(page)).toHaveCount(scenario.composes.filter((c) => c.signature).length);
      for (const c of scenario.composes.filter((x) => x.from)) {
        await expect(page.locator(`#${c.editor}`).locator('xpath=ancestor::*[starts-with(@id,"docking_InitVisiblePart_")]').locator('button[id^="fromButton_"] + [title]')).toHaveAttribute('title', c.from!);
      }
      expect(world.pageErrors).toEqual([]);
    });
  }

  test('the saved draft\'s "Signature" menu still works', async ({ world }) => {
    const page = await openOutlook(world, outlookPage('compose-draft-reopened.fr'), draftPopout);
    const c = composeControls(page, 'editorParent_1');
    await expect(c.account).toHaveValue(world.acc.sales);
    await page.waitForTimeout(500);
    await expect(markers(page)).toHaveCount(0);
    await c.signature.click();
    await c.item('sales short').click();
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.salesShort);
    await expect(bodies(page)).toContainText('Mardi vous conviendrait-il pour la visite ?');
  });

  test('"Signature" menu: another replaces ours in place, "No signature" removes it', async ({ world }) => {
    const page = await openOutlook(world, outlookPage('compose-reply-inline.en'));
    await expect(markers(page)).toHaveCount(1);
    await bodies(page).evaluate((b) => b.insertAdjacentHTML('afterbegin', '<div class="elementToProof">Thanks Claire, noted.</div>'));
    const c = composeControls(page, 'editorParent_3');
    await c.signature.click();
    await expect(c.item('sales main')).toHaveAttribute('aria-checked', 'true');
    await c.item('sales short').click();
    await expect(markers(page)).toHaveCount(1);
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.salesShort);
    await expect(markers(page)).toContainText('SALES SHORT');
    expect(await nextAfterOurs(page, 'editorParent_3')).toBe('appendonsend');

    await c.signature.click();
    await c.item('No signature').click();
    await expect(markers(page)).toHaveCount(0);
    await expect(bodies(page)).toContainText('Thanks Claire, noted.');
    await expect(page.locator('#divRplyFwdMsg')).toHaveCount(1);
  });

  test('choosing the account selects its send-as From in Outlook\'s menu and swaps the signature', async ({ world }) => {
    const page = await openOutlook(world, outlookPage('compose-new-reading-pane.en'));
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
    const c = composeControls(page, 'editorParent_1');
    await c.account.selectOption(world.acc.support);
    await expect(fromWell(page)).toHaveAttribute('title', 'support@acme.example');
    await expect(markers(page)).toHaveCount(1);
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.supportMain);
    // Outlook's menu was used and closed again.
    await expect(page.locator('[role="menu"]')).toHaveCount(0);
    await c.account.selectOption(world.acc.sales);
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
    await expect(fromWell(page)).toHaveAttribute('title', 'sales@acme.example');
  });

  test('an inline reply without From: changing the account swaps the signature, Outlook keeps its From', async ({ world }) => {
    const page = await openOutlook(world, outlookPage('compose-reply-inline.en'));
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
    await composeControls(page, 'editorParent_3').account.selectOption(world.acc.support);
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.supportMain);
    await expect(markers(page)).toHaveCount(1);
    expect(await nextAfterOurs(page, 'editorParent_3')).toBe('appendonsend');
  });

  test('choosing a From in Outlook selects the matching account and its signature', async ({ world }) => {
    const page = await openOutlook(world, outlookPage('compose-new-reading-pane.en'));
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
    await page.locator('button[id^="fromButton_"]').click();
    await page.getByRole('menuitemradio', { name: 'support@acme.example' }).click();
    await expect(composeControls(page, 'editorParent_1').account).toHaveValue(world.acc.support);
    await expect(markers(page)).toHaveCount(1);
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.supportMain);
  });

  test("Outlook's own #Signature: replaced by default; kept when the user says so; an explicit choice replaces it", async ({ world }) => {
    const page = await openOutlook(world, outlookPage('compose-native-signature.en'));
    await expect(markers(page)).toHaveCount(1);
    await expect(page.locator('#Signature')).toHaveCount(0);
    // The two empty blocks Outlook puts before its signature stay for the user's text.
    await expect(page.locator('#editorParent_5 .elementToProof')).toHaveCount(2);

    const c = composeControls(page, 'editorParent_5');
    await c.signature.click();
    await c.item('Keep Outlook’s own signature').click();
    await expect.poll(() => storedLocally(world, 'signaturePrefs')).toEqual({ nativeSignature: 'keep' });
    await page.close();

    const again = await openOutlook(world, outlookPage('compose-native-signature.en'));
    const c2 = composeControls(again, 'editorParent_5');
    await expect(c2.account).toHaveValue(world.acc.sales);
    await expect(again.locator('#Signature')).toHaveCount(1);
    await expect(markers(again)).toHaveCount(0);
    await c2.signature.click();
    await c2.item('sales short').click();
    await expect(markers(again)).toHaveAttribute('data-mailroom-signature', world.sig.salesShort);
    await expect(again.locator('#Signature')).toHaveCount(0);
  });

  test('composes opened after load ("New mail" twice) get theirs, one each', async ({ world }) => {
    const page = await openOutlook(world, inboxWithNewMail());
    await expect(page.getByRole('button', { name: 'Open the Mailroom side panel' })).toBeVisible();
    await expect(bodies(page)).toHaveCount(0);
    await page.getByRole('button', { name: 'New mail' }).click();
    await page.getByRole('button', { name: 'New mail' }).click();
    await expect(bodies(page)).toHaveCount(2);
    await expect(markers(page)).toHaveCount(2);
    await expect(controls(page)).toHaveCount(2);
    for (const body of await bodies(page).all()) await expect(body.locator('[data-mailroom-signature]')).toHaveCount(1);
  });

  test('a compose closed and gone leaves no controls behind', async ({ world }) => {
    const page = await openOutlook(world, outlookPage('compose-several.en'));
    await expect(controls(page)).toHaveCount(2);
    await page.locator('#docking_InitVisiblePart_1').evaluate((el) => el.remove());
    await expect(controls(page)).toHaveCount(1);
    await expect(markers(page)).toHaveCount(1);
  });

  test('"Write to" from the side panel opens an Outlook compose with the account and its signature', async ({ world }) => {
    const page = await openOutlook(world, conversationWithNewMail());
    await expect(markers(page)).toHaveCount(1); // the inline reply's
    await page.bringToFront();
    const panel = await world.context.newPage();
    await panel.goto(`chrome-extension://${world.extensionId}/sidepanel.html`);
    const reply = await sendFromExtensionPage(panel, {
      name: 'compose.openTo',
      req: { to: [{ address: 'claire.petit@client-corp.example', name: 'Claire Petit' }], accountId: world.acc.support },
    });
    expect(reply).toMatchObject({ ok: true, res: { composeId: 'outlook:editorParent_opened-1' } });
    const opened = page.locator('#editorParent_opened-1').locator('xpath=ancestor::*[starts-with(@id,"docking_InitVisiblePart_")]');
    await expect(opened.locator('div[role="textbox"][aria-label="To"]')).toHaveText('claire.petit@client-corp.example');
    await expect(opened.locator('button[id^="fromButton_"] + [title]')).toHaveAttribute('title', 'support@acme.example');
    await expect(opened.locator('[data-mailroom-signature]')).toHaveAttribute('data-mailroom-signature', world.sig.supportMain);
    await expect(composeControls(page, 'editorParent_opened-1').account).toHaveValue(world.acc.support);
    await expect(markers(page)).toHaveCount(2);
    expect(world.pageErrors).toEqual([]);
  });
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('French Outlook and browser: the controls are "Compte" and "Signature", the menu speaks French', async ({ world }) => {
    const page = await openOutlook(world, outlookPage('compose-new-full-page.fr'));
    await expect(markers(page)).toHaveCount(1);
    const c = composeControls(page, 'editorParent_2', { account: 'Compte', signature: 'Signature' });
    await expect(c.account).toHaveValue(world.acc.sales);
    await c.account.selectOption(world.acc.support);
    await expect(fromWell(page)).toHaveAttribute('title', 'support@acme.example');
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.supportMain);
    await c.signature.click();
    await c.item('Aucune signature').click();
    await expect(markers(page)).toHaveCount(0);
  });
});
