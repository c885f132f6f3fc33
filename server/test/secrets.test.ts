import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/schema';
import { accountInput, createAccountAs, createTestApp, grantAccess, IN_SECRET, OUT_SECRET, TEST_PASSWORD, type TestApp } from './helpers';

// Account passwords are write-only: no response, log line or database column holds them in clear.
const NEW_SECRET = 'rotated-S3cret-value';
const SECRETS = [IN_SECRET, OUT_SECRET, NEW_SECRET];
const logs: string[] = [];
let t: TestApp;
let admin: string;
let member: string;
let accountId: string;
const bodies: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ onLog: (line) => logs.push(line) });
  // Through the login route so its request is logged too.
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: t.seed.admin.email, password: TEST_PASSWORD } });
  admin = login.json().token;
  member = await t.login(t.seed.member.email);
  const acc = await createAccountAs(t, admin);
  accountId = acc.id;
  await grantAccess(t, admin, accountId, t.seed.member.id, { isDefault: true });
  const patched = await t.request(admin, {
    method: 'PATCH',
    url: `/api/email-accounts/${accountId}`,
    payload: { incoming: { ...accountInput().incoming, password: NEW_SECRET } },
  });
  expect(patched.statusCode).toBe(200);
  bodies.push(login.body, patched.body);
});
afterAll(() => t.close());

describe('secrets never leave the server', () => {
  it('no read endpoint returns them, for admins or members', async () => {
    const urls = [
      '/api/email-accounts',
      `/api/email-accounts/${accountId}`,
      `/api/email-accounts/${accountId}/access`,
      '/api/me/accounts',
      '/api/me',
      '/api/audit',
    ];
    for (const token of [admin, member]) {
      for (const url of urls) {
        const res = await t.request(token, { method: 'GET', url });
        bodies.push(res.body);
      }
    }
    for (const body of bodies) for (const s of SECRETS) expect(body).not.toContain(s);
    // No response carries a password field at all (request schemas have one; responses never).
    expect(bodies.join('\n')).not.toMatch(/"password"\s*:/);
    const docs = await t.request(null, { method: 'GET', url: '/docs/json' });
    for (const s of SECRETS) expect(docs.body).not.toContain(s);
  });

  it('error answers do not echo a submitted password', async () => {
    const cases = [
      accountInput({ address: 'sales@acme.test' }), // 409 conflict
      { ...accountInput({ address: 'x@acme.test' }), incoming: { ...accountInput().incoming, port: 0, password: IN_SECRET } }, // 400
      { ...accountInput({ address: 'y@acme.test' }), incoming: { ...accountInput().incoming, password: `${IN_SECRET}${'x'.repeat(2000)}` } }, // 400 too long
    ];
    for (const payload of cases) {
      const res = await t.request(admin, { method: 'POST', url: '/api/email-accounts', payload });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      for (const s of SECRETS) expect(res.body).not.toContain(s);
    }
  });

  it('no column of any table holds them in clear', async () => {
    const tables: (keyof Database)[] = ['organisations', 'users', 'sessions', 'email_accounts', 'account_access', 'audit_log'];
    for (const table of tables) {
      const rows = await t.db.selectFrom(table).selectAll().execute();
      const dump = JSON.stringify(rows);
      for (const s of SECRETS) expect(dump, table).not.toContain(s);
      expect(dump).not.toContain(TEST_PASSWORD);
    }
  });

  it('no log line holds them, nor the login password or a bearer token', () => {
    expect(logs.length).toBeGreaterThan(10);
    const all = logs.join('\n');
    for (const s of [...SECRETS, TEST_PASSWORD, admin, member]) expect(all).not.toContain(s);
  });
});
