/**
 * The admin console end to end, accounts and access: quota, form, field errors, delete or
 * deactivate, the active toggle, the access dialog, keyboard, French. Set-up: admin.fixtures.ts.
 */
import { addAccountThroughForm, createAccountByApi, expect, expectAccessible, MEMBER, openRowMenu, row, test } from './admin.fixtures';

// Each test signs in, runs axe and talks to the API: roomy on a busy 2-core machine.
test.describe.configure({ timeout: 90_000 });

test.describe('accounts', () => {
  test('creates accounts up to the quota, then + is disabled and says why', async ({ admin }) => {
    const { page } = admin;
    await expect(page.getByTestId('quota-line')).toHaveText('0 of 3 accounts used');
    await expectAccessible(page);

    await page.getByTestId('account-add').click();
    const form = page.getByRole('dialog');
    await form.getByTestId('account-address').fill('sales@acme.example');
    // Suggestions from the address and the protocol.
    await expect(form.getByTestId('incoming-host')).toHaveValue('imap.acme.example');
    await expect(form.getByTestId('incoming-port')).toHaveValue('993');
    await expect(form.getByTestId('incoming-username')).toHaveValue('sales@acme.example');
    await expect(form.getByTestId('outgoing-host')).toHaveValue('smtp.acme.example');
    await form.getByTestId('incoming-security').selectOption('starttls');
    await expect(form.getByTestId('incoming-port')).toHaveValue('143');
    await expectAccessible(page);
    await form.getByTestId('incoming-password').fill('secret');
    await form.getByTestId('account-save').click();
    await expect(row(page, 'sales@acme.example')).toBeVisible();

    await addAccountThroughForm(page, 'support@acme.example');
    await addAccountThroughForm(page, 'billing@acme.example');
    await expect(page.getByTestId('quota-line')).toHaveText('3 of 3 accounts used');
    await expect(page.getByTestId('account-add')).toBeDisabled();
    await expect(page.getByTestId('quota-reason')).toContainText('contact sales');

    // What the API stored: the suggested servers, and no password ever comes back.
    const list = await admin.api<{ items: { address: string; incoming: { host: string; port: number; hasPassword: boolean } }[] }>('GET', '/api/email-accounts');
    const sales = list.body.items.find((a) => a.address === 'sales@acme.example')!;
    expect(sales.incoming).toMatchObject({ host: 'imap.acme.example', port: 143, hasPassword: true });
    expect(JSON.stringify(list.body)).not.toContain('secret');
  });

  test('shows the API’s field errors under the fields', async ({ admin }) => {
    const { page } = admin;
    await page.getByTestId('account-add').click();
    const form = page.getByRole('dialog');
    await form.getByTestId('account-address').fill('ops@acme.example');
    await form.getByTestId('incoming-port').fill('0');
    await form.getByTestId('incoming-password').fill('secret');
    await form.getByTestId('account-save').click();
    await expect(form.getByTestId('incoming-port')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByTestId('incoming-port')).toHaveAccessibleDescription(/1 and 65535/);
    await expect(form.getByTestId('account-form-error')).toContainText('need attention');
  });

  test('details on keyboard focus; edit keeps the password write-only', async ({ admin }) => {
    const { page } = admin;
    await createAccountByApi(admin, 'desk@acme.example');
    await page.reload();
    const details = row(page, 'desk@acme.example').getByTestId('account-details');
    await expect(details).toBeHidden();
    await row(page, 'desk@acme.example').getByTestId('account-details-button').focus();
    await expect(details).toBeVisible();
    await expect(details).toContainText('127.0.0.1:1143');
    await expect(details).toContainText('Never');
    await page.keyboard.press('Escape');
    await expect(details).toBeHidden();
    // A click keeps them open after the pointer leaves; a click elsewhere closes them.
    await row(page, 'desk@acme.example').getByTestId('account-details-button').click();
    await page.mouse.move(0, 0);
    await expect(details).toBeVisible();
    await expect(row(page, 'desk@acme.example').getByTestId('account-details-button')).toHaveAttribute('aria-expanded', 'true');
    await page.getByRole('heading', { name: 'Shared mailboxes' }).click();
    await expect(details).toBeHidden();

    await openRowMenu(page, 'desk@acme.example', 'Edit');
    const form = page.getByRole('dialog');
    await expect(form.getByTestId('incoming-password')).toHaveValue('');
    await expect(form.getByText('Change password')).toBeVisible();
    await form.getByTestId('account-display-name').fill('Front desk');
    await form.getByTestId('account-save').click();
    await expect(row(page, 'desk@acme.example')).toContainText('Front desk');
    const list = await admin.api<{ items: { displayName: string; incoming: { hasPassword: boolean } }[] }>('GET', '/api/email-accounts');
    expect(list.body.items[0]).toMatchObject({ displayName: 'Front desk', incoming: { hasPassword: true } });
  });

  test('a refused delete offers to deactivate, which frees the quota; an unused account is deleted', async ({ admin }) => {
    const { page } = admin;
    const used = await createAccountByApi(admin, 'used@acme.example');
    await createAccountByApi(admin, 'spare@acme.example');
    await createAccountByApi(admin, 'third@acme.example');
    expect((await admin.api('PUT', `/api/email-accounts/${used}/access/${admin.member.id}`, {})).status).toBeLessThan(300);
    await page.reload();
    await expect(page.getByTestId('account-add')).toBeDisabled();

    await openRowMenu(page, 'used@acme.example', 'Delete');
    await page.getByTestId('delete-confirm').click();
    await expect(page.getByTestId('delete-refused')).toBeVisible();
    await expectAccessible(page);
    await page.getByTestId('delete-deactivate').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(row(page, 'used@acme.example').getByTestId('account-state')).toHaveText('Deactivated');
    await expect(page.getByTestId('quota-line')).toHaveText('2 of 3 accounts used');
    await expect(page.getByTestId('account-add')).toBeEnabled();
    // Focus is back on the menu button that opened the dialog.
    await expect(row(page, 'used@acme.example').getByRole('button', { name: /More actions/ })).toBeFocused();

    await openRowMenu(page, 'spare@acme.example', 'Delete');
    await page.getByTestId('delete-confirm').click();
    await expect(row(page, 'spare@acme.example')).toHaveCount(0);
    const list = await admin.api<{ items: { address: string; active: boolean }[] }>('GET', '/api/email-accounts');
    expect(list.body.items.map((a) => [a.address, a.active]).sort()).toEqual([
      ['third@acme.example', true],
      ['used@acme.example', false],
    ]);
  });

  test('the green check toggles active, and reactivation at the quota is refused', async ({ admin }) => {
    const { page } = admin;
    for (const a of ['a1@acme.example', 'a2@acme.example', 'a3@acme.example']) await createAccountByApi(admin, a);
    await page.reload();
    const toggle = row(page, 'a1@acme.example').getByTestId('account-toggle');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('quota-line')).toHaveText('2 of 3 accounts used');
    // The switch and the quota line move at once (optimistic); the toast waits for the API.
    await expect(page.getByTestId('toast')).toContainText('a1@acme.example deactivated.');
    // Fill the freed place from the API, then try to turn a1 back on from the console.
    await createAccountByApi(admin, 'a4@acme.example');
    await page.reload();
    await row(page, 'a1@acme.example').getByTestId('account-toggle').click();
    await expect(page.getByTestId('admin-error')).toContainText(/quota|plan/i);
    await expect(row(page, 'a1@acme.example').getByTestId('account-toggle')).toHaveAttribute('aria-pressed', 'false');
  });
});

test('deactivating shows "… deactivated — Undo"; Undo turns it back on; the two states look different', async ({ admin }) => {
  const { page } = admin;
  for (const a of ['sales@acme.example', 'desk@acme.example']) await createAccountByApi(admin, a);
  await page.reload();
  const sales = row(page, 'sales@acme.example');
  const toggle = sales.getByTestId('account-toggle');
  const look = () => sales.evaluate((el) => getComputedStyle(el).backgroundColor);
  const activeLook = await look();
  await toggle.click();

  const toast = page.getByTestId('toast');
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('sales@acme.example deactivated.');
  await expect(sales.getByTestId('account-state')).toHaveText('Deactivated');
  await expect(sales).toHaveClass(/mr-account--inactive/);
  expect(await look()).not.toBe(activeLook);
  await expect(page.getByTestId('quota-line')).toHaveText('1 of 3 accounts used');
  await expectAccessible(page);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(sales.getByTestId('account-state')).toHaveText('Active');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle).toBeFocused();
  await expect(page.getByTestId('quota-line')).toHaveText('2 of 3 accounts used');
  const list = await admin.api<{ items: { address: string; active: boolean }[] }>('GET', '/api/email-accounts');
  expect(list.body.items.find((a) => a.address === 'sales@acme.example')?.active).toBe(true);
  // The confirmation that follows fades by itself (the Undo toast may still be fading out).
  const confirmation = toast.filter({ hasText: 'sales@acme.example is active.' });
  await expect(confirmation).toBeVisible();
  await expect(confirmation).toBeHidden({ timeout: 10_000 });
});

test.describe('access', () => {
  test('grants access with default account and signature, temporary access, removal', async ({ admin }) => {
    const { page } = admin;
    const account = await createAccountByApi(admin, 'team@acme.example');
    const sig = await admin.api<{ id: string }>('POST', `/api/email-accounts/${account}/signatures`, { name: 'Formal', html: '<p>{{user.fullName}}</p>' });
    await page.reload();

    await row(page, 'team@acme.example').getByTestId('account-access').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText('Nobody has access yet.')).toBeVisible();
    await dialog.getByTestId('user-search').fill('Alice');
    await dialog.locator(`[data-testid="user-result"][data-email="${MEMBER}"]`).click();
    const add = dialog.locator('.mr-access__add');
    await add.getByTestId('access-default').check();
    await add.getByTestId('access-signature').selectOption({ label: 'Formal' });
    await expectAccessible(page);
    await dialog.getByTestId('access-grant').click();

    const entry = dialog.locator(`[data-testid="access-entry"][data-email="${MEMBER}"]`);
    await expect(entry).toBeVisible();
    await expect(entry.getByTestId('access-default')).toBeChecked();
    await expect(entry.getByTestId('access-signature')).toHaveValue(sig.body.id);

    // Temporary access until a day next year: shown as "until 12 Dec".
    const year = new Date().getFullYear() + 1;
    await entry.getByTestId('access-until').fill(`${year}-12-12`);
    await expect(entry.getByTestId('access-until-text')).toHaveText('until 12 Dec');
    await expect
      .poll(async () => (await admin.api<{ items: { expiresAt: string | null }[] }>('GET', `/api/email-accounts/${account}/access`)).body.items[0]?.expiresAt)
      .toMatch(new RegExp(`^${year}-12-1[23]T`));
    const stored = (await admin.api<{ items: { isDefault: boolean; defaultSignatureId: string | null }[] }>('GET', `/api/email-accounts/${account}/access`)).body.items[0];
    expect(stored).toMatchObject({ isDefault: true, defaultSignatureId: sig.body.id });

    // Closing refreshes the user count; Esc closes and gives focus back to the envelope.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(row(page, 'team@acme.example').getByTestId('account-access')).toBeFocused();
    await expect(row(page, 'team@acme.example')).toContainText('1 user');

    await row(page, 'team@acme.example').getByTestId('account-access').click();
    await page.getByRole('dialog').locator(`[data-testid="access-entry"][data-email="${MEMBER}"]`).getByTestId('access-remove').click();
    await expect(page.getByRole('dialog').getByText('Nobody has access yet.')).toBeVisible();
    expect((await admin.api<{ items: unknown[] }>('GET', `/api/email-accounts/${account}/access`)).body.items).toEqual([]);
  });

  test('keyboard: Tab stays in the dialog, Esc closes it', async ({ admin }) => {
    const { page } = admin;
    await createAccountByApi(admin, 'kb@acme.example');
    await page.reload();
    const envelope = row(page, 'kb@acme.example').getByTestId('account-access');
    await envelope.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(envelope).toBeFocused();
  });
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('the console, the form and the quota read in French', async ({ admin }) => {
    const { page } = admin;
    for (const a of ['un@acme.example', 'deux@acme.example', 'trois@acme.example']) await createAccountByApi(admin, a);
    await page.reload();
    await expect(page.getByTestId('quota-line')).toHaveText('3 comptes utilisés sur 3');
    await expect(page.getByTestId('quota-reason')).toContainText('contactez le service commercial');
    await expect(row(page, 'un@acme.example').getByTestId('account-state')).toHaveText('Actif');
    await openRowMenu(page, 'un@acme.example', 'Modifier');
    await expect(page.getByRole('dialog').getByText('Changer le mot de passe')).toBeVisible();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await openRowMenu(page, 'un@acme.example', 'Signatures');
    await page.getByTestId('signature-add').click();
    await page.getByTestId('merge-tag-button').click();
    await expect(page.getByRole('menuitem', { name: /Prénom/ })).toBeVisible();
  });
});
