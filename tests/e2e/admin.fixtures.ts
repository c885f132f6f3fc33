/**
 * The admin console's end-to-end set-up, shared by admin-accounts.spec.ts and
 * admin-signatures.spec.ts: the built extension in the real Chromium (shared harness,
 * tests/e2e/fixtures.ts), its options page signed in as the demo admin, against the real API (demo
 * organisation, quota 3). Every test starts and ends with no email account, since the quota is
 * shared by the whole worker; only loopback is contacted (the harness refuses the rest).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_ADMIN, DEMO_MEMBER } from './api-server';
import { expect, test as harness } from './fixtures';

export { expect };

export const MEMBER = DEMO_MEMBER;

interface ApiResult<T> {
  status: number;
  body: T;
}
type Call = <T = unknown>(method: string, route: string, body?: unknown) => Promise<ApiResult<T>>;

export interface Admin {
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

export const test = harness.extend<{ admin: Admin }>({
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


export async function createAccountByApi(admin: Admin, address: string): Promise<string> {
  const r = await admin.api<{ id: string }>('POST', '/api/email-accounts', {
    address,
    incoming: { protocol: 'imap', host: '127.0.0.1', port: 1143, security: 'none', username: 'x', password: 'y' },
  });
  expect(r.status).toBe(201);
  return r.body.id;
}

/** No serious or critical axe violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  // The preview iframe is sandboxed without scripts by design: axe cannot run inside it.
  const results = await new AxeBuilder({ page }).exclude('iframe[sandbox]').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export const row = (page: Page, address: string) => page.locator(`[data-testid="account-row"][data-address="${address}"]`);

export async function openRowMenu(page: Page, address: string, item: string | RegExp) {
  await row(page, address).getByRole('button', { name: /More actions|Autres actions/ }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

export async function addAccountThroughForm(page: Page, address: string) {
  await page.getByTestId('account-add').click();
  const form = page.getByRole('dialog');
  await form.getByTestId('account-address').fill(address);
  await form.getByTestId('incoming-password').fill('secret');
  await form.getByTestId('account-save').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(row(page, address)).toBeVisible();
}
