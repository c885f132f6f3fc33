import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountInput, createAccountAs, createTestApp, type TestApp } from './helpers';

let t: TestApp;
let admin: string;
beforeEach(async () => {
  t = await createTestApp({ quota: 3 });
  admin = await t.login(t.seed.admin.email);
});
afterEach(() => t.close());

const create = (address: string, active = true) =>
  t.request(admin, { method: 'POST', url: '/api/email-accounts', payload: accountInput({ address, active }) });
const activeCount = async () => (await t.request(admin, { method: 'GET', url: '/api/me' })).json().org.activeAccounts;

describe('plan quota of active email accounts', () => {
  it('refuses the account beyond the quota with 409 quota_exceeded saying how many are in use', async () => {
    for (const a of ['a@acme.test', 'b@acme.test', 'c@acme.test']) expect((await create(a)).statusCode).toBe(201);
    const res = await create('d@acme.test');
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({
      code: 'quota_exceeded',
      message: 'Your plan allows 3 active email accounts and 3 are in use. Deactivate an account, or contact sales to raise the limit.',
    });
    expect(await activeCount()).toBe(3);
  });

  it('does not count deactivated accounts, and lets inactive ones be created beyond it', async () => {
    const a = await createAccountAs(t, admin, { address: 'a@acme.test' });
    await createAccountAs(t, admin, { address: 'b@acme.test' });
    await createAccountAs(t, admin, { address: 'c@acme.test' });
    expect((await create('spare@acme.test', false)).statusCode).toBe(201);
    const off = await t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${a.id}`, payload: { active: false } });
    expect(off.json().active).toBe(false);
    expect(await activeCount()).toBe(2);
    expect((await create('d@acme.test')).statusCode).toBe(201);
    expect(await activeCount()).toBe(3);
  });

  it('refuses reactivating beyond the quota, and allows it once a slot is free', async () => {
    const a = await createAccountAs(t, admin, { address: 'a@acme.test' });
    await createAccountAs(t, admin, { address: 'b@acme.test' });
    const c = await createAccountAs(t, admin, { address: 'c@acme.test' });
    await t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${a.id}`, payload: { active: false } });
    await createAccountAs(t, admin, { address: 'd@acme.test' });

    const again = await t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${a.id}`, payload: { active: true } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('quota_exceeded');
    expect(again.json().error.message).toContain('3 are in use');

    await t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${c.id}`, payload: { active: false } });
    const ok = await t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${a.id}`, payload: { active: true } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().active).toBe(true);
  });

  it('PATCH of an already active account does not re-check the quota', async () => {
    const a = await createAccountAs(t, admin, { address: 'a@acme.test' });
    await createAccountAs(t, admin, { address: 'b@acme.test' });
    await createAccountAs(t, admin, { address: 'c@acme.test' });
    const res = await t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${a.id}`, payload: { active: true, displayName: 'Still fine' } });
    expect(res.statusCode).toBe(200);
  });

  it('holds under parallel creates: never more active accounts than the quota', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => create(`p${i}@acme.test`)));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(3);
    expect(codes.filter((c) => c === 409)).toHaveLength(9);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('quota_exceeded');
    const rows = await t.db.selectFrom('email_accounts').select('id').where('org_id', '=', t.seed.org.id).where('active', '=', 1).execute();
    expect(rows).toHaveLength(3);
  });

  it('holds under parallel reactivations', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await createAccountAs(t, admin, { address: `r${i}@acme.test`, active: false })).id);
    const results = await Promise.all(
      ids.map((id) => t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${id}`, payload: { active: true } })),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(3);
    expect(await activeCount()).toBe(3);
  });

  it('parallel creates of the same address: one wins, the others get 409 conflict, never 500', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => create('same@acme.test')));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('conflict');
  });

  it("one organisation's accounts do not use another's quota", async () => {
    for (const a of ['a@acme.test', 'b@acme.test', 'c@acme.test']) await create(a);
    const other = await t.login(t.seed.otherAdmin.email);
    const res = await t.request(other, { method: 'POST', url: '/api/email-accounts', payload: accountInput({ address: 'a@globex.test' }) });
    expect(res.statusCode).toBe(201);
  });
});
