/**
 * Signatures and account in Gmail composes, with the built extension in Chromium, the
 * real API, and the Gmail engineer's dated fixtures served at https://mail.google.com/mail/u/0/
 * (compose.pages.ts): composes just opened read Gmail's pre-save "undefined" in their hidden inputs.
 * Each test gets a fresh signed-in user whose two shared accounts (sales@, support@acme.example:
 * the aliases the fixtures offer as "From") have two signatures each.
 */
import type { Page } from '@playwright/test';
import { expect, recordScriptsStarted, sendFromExtensionPage, storedLocally, test, type ComposeWorld } from './compose.fixtures';
import { conversationWithComposeButton, gmailPage, justOpened, pageWithComposeButton } from './compose.pages';

const inbox = 'https://mail.google.com/mail/u/0/#inbox';

/** The bodies of all composes on the page, as HTML. */
const bodies = (page: Page) => page.locator('[g_editable="true"]');
const markers = (page: Page) => page.locator('[g_editable="true"] [data-mailroom-signature]');
const controls = (page: Page) => page.locator('mailroom-compose');

/** The controls (in our shadow root) of the compose whose Gmail `composeid` is `gmailId`. */
function composeControls(page: Page, gmailId: string) {
  // The adapter's compose id is Gmail's `composeid` (a prefixed form was used before 2026-11-27).
  const host = page.locator(`mailroom-compose:is([data-compose-id="${gmailId}"], [data-compose-id$=":${gmailId}"])`);
  return {
    account: host.getByRole('combobox', { name: 'Account' }),
    signature: host.getByRole('button', { name: 'Signature' }),
    item: (name: string) => host.getByRole('menuitemradio', { name }),
  };
}

/** Every error the page reports fails the test: no in-page feature may throw into Gmail. */
const ownErrors = (world: ComposeWorld) => world.pageErrors;

async function openGmail(world: ComposeWorld, html: string): Promise<Page> {
  await world.context.route('https://mail.google.com/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
  );
  const page = await world.context.newPage();
  page.on('pageerror', (e) => world.pageErrors.push(e.message));
  await page.goto(inbox);
  return page;
}

test.describe('compose signatures in Gmail', () => {
  test('new compose open at load: default account, its "From", its signature once, sanitized', async ({ world }) => {
    const page = await openGmail(world, justOpened('compose-new'));
    // Gmail's pre-save values, which are not "a saved draft" nor "a reply".
    for (const name of ['draft', 'rm', 'rt']) await expect(page.locator(`input[name="${name}"]`)).toHaveValue('undefined');
    await expect(markers(page)).toHaveCount(1);
    const marker = markers(page).first();
    await expect(marker).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
    await expect(marker).toContainText(`SALES MAIN — ${world.user.fullName}`);
    // The API sanitized it and the extension again: the handler is gone, the image kept.
    expect(await marker.innerHTML()).not.toContain('onerror');
    await expect(marker.locator('img')).toHaveAttribute('src', 'https://cdn.acme.example/sales.png');
    await expect(page.locator('input[name="from"]')).toHaveValue('sales@acme.example');
    const c = composeControls(page, 'c3');
    await expect(c.account).toHaveValue(world.acc.sales);
    await expect(c.signature).toBeVisible();
    await expect(page.locator('mailroom-compose [data-testid="compose-from-mismatch"]')).toHaveCount(0);
    // Still one after the page settled (no second insertion by a late detection).
    await page.waitForTimeout(500);
    await expect(markers(page)).toHaveCount(1);
    expect(ownErrors(world)).toEqual([]);
  });

  test('fresh inline reply (draft and rt read "undefined"): the default signature once, before div.gmail_quote', async ({ world }) => {
    const page = await openGmail(world, justOpened('compose-reply'));
    const form = page.locator('form:has(input[name="composeid"][value="c9"])');
    await expect(form.locator('input[name="draft"]')).toHaveValue('undefined');
    await expect(form.locator('input[name="rt"]')).toHaveValue('undefined');
    await expect(markers(page)).toHaveCount(1);
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
    const body = bodies(page).first();
    const placement = await body.evaluate((b) => {
      const ours = b.querySelector('[data-mailroom-signature]')!;
      const quote = b.querySelector('div.gmail_quote')!;
      return { before: !!(ours.compareDocumentPosition(quote) & Node.DOCUMENT_POSITION_FOLLOWING), inQuote: quote.contains(ours) };
    });
    expect(placement).toEqual({ before: true, inQuote: false });
    // Still once after the page settled: no late detection takes it for another compose.
    await page.waitForTimeout(500);
    await expect(markers(page)).toHaveCount(1);
    expect(ownErrors(world)).toEqual([]);
  });

  test('Gmail\'s other "no value", "null", is not a saved draft either', async ({ world }) => {
    const page = await openGmail(world, justOpened('compose-new').replace(/value="undefined"/g, 'value="null"'));
    await expect(page.locator('input[name="draft"]')).toHaveValue('null');
    await expect(markers(page)).toHaveCount(1);
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
  });

  test('forward and a second compose open at once: each its own account, signature and controls', async ({ world }) => {
    const page = await openGmail(world, justOpened('compose-forward'));
    await expect(markers(page)).toHaveCount(2);
    await expect(controls(page)).toHaveCount(2);
    // The forward shows "From" support@ (Gmail chose it): its account is used, above the quote.
    const forward = page.locator('form:has(input[name="composeid"][value="c7"])').locator('xpath=ancestor::div[contains(@class,"M9")]');
    await expect(forward.locator('[data-mailroom-signature]')).toHaveAttribute('data-mailroom-signature', world.sig.supportMain);
    await expect(forward.locator('[data-mailroom-signature] + .gmail_quote, [data-mailroom-signature] ~ .gmail_quote')).toHaveCount(1);
    const other = page.locator('form:has(input[name="composeid"][value="c8"])').locator('xpath=ancestor::div[contains(@class,"M9")]');
    await expect(other.locator('[data-mailroom-signature]')).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
  });

  test('pop-out compose window gets its signature and controls', async ({ world }) => {
    const page = await openGmail(world, justOpened('compose-popout'));
    await expect(markers(page)).toHaveCount(1);
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
    await expect(bodies(page)).toContainText('Draft started in the pop-out window.');
    await expect(composeControls(page, 'c1').account).toHaveValue(world.acc.sales);
  });

  test('composes opened after load get theirs, one each', async ({ world }) => {
    const page = await openGmail(world, pageWithComposeButton());
    await expect(bodies(page)).toHaveCount(0);
    await page.locator('[gh="cm"]').click();
    await page.locator('[gh="cm"]').click();
    await expect(bodies(page)).toHaveCount(2);
    await expect(markers(page)).toHaveCount(2);
    await expect(controls(page)).toHaveCount(2);
    for (const body of await bodies(page).all()) await expect(body.locator('[data-mailroom-signature]')).toHaveCount(1);
  });

  test('a compose Gmail renders again (same compose id, body with our signature) keeps one signature and one set of controls', async ({ world }) => {
    const page = await openGmail(world, justOpened('compose-new'));
    await expect(markers(page)).toHaveCount(1);
    await expect(controls(page)).toHaveCount(1);
    // Gmail rebuilds the window from its model: new elements, same composeid, same body HTML.
    await page.evaluate(async () => {
      const compose = document.querySelector('.nH.nn')!;
      const parent = compose.parentElement!;
      const rebuilt = compose.cloneNode(true) as Element;
      rebuilt.querySelectorAll('mailroom-compose').forEach((n) => n.remove());
      compose.remove();
      await new Promise((r) => setTimeout(r, 300));
      parent.append(rebuilt);
    });
    await expect(controls(page)).toHaveCount(1);
    await expect(composeControls(page, 'c3').account).toHaveValue(world.acc.sales);
    await page.waitForTimeout(500);
    await expect(markers(page)).toHaveCount(1);
    await expect(controls(page)).toHaveCount(1);
  });

  test('a saved draft open at load (restored, or reopened from Drafts) is left as saved; the menu still works', async ({ world }) => {
    // The 2026-11-27 reply as captured: Gmail has saved it (`draft` = #msg-a:r-…). Its HTML could
    // hold our signature without the marker, so nothing is inserted by itself.
    const page = await openGmail(world, gmailPage('2026-11-27-compose-reply'));
    const c = composeControls(page, 'c9');
    await expect(c.account).toHaveValue(world.acc.sales);
    await page.waitForTimeout(500);
    await expect(markers(page)).toHaveCount(0);
    await c.signature.click();
    await c.item('sales short').click();
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.salesShort);
    expect(await bodies(page).first().locator('[data-mailroom-signature] ~ .gmail_quote').count()).toBe(1);
  });

  test('a new message reopened from Drafts (draft #msg-a:r-…, rm and rt still "undefined") gets nothing by itself', async ({ world }) => {
    const page = await openGmail(world, justOpened('compose-draft-reopened'));
    await expect(page.locator('input[name="rm"]')).toHaveValue('undefined');
    await expect(composeControls(page, 'c15').account).toHaveValue(world.acc.sales);
    await page.waitForTimeout(500);
    await expect(markers(page)).toHaveCount(0);
    await expect(bodies(page)).toContainText('Would Tuesday suit you for the visit?');
  });

  test('"Signature" menu: another replaces ours in place, "No signature" removes it', async ({ world }) => {
    const page = await openGmail(world, justOpened('compose-reply'));
    await expect(markers(page)).toHaveCount(1);
    // The user writes above it.
    await bodies(page).evaluate((b) => b.insertAdjacentHTML('afterbegin', '<div dir="ltr">Thanks Claire, noted.</div>'));
    const c = composeControls(page, 'c9');
    await c.signature.click();
    await expect(c.item('sales main')).toHaveAttribute('aria-checked', 'true');
    await c.item('sales short').click();
    await expect(markers(page)).toHaveCount(1);
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.salesShort);
    await expect(markers(page)).toContainText('SALES SHORT');
    // Same place: still between the typed text and the quote.
    const order = await bodies(page).evaluate((body) =>
      [...body.children].map((n) => (n.hasAttribute('data-mailroom-signature') ? 'ours' : n.classList.contains('gmail_quote') ? 'quote' : 'text')),
    );
    expect(order.indexOf('ours')).toBe(order.indexOf('quote') - 1);

    await c.signature.click();
    await c.item('No signature').click();
    await expect(markers(page)).toHaveCount(0);
    await expect(bodies(page)).toContainText('Thanks Claire, noted.');
  });

  test('choosing the account selects its "From" and swaps the signature', async ({ world }) => {
    const page = await openGmail(world, justOpened('compose-new'));
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
    const c = composeControls(page, 'c3');
    await c.account.selectOption(world.acc.support);
    await expect(page.locator('input[name="from"]')).toHaveValue('support@acme.example');
    await expect(markers(page)).toHaveCount(1);
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.supportMain);
    await c.account.selectOption(world.acc.sales);
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
    await expect(page.locator('input[name="from"]')).toHaveValue('sales@acme.example');
  });

  test('choosing a "From" in Gmail selects the matching account and its signature', async ({ world }) => {
    const page = await openGmail(world, justOpened('compose-new'));
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
    // What Gmail does when the user picks the alias in its own menu: the item is clicked and the
    // hidden input takes the new address.
    await page.evaluate(() => {
      const item = document.querySelector<HTMLElement>('div[role="menuitem"][value="support@acme.example"]')!;
      item.click();
      document.querySelector('input[name="from"]')!.setAttribute('value', 'support@acme.example');
    });
    await expect(composeControls(page, 'c3').account).toHaveValue(world.acc.support);
    await expect(markers(page)).toHaveCount(1);
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.supportMain);
  });

  test("Gmail's own signature: replaced by default; kept when the user says so; an explicit choice replaces it", async ({ world }) => {
    const page = await openGmail(world, justOpened('compose-native-signature'));
    await expect(markers(page)).toHaveCount(1);
    await expect(page.locator('[g_editable="true"] .gmail_signature')).toHaveCount(0);

    const c = composeControls(page, 'c12');
    await c.signature.click();
    await c.item('Keep Gmail’s own signature').click();
    // The choice is saved in extension storage (async): closing the tab before the write lands
    // would lose it. Wait for it, as a user's next compose would find it.
    await expect.poll(() => storedLocally(world, 'signaturePrefs')).toEqual({ nativeSignature: 'keep' });
    await page.close();

    const again = await openGmail(world, justOpened('compose-native-signature'));
    const c2 = composeControls(again, 'c12');
    await expect(c2.account).toHaveValue(world.acc.sales);
    await expect(again.locator('[g_editable="true"] .gmail_signature')).toHaveCount(1);
    await expect(markers(again)).toHaveCount(0);
    await c2.signature.click();
    await c2.item('sales short').click();
    await expect(markers(again)).toHaveAttribute('data-mailroom-signature', world.sig.salesShort);
    await expect(again.locator('[g_editable="true"] .gmail_signature')).toHaveCount(0);
  });

  test('a Gmail page without the expected toolbar still works, and nothing is thrown', async ({ world }) => {
    const withoutToolbar = justOpened('compose-new').replace(/<table id=":77" class="IZ"[\s\S]*?<\/table>/, '');
    expect(withoutToolbar).not.toContain('class="btC"');
    const page = await openGmail(world, withoutToolbar);
    await expect(markers(page)).toHaveCount(1);
    await page.waitForTimeout(4500); // longer than the controls wait for a late toolbar
    await expect(controls(page)).toHaveCount(0);
    expect(ownErrors(world)).toEqual([]);
  });

  test('an idle inbox gets the loader, then the page core, then the in-page UI, each once', async ({ world }) => {
    const scriptsOf = await recordScriptsStarted(world);
    const page = await openGmail(world, pageWithComposeButton());
    await expect(page.getByRole('button', { name: 'Open the Mailroom side panel' })).toBeVisible();
    // No conversation, no compose, no move: the UI still comes a few idle seconds later, so the
    // first conversation opened does not wait for it.
    await expect.poll(() => scriptsOf(page), { timeout: 20_000 }).toEqual(['gmail', 'gmail-core', 'mail-ui']);
  });

  test('"Write to" from the side panel opens a compose with the account and its signature', async ({ world }) => {
    // The in-page UI comes after the loader and the page core (on need, or a few idle seconds
    // later), and only once however both happen.
    const scriptsOf = await recordScriptsStarted(world);
    const page = await openGmail(world, pageWithComposeButton());
    const started = () => scriptsOf(page);
    await expect(bodies(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Open the Mailroom side panel' })).toBeVisible();
    expect((await started()).slice(0, 2)).toEqual(['gmail', 'gmail-core']);
    await page.bringToFront();
    // The side panel's call, made from an extension page (the panel opened as a tab).
    const panel = await world.context.newPage();
    await panel.goto(`chrome-extension://${world.extensionId}/sidepanel.html`);
    const reply = await sendFromExtensionPage(panel, {
      name: 'compose.openTo',
      req: { to: [{ address: 'claire.martin@client-corp.example', name: 'Claire Martin' }], accountId: world.acc.support },
    });
    expect(reply).toMatchObject({ ok: true, res: { composeId: expect.stringContaining('opened-1') } });
    await expect(bodies(page)).toHaveCount(1);
    await expect(page.locator('input[peoplekit-id]')).toHaveValue('claire.martin@client-corp.example');
    await expect(page.locator('input[name="from"]')).toHaveValue('support@acme.example');
    await expect(markers(page)).toHaveCount(1);
    await expect(markers(page)).toHaveAttribute('data-mailroom-signature', world.sig.supportMain);
    await expect(composeControls(page, 'opened-1').account).toHaveValue(world.acc.support);
    // "Write to" needed the compose controls: the UI runs, injected once.
    expect(await started()).toEqual(['gmail', 'gmail-core', 'mail-ui']);
  });

  test('"Write to" in the side panel: a suggested contact, a compose in the Gmail tab with the default account', async ({ world }) => {
    const page = await openGmail(world, conversationWithComposeButton());
    await expect(markers(page)).toHaveCount(1); // the inline reply's
    const panel = await world.context.newPage();
    await panel.goto(`chrome-extension://${world.extensionId}/sidepanel.html`);
    const writeTo = panel.getByRole('button', { name: 'Write to Claire Martin' });
    await expect(writeTo).toBeVisible({ timeout: 15_000 });
    await writeTo.click();
    const opened = page.locator('form:has(input[name="composeid"][value="from-panel"])').locator('xpath=ancestor::div[contains(@class,"M9")]');
    await expect(opened.locator('input[peoplekit-id]')).toHaveValue('claire.martin@client-corp.example');
    await expect(opened.locator('[data-mailroom-signature]')).toHaveAttribute('data-mailroom-signature', world.sig.salesMain);
    await expect(markers(page)).toHaveCount(2);
    await expect(panel.getByRole('alert')).toHaveCount(0);
  });

  test('"Write to" without a Gmail tab says what to do', async ({ world }) => {
    const panel = await world.context.newPage();
    await panel.goto(`chrome-extension://${world.extensionId}/sidepanel.html`);
    const reply = await sendFromExtensionPage(panel, {
      name: 'compose.openTo',
      req: { to: [{ address: 'claire.martin@client-corp.example' }] },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'no_webmail_tab' } });
  });
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('the controls are named "Compte" and "Signature", the menu speaks French', async ({ world }) => {
    const page = await openGmail(world, justOpened('compose-new'));
    await expect(markers(page)).toHaveCount(1);
    const host = page.locator('mailroom-compose');
    await expect(host.getByRole('combobox', { name: 'Compte' })).toHaveValue(world.acc.sales);
    await host.getByRole('button', { name: 'Signature' }).click();
    await host.getByRole('menuitemradio', { name: 'Aucune signature' }).click();
    await expect(markers(page)).toHaveCount(0);
  });
});
