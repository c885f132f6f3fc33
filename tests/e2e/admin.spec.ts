/**
 * The admin console (issue 4) end to end: the built extension in the real Chromium (shared
 * harness, tests/e2e/fixtures.ts), its options page signed in as the demo admin, against the real
 * API (demo organisation, quota 3). Every test starts and ends with no email account, since the
 * quota is shared by the whole worker; only loopback is contacted (the harness refuses the rest).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_ADMIN, DEMO_MEMBER } from './api-server';
import { expect, sharedFixtures, test as harness } from './fixtures';

const MEMBER = DEMO_MEMBER;

interface ApiResult<T> {
  status: number;
  body: T;
}
type Call = <T = unknown>(method: string, route: string, body?: unknown) => Promise<ApiResult<T>>;

interface Admin {
  /** The options page, signed in as the demo admin, showing the admin console. */
  page: Page;
  /** Calls the API as the admin without throwing on 4xx, to check what was stored or refused. */
  api: Call;
  member: { id: string; email: string; fullName: string };
  /** Every `alert()`/`confirm()` the options page tried to open, and its console errors. */
  dialogs: string[];
  consoleErrors: string[];
}

/** Deletes every account of the organisation (access first: the API refuses accounts in use). */
async function wipeAccounts(call: Call) {
  const { body } = await call<{ items: { id: string }[] }>('GET', '/api/email-accounts');
  for (const { id } of body.items) {
    const access = await call<{ items: { user: { id: string } }[] }>('GET', `/api/email-accounts/${id}/access`);
    for (const e of access.body.items) await call('DELETE', `/api/email-accounts/${id}/access/${e.user.id}`);
    const r = await call('DELETE', `/api/email-accounts/${id}`);
    if (r.status >= 300) throw new Error(`Could not delete account ${id}: ${JSON.stringify(r.body)}`);
  }
}

const test = harness.extend<{ admin: Admin }>({
  admin: async ({ api, signIn }, use) => {
    const token = await api.loginToken(DEMO_ADMIN);
    const call: Call = async <T,>(method: string, route: string, body?: unknown) => {
      const r = await fetch(api.url + route, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
    };
    await wipeAccounts(call);
    const users = await call<{ items: { id: string; email: string; fullName: string }[] }>('GET', `/api/users?q=alice`);
    const member = users.body.items.find((u) => u.email === MEMBER)!;

    const page = await signIn(DEMO_ADMIN);
    const dialogs: string[] = [];
    const consoleErrors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await expect(page.getByTestId('admin-console')).toBeVisible();
    await expect(page.getByTestId('quota-line')).toContainText('3');
    await use({ page, api: call, member, dialogs, consoleErrors });
    await wipeAccounts(call);
  },
});

// Each test signs in, runs axe and talks to the API: roomy on a busy 2-core machine.
test.describe.configure({ timeout: 90_000 });

async function createAccountByApi(admin: Admin, address: string): Promise<string> {
  const r = await admin.api<{ id: string }>('POST', '/api/email-accounts', {
    address,
    incoming: { protocol: 'imap', host: '127.0.0.1', port: 1143, security: 'none', username: 'x', password: 'y' },
  });
  expect(r.status).toBe(201);
  return r.body.id;
}

/** No serious or critical axe violation on the page as it is now. */
async function expectAccessible(page: Page) {
  // The preview iframe is sandboxed without scripts by design: axe cannot run inside it.
  const results = await new AxeBuilder({ page }).exclude('iframe[sandbox]').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const row = (page: Page, address: string) => page.locator(`[data-testid="account-row"][data-address="${address}"]`);

async function openRowMenu(page: Page, address: string, item: string | RegExp) {
  await row(page, address).getByRole('button', { name: /More actions|Autres actions/ }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function addAccountThroughForm(page: Page, address: string) {
  await page.getByTestId('account-add').click();
  const form = page.getByRole('dialog');
  await form.getByTestId('account-address').fill(address);
  await form.getByTestId('incoming-password').fill('secret');
  await form.getByTestId('account-save').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(row(page, address)).toBeVisible();
}

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
    await expect(row(page, 'used@acme.example').getByTestId('account-state')).toHaveText('Inactive');
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
    // Fill the freed place from the API, then try to turn a1 back on from the console.
    await createAccountByApi(admin, 'a4@acme.example');
    await page.reload();
    await row(page, 'a1@acme.example').getByTestId('account-toggle').click();
    await expect(page.getByTestId('admin-error')).toContainText(/quota|plan/i);
    await expect(row(page, 'a1@acme.example').getByTestId('account-toggle')).toHaveAttribute('aria-pressed', 'false');
  });
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

test.describe('signatures', () => {
  async function openSignatures(admin: Admin, address = 'sig@acme.example') {
    const id = await createAccountByApi(admin, address);
    await admin.page.reload();
    await openRowMenu(admin.page, address, 'Signatures');
    await expect(admin.page.getByTestId('signatures-panel')).toBeVisible();
    return id;
  }

  async function writeSource(page: Page, html: string) {
    await page.getByTestId('tool-source').click();
    await page.getByTestId('signature-source').fill(html);
  }

  test('three signatures, then the fourth is refused', async ({ admin }) => {
    const { page } = admin;
    const account = await openSignatures(admin);
    for (const name of ['Formal', 'Short', 'Holiday']) {
      await page.getByTestId('signature-add').click();
      await page.getByTestId('signature-name').fill(name);
      await page.getByTestId('signature-rich').click();
      await page.keyboard.type(`${name} signature`);
      await page.getByTestId('signature-save').click();
      await expect(page.locator(`[data-testid="signature-item"][data-name="${name}"]`)).toBeVisible();
    }
    await expect(page.getByTestId('signature-add')).toBeDisabled();
    await expect(page.getByTestId('signature-limit')).toContainText('at most 3 signatures');
    const fourth = await admin.api<{ error: { code: string } }>('POST', `/api/email-accounts/${account}/signatures`, { name: 'Fourth', html: '<p>4</p>' });
    expect(fourth.status).toBeGreaterThanOrEqual(400);
    expect(fourth.body.error.code).toBe('signature_limit');

    // Rename and delete free a place again.
    await page.locator('[data-testid="signature-item"][data-name="Short"]').getByTestId('signature-rename').click();
    await page.getByTestId('signature-rename-input').fill('Brief');
    await page.getByTestId('signature-rename-input').press('Enter');
    await expect(page.locator('[data-testid="signature-item"][data-name="Brief"]')).toBeVisible();
    await page.locator('[data-testid="signature-item"][data-name="Holiday"]').getByTestId('signature-delete').click();
    await page.getByTestId('signature-delete-confirm').click();
    await expect(page.getByTestId('signature-item')).toHaveCount(2);
    await expect(page.getByTestId('signature-add')).toBeEnabled();
  });

  test('HTML source round trip keeps markup Quill cannot model', async ({ admin }) => {
    const { page } = admin;
    const account = await openSignatures(admin);
    await page.getByTestId('signature-add').click();
    await page.getByTestId('signature-name').fill('Table');
    const table =
      '<table cellpadding="0" cellspacing="0"><tbody><tr><td style="font-family: Georgia; padding-right: 8px">{{user.fullName}}</td>' +
      '<td><img src="https://cdn.acme.example/logo.png" alt="Acme" width="80"></td></tr></tbody></table>';
    await writeSource(page, table);
    await page.getByTestId('tool-source').click();
    // Rich view: read-only, with the reason; the source is untouched.
    await expect(page.getByTestId('signature-locked')).toContainText('<table>');
    await expect(page.getByTestId('signature-rich')).toHaveAttribute('contenteditable', 'false');
    await page.getByTestId('tool-source').click();
    await expect(page.getByTestId('signature-source')).toHaveValue(table);
    await page.getByTestId('signature-save').click();
    await expect(page.locator('[data-testid="signature-item"][data-name="Table"]')).toBeVisible();

    const saved = await admin.api<{ items: { html: string }[] }>('GET', `/api/email-accounts/${account}/signatures`);
    expect(saved.body.items[0]!.html).toContain('<table');
    expect(saved.body.items[0]!.html).toContain('font-family');
    expect(saved.body.items[0]!.html).toContain('{{user.fullName}}');

    // Reopened, the source still holds the table.
    await page.locator('[data-testid="signature-item"][data-name="Table"]').getByTestId('signature-edit').click();
    await page.getByTestId('tool-source').click();
    await expect(page.getByTestId('signature-source')).toHaveValue(/<table[\s\S]*<td[\s\S]*Georgia/);

    // Converting on purpose (two clicks) keeps the text and drops the table.
    await page.getByTestId('tool-source').click();
    await page.getByTestId('signature-convert').click();
    await page.getByTestId('signature-convert-confirm').click();
    await expect(page.getByTestId('signature-rich')).toHaveAttribute('contenteditable', 'true');
    await page.getByTestId('tool-source').click();
    await expect(page.getByTestId('signature-source')).not.toHaveValue(/<table/);
    await expect(page.getByTestId('signature-source')).toHaveValue(/\{\{user\.fullName\}\}/);
  });

  test('rich editing writes simple HTML; SVG images are flagged; a pasted image address becomes an image', async ({ admin }) => {
    const { page } = admin;
    await openSignatures(admin);
    await page.getByTestId('signature-add').click();
    await page.getByTestId('signature-rich').click();
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Bold name');
    await page.getByTestId('tool-image').click();
    await expect(page.getByTestId('image-panel')).toContainText('not uploaded');
    await page.getByTestId('image-url').fill('https://cdn.acme.example/logo.svg');
    await page.getByTestId('image-insert').click();
    await expect(page.getByTestId('signature-svg-warning')).toContainText('https://cdn.acme.example/logo.svg');
    await expect(page.getByTestId('signature-svg-warning')).toContainText('will not show it');

    await page.getByTestId('signature-rich').click();
    await page.keyboard.press('End');
    await page.getByTestId('signature-rich').evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'https://cdn.acme.example/photo.png');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect(page.getByTestId('signature-rich').locator('img[src="https://cdn.acme.example/photo.png"]')).toHaveCount(1);

    await page.getByTestId('tool-source').click();
    const html = await page.getByTestId('signature-source').inputValue();
    expect(html).toMatch(/<strong>Bold name<\/strong>/);
    expect(html).toContain('<img src="https://cdn.acme.example/logo.svg"');
    expect(html).toContain('<img src="https://cdn.acme.example/photo.png"');
    await expectAccessible(page);
  });

  test('the preview fills merge tags for the admin, and as another user', async ({ admin }) => {
    const { page } = admin;
    const account = await openSignatures(admin);
    expect((await admin.api('PUT', `/api/email-accounts/${account}/access/${admin.member.id}`, {})).status).toBeLessThan(300);
    await page.getByTestId('signatures-close').click();
    await openRowMenu(page, 'sig@acme.example', 'Signatures');
    await page.getByTestId('signature-add').click();
    await page.getByTestId('signature-rich').click();
    await page.keyboard.type('Regards, ');
    await page.getByTestId('merge-tag-button').click();
    await page.getByRole('menuitem', { name: /First name/ }).click();
    const frame = page.frameLocator('[data-testid="signature-preview-frame"]');
    await expect(frame.locator('body')).toContainText('Regards, Adrien');
    await page.getByTestId('preview-as').selectOption({ label: 'Alice Durand' });
    await expect(frame.locator('body')).toContainText('Regards, Alice');

    // An unknown tag typed by hand is flagged before save, and nothing is sent.
    await page.getByTestId('signature-rich').click();
    await page.keyboard.type(' {{user.nickname}}');
    await expect(page.getByTestId('signature-unknown-tags')).toContainText('{{user.nickname}}');
    await page.getByTestId('signature-save').click();
    await expect(page.getByTestId('signature-error')).toContainText('{{user.nickname}}');
    expect((await admin.api<{ items: unknown[] }>('GET', `/api/email-accounts/${account}/signatures`)).body.items).toEqual([]);
  });

  test('XSS vectors pasted into the source view never run', async ({ admin }) => {
    test.setTimeout(180_000);
    const { page } = admin;
    await openSignatures(admin);
    // DOMPurify's own vectors, PayloadsAllTheThings' payload lists (one per line) and its SVG files.
    const dompurify = ((await import(path.join(sharedFixtures, 'xss/dompurify/test/fixtures/expect.mjs'))) as { default: { payload: string }[] }).default.map(
      (v) => v.payload,
    );
    const patt = path.join(sharedFixtures, 'xss/payloadsallthethings/XSS Injection');
    const lists = readdirSync(path.join(patt, 'Intruders')).flatMap((f) =>
      readFileSync(path.join(patt, 'Intruders', f), 'utf8').split('\n').filter((l) => l.trim()),
    );
    const svgs = readdirSync(path.join(patt, 'Files')).map((f) => readFileSync(path.join(patt, 'Files', f), 'utf8'));
    expect(dompurify.length).toBeGreaterThan(200);
    expect(lists.length).toBeGreaterThan(1000);

    // The detector is live: a real alert() in the page is seen.
    await page.evaluate(() => alert('canary'));
    expect(admin.dialogs).toEqual(['canary']);
    admin.dialogs.length = 0;

    await page.getByTestId('signature-add').click();
    await page.getByTestId('tool-source').click();
    // In chunks, so one vector's unclosed tag does not hide the next ones from the editor.
    const vectors = [...dompurify, ...lists, ...svgs];
    const chunks: string[] = [];
    for (let i = 0; i < vectors.length; i += 25) chunks.push(vectors.slice(i, i + 25).join('\n'));
    for (const chunk of [...chunks, dompurify.join('\n')]) {
      await page.getByTestId('signature-source').fill(chunk);
      await page.getByTestId('tool-source').click(); // rich view: loads the (sanitized) HTML into Quill
      await page.getByTestId('tool-source').click(); // and back
    }
    // Let the last preview render, so its frame is part of what is checked.
    await expect(page.getByTestId('signature-preview')).toHaveAttribute('data-pending', 'false');
    expect(admin.dialogs).toEqual([]);
    // Nothing was injected: no script-like element or inline handler in the page (outside the
    // textarea's text) nor in the preview frame's document.
    const injected = await page.evaluate(() => {
      const bad: string[] = [];
      const scan = (root: Element, where: string) => {
        for (const el of Array.from(root.getElementsByTagName('*'))) {
          if (el.closest('textarea')) continue;
          if (['SCRIPT', 'OBJECT', 'EMBED', 'BASE', 'IFRAME', 'FORM'].includes(el.tagName) && el.closest('[data-testid="signature-editor"], body.preview')) {
            bad.push(`${where}: <${el.tagName}>`);
          }
          for (const a of Array.from(el.attributes)) {
            if (/^on/i.test(a.name)) bad.push(`${where}: ${el.tagName}[${a.name}]`);
            if (/^\s*(javascript|vbscript|data):/i.test(a.value) && /^(href|src|action|formaction|xlink:href)$/i.test(a.name)) bad.push(`${where}: ${el.tagName}[${a.name}]`);
          }
        }
      };
      scan(document.body, 'page');
      const frame = document.querySelector('[data-testid="signature-preview-frame"]');
      const doc = new DOMParser().parseFromString(frame?.getAttribute('srcdoc') ?? '', 'text/html');
      doc.body.classList.add('preview');
      scan(doc.body, 'preview');
      return bad;
    });
    expect(injected).toEqual([]);
    await expect(page.getByTestId('signature-preview-frame')).toHaveAttribute('sandbox', '');
    expect(admin.consoleErrors.filter((e) => /xss|alert|pwn|canary/i.test(e))).toEqual([]);
  });

});

