import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountInput, createAccountAs, createTestApp, grantAccess, type TestApp } from './helpers';
import type { EmailAccount } from '../../contract/accounts';

// Every endpoint is scoped by the caller's organisation: another organisation's ids read as 404
// and lists never include its rows.
let t: TestApp;
let acmeAdmin: string;
let globexAdmin: string;
let globexMember: string;
let acmeAccount: EmailAccount;
let globexAccount: EmailAccount;

beforeAll(async () => {
  t = await createTestApp();
  acmeAdmin = await t.login(t.seed.admin.email);
  globexAdmin = await t.login(t.seed.otherAdmin.email);
  globexMember = await t.login(t.seed.otherMember.email);
  acmeAccount = await createAccountAs(t, acmeAdmin, { address: 'shared@acme.test' });
  globexAccount = await createAccountAs(t, globexAdmin, { address: 'shared@globex.test' });
  await grantAccess(t, acmeAdmin, acmeAccount.id, t.seed.member.id, { isDefault: true });
  await grantAccess(t, globexAdmin, globexAccount.id, t.seed.otherMember.id);
});
afterAll(() => t.close());

describe('tenant isolation', () => {
  it.each([
    ['GET', () => `/api/email-accounts/${acmeAccount.id}`, undefined],
    ['PATCH', () => `/api/email-accounts/${acmeAccount.id}`, { displayName: 'pwned' }],
    ['PATCH', () => `/api/email-accounts/${acmeAccount.id}`, { active: false }],
    ['DELETE', () => `/api/email-accounts/${acmeAccount.id}`, undefined],
    ['GET', () => `/api/email-accounts/${acmeAccount.id}/access`, undefined],
    ['PUT', () => `/api/email-accounts/${acmeAccount.id}/access/${t.seed.otherMember.id}`, {}],
    ['PUT', () => `/api/email-accounts/${globexAccount.id}/access/${t.seed.member.id}`, {}],
    ['DELETE', () => `/api/email-accounts/${acmeAccount.id}/access/${t.seed.member.id}`, undefined],
    ['PATCH', () => `/api/me/accounts/${acmeAccount.id}`, { isDefault: true }],
  ] as const)("another org's admin: %s %s → 404", async (method, url, payload) => {
    const res = await t.request(globexAdmin, { method, url: url(), payload });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('a member of another org cannot reach the account either', async () => {
    for (const url of [`/api/email-accounts/${acmeAccount.id}`]) {
      expect((await t.request(globexMember, { method: 'GET', url })).statusCode).toBe(404);
    }
    expect((await t.request(globexMember, { method: 'PATCH', url: `/api/me/accounts/${acmeAccount.id}`, payload: { isDefault: true } })).statusCode).toBe(404);
  });

  it("nothing changed in the other org's data", async () => {
    const res = await t.request(acmeAdmin, { method: 'GET', url: `/api/email-accounts/${acmeAccount.id}` });
    expect(res.json()).toMatchObject({ displayName: 'Acme Sales', active: true, userCount: 1 });
    const access = await t.request(acmeAdmin, { method: 'GET', url: `/api/email-accounts/${acmeAccount.id}/access` });
    expect(access.json().items.map((e: { user: { id: string } }) => e.user.id)).toEqual([t.seed.member.id]);
  });

  it('lists contain only the own organisation', async () => {
    const accounts = await t.request(globexAdmin, { method: 'GET', url: '/api/email-accounts' });
    expect(accounts.json().items.map((a: { id: string }) => a.id)).toEqual([globexAccount.id]);
    const users = await t.request(globexAdmin, { method: 'GET', url: '/api/users?q=acme' });
    expect(users.json()).toEqual({ items: [], total: 0 });
    const allUsers = await t.request(globexAdmin, { method: 'GET', url: '/api/users' });
    expect(allUsers.json().items.map((u: { email: string }) => u.email).sort()).toEqual(['admin@globex.test', 'member@globex.test']);
    const mine = await t.request(globexMember, { method: 'GET', url: '/api/me/accounts' });
    expect(mine.json().items.map((a: { id: string }) => a.id)).toEqual([globexAccount.id]);
    const me = await t.request(globexAdmin, { method: 'GET', url: '/api/me' });
    expect(me.json().org).toEqual({ id: t.seed.otherOrg.id, name: 'Globex', quota: 3, activeAccounts: 1 });
  });

  it('the organisation comes from the session, never from the body', async () => {
    const res = await t.request(globexAdmin, {
      method: 'POST',
      url: '/api/email-accounts',
      payload: { ...accountInput({ address: 'sneaky@acme.test' }), orgId: t.seed.org.id },
    });
    expect(res.statusCode).toBe(400);
    const row = await t.db.selectFrom('email_accounts').select('id').where('address', '=', 'sneaky@acme.test').executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
