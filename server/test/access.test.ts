import { describe, expect, it } from 'vitest';
import { newId, nowIso } from '../src/db/values';
import { createAccountAs, grantAccess } from './helpers';
import { admin, member, t, useAppForFile } from './helpers/app-for-file';

useAppForFile({ quota: 50 });

let n = 0;
const newAccount = () => createAccountAs(t, admin, { address: `acc${++n}@acme.test` });
const put = (token: string, accountId: string, userId: string, payload: object) =>
  t.request(token, { method: 'PUT', url: `/api/email-accounts/${accountId}/access/${userId}`, payload });
const myAccounts = async (token = member) =>
  (await t.request(token, { method: 'GET', url: '/api/me/accounts' })).json().items as {
    id: string;
    myAccess: { isDefault: boolean; defaultSignatureId: string | null; expiresAt: string | null };
  }[];
async function addSignature(accountId: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await t.db.insertInto('signatures').values({ id, account_id: accountId, name: 'S', html: '<p>s</p>', position: 1, created_at: now, updated_at: now }).execute();
  return id;
}
const auditOf = (accountId: string) =>
  t.db.selectFrom('audit_log').selectAll().where('subject_id', '=', accountId).orderBy('at').execute();

describe('granting access', () => {
  it('grants (201), lists and changes (200) access', async () => {
    const acc = await newAccount();
    const first = await put(admin, acc.id, t.seed.member.id, {});
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      accountId: acc.id,
      user: { id: t.seed.member.id, email: 'member@acme.test', fullName: 'Mia Member' },
      isDefault: false,
      defaultSignatureId: null,
      expiresAt: null,
    });
    const again = await put(admin, acc.id, t.seed.member.id, { isDefault: true });
    expect(again.statusCode).toBe(200);
    expect(again.json().isDefault).toBe(true);
    expect(again.json().grantedAt).toBe(first.json().grantedAt);

    const list = await t.request(admin, { method: 'GET', url: `/api/email-accounts/${acc.id}/access` });
    expect(list.json().items).toHaveLength(1);
    expect((await t.request(admin, { method: 'GET', url: `/api/email-accounts/${acc.id}` })).json().userCount).toBe(1);
  });

  it('writes who granted, changed and removed access to the audit log', async () => {
    const acc = await newAccount();
    await put(admin, acc.id, t.seed.member2.id, {});
    await put(admin, acc.id, t.seed.member2.id, { isDefault: true });
    await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${acc.id}/access/${t.seed.member2.id}` });
    const actions = (await auditOf(acc.id)).map((e) => [e.action, e.actor_id, JSON.parse(e.detail_json).userId]);
    // Same-millisecond entries have no defined order, so compare as a set.
    expect(actions).toHaveLength(4);
    expect(actions).toEqual(expect.arrayContaining([
      ['account.created', t.seed.admin.id, undefined],
      ['access.granted', t.seed.admin.id, t.seed.member2.id],
      ['access.changed', t.seed.admin.id, t.seed.member2.id],
      ['access.removed', t.seed.admin.id, t.seed.member2.id],
    ]));
  });

  it('404s an unknown user, a user of another org, and an unknown account', async () => {
    const acc = await newAccount();
    for (const [accountId, userId, what] of [
      [acc.id, newId(), 'The user'],
      [acc.id, t.seed.otherMember.id, 'The user'],
      [newId(), t.seed.member.id, 'The email account'],
    ]) {
      const res = await put(admin, accountId!, userId!, {});
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toEqual({ code: 'not_found', message: `${what} was not found.` });
    }
  });

  it('refuses a default signature of another account with 422', async () => {
    const acc = await newAccount();
    const other = await newAccount();
    const foreignSig = await addSignature(other.id);
    const res = await put(admin, acc.id, t.seed.member.id, { defaultSignatureId: foreignSig });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', fields: { defaultSignatureId: expect.stringContaining(acc.address) } });
    const missing = await put(admin, acc.id, t.seed.member.id, { defaultSignatureId: newId() });
    expect(missing.statusCode).toBe(422);
    // Nothing was granted by the failed calls.
    expect((await t.request(admin, { method: 'GET', url: `/api/email-accounts/${acc.id}/access` })).json().items).toEqual([]);
  });

  it('accepts a signature of the account', async () => {
    const acc = await newAccount();
    const sig = await addSignature(acc.id);
    const res = await put(admin, acc.id, t.seed.member.id, { defaultSignatureId: sig });
    expect(res.json().defaultSignatureId).toBe(sig);
  });

  it('refuses an end date in the past (422) and bad dates (400)', async () => {
    const acc = await newAccount();
    const past = await put(admin, acc.id, t.seed.member.id, { expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(422);
    expect(past.json().error.fields).toHaveProperty('expiresAt');
    for (const expiresAt of ['tomorrow', '2030-13-01T00:00:00Z', 12345]) {
      expect((await put(admin, acc.id, t.seed.member.id, { expiresAt })).statusCode).toBe(400);
    }
    expect((await put(admin, acc.id, t.seed.member.id, { role: 'admin' })).statusCode).toBe(400);
  });

  it('normalises an end date with an offset to UTC', async () => {
    const acc = await newAccount();
    const res = await put(admin, acc.id, t.seed.member.id, { expiresAt: '2099-06-01T12:00:00+02:00' });
    expect(res.json().expiresAt).toBe('2099-06-01T10:00:00.000Z');
  });
});

describe('default account', () => {
  it('a user has at most one default: setting one clears the other', async () => {
    const a = await newAccount();
    const b = await newAccount();
    await grantAccess(t, admin, a.id, t.seed.member2.id, { isDefault: true });
    await grantAccess(t, admin, b.id, t.seed.member2.id, { isDefault: true });
    const rows = await t.db.selectFrom('account_access').selectAll().where('user_id', '=', t.seed.member2.id).where('is_default', '=', 1).execute();
    expect(rows.map((r) => r.account_id)).toEqual([b.id]);
  });

  it('removing access clears it as default', async () => {
    const a = await newAccount();
    await grantAccess(t, admin, a.id, t.seed.member2.id, { isDefault: true });
    const del = await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${a.id}/access/${t.seed.member2.id}` });
    expect(del.statusCode).toBe(204);
    const again = await grantAccess(t, admin, a.id, t.seed.member2.id, {});
    expect(again.isDefault).toBe(false);
  });

  it('removing access that does not exist is 404', async () => {
    const a = await newAccount();
    const res = await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${a.id}/access/${t.seed.member2.id}` });
    expect(res.statusCode).toBe(404);
  });
});

describe('temporary access', () => {
  it('ends by itself: after the end date the member no longer sees or uses the account', async () => {
    const acc = await newAccount();
    const soon = new Date(Date.now() + 60_000).toISOString();
    await grantAccess(t, admin, acc.id, t.seed.member.id, { expiresAt: soon });
    expect((await myAccounts()).find((a) => a.id === acc.id)?.myAccess.expiresAt).toBe(soon);
    expect((await t.request(admin, { method: 'GET', url: `/api/email-accounts/${acc.id}` })).json().userCount).toBe(1);

    // Time passes: move the end date to just before now.
    await t.db.updateTable('account_access').set({ expires_at: new Date(Date.now() - 1).toISOString() }).where('account_id', '=', acc.id).execute();
    expect((await myAccounts()).map((a) => a.id)).not.toContain(acc.id);
    expect((await t.request(member, { method: 'GET', url: `/api/email-accounts/${acc.id}` })).statusCode).toBe(404);
    expect((await t.request(member, { method: 'PATCH', url: `/api/me/accounts/${acc.id}`, payload: { isDefault: true } })).statusCode).toBe(404);
    expect((await t.request(admin, { method: 'GET', url: `/api/email-accounts/${acc.id}` })).json().userCount).toBe(0);
  });

  it('can be made permanent again with expiresAt: null', async () => {
    const acc = await newAccount();
    await grantAccess(t, admin, acc.id, t.seed.member.id, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    const res = await put(admin, acc.id, t.seed.member.id, { expiresAt: null });
    expect(res.json().expiresAt).toBeNull();
  });
});

describe("a user's own side: /api/me/accounts", () => {
  it('lists usable accounts with myAccess, and lets the member switch default account and signature', async () => {
    const a = await newAccount();
    const b = await newAccount();
    const sigB = await addSignature(b.id);
    await grantAccess(t, admin, a.id, t.seed.member.id, { isDefault: true });
    await grantAccess(t, admin, b.id, t.seed.member.id);

    let mine = await myAccounts();
    expect(mine.find((x) => x.id === a.id)?.myAccess.isDefault).toBe(true);

    const res = await t.request(member, { method: 'PATCH', url: `/api/me/accounts/${b.id}`, payload: { isDefault: true, defaultSignatureId: sigB } });
    expect(res.statusCode).toBe(200);
    expect(res.json().myAccess).toEqual({ isDefault: true, defaultSignatureId: sigB, expiresAt: null });
    expect(res.json().incoming).toBeNull();

    mine = await myAccounts();
    expect(mine.filter((x) => x.myAccess.isDefault).map((x) => x.id)).toEqual([b.id]);
  });

  it("refuses another account's signature (422), isDefault: false (400), and accounts without access (404)", async () => {
    const a = await newAccount();
    const other = await newAccount();
    await grantAccess(t, admin, a.id, t.seed.member.id);
    const sig = await addSignature(other.id);
    const bad = await t.request(member, { method: 'PATCH', url: `/api/me/accounts/${a.id}`, payload: { defaultSignatureId: sig } });
    expect(bad.statusCode).toBe(422);
    const f = await t.request(member, { method: 'PATCH', url: `/api/me/accounts/${a.id}`, payload: { isDefault: false } });
    expect(f.statusCode).toBe(400);
    const none = await t.request(member, { method: 'PATCH', url: `/api/me/accounts/${other.id}`, payload: { isDefault: true } });
    expect(none.statusCode).toBe(404);
  });

  it('clears the default signature with null, and a deleted signature stops being the default', async () => {
    const a = await newAccount();
    const sig = await addSignature(a.id);
    await grantAccess(t, admin, a.id, t.seed.member.id, { defaultSignatureId: sig });
    const cleared = await t.request(member, { method: 'PATCH', url: `/api/me/accounts/${a.id}`, payload: { defaultSignatureId: null } });
    expect(cleared.json().myAccess.defaultSignatureId).toBeNull();

    await t.request(member, { method: 'PATCH', url: `/api/me/accounts/${a.id}`, payload: { defaultSignatureId: sig } });
    await t.db.deleteFrom('signatures').where('id', '=', sig).execute();
    expect((await myAccounts()).find((x) => x.id === a.id)?.myAccess.defaultSignatureId).toBeNull();
  });

  it('an admin sees only the accounts given to them in /api/me/accounts', async () => {
    const a = await newAccount();
    await newAccount();
    await grantAccess(t, admin, a.id, t.seed.admin.id);
    const mine = await myAccounts(admin);
    expect(mine.map((x) => x.id)).toEqual([a.id]);
  });

  it('a deactivated account disappears for members', async () => {
    const a = await newAccount();
    await grantAccess(t, admin, a.id, t.seed.member.id);
    expect((await myAccounts()).map((x) => x.id)).toContain(a.id);
    await t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${a.id}`, payload: { active: false } });
    expect((await myAccounts()).map((x) => x.id)).not.toContain(a.id);
    const audit = (await auditOf(a.id)).map((e) => e.action);
    expect(audit).toContain('account.deactivated');
  });
});

describe('GET /api/users (admins)', () => {
  it('lists org users and searches by name or email, ignoring case and accents', async () => {
    const all = await t.request(admin, { method: 'GET', url: '/api/users' });
    expect(all.json().total).toBe(3);
    expect(all.json().items.map((u: { email: string }) => u.email).sort()).toEqual(['admin@acme.test', 'bob@acme.test', 'member@acme.test']);

    const byName = await t.request(admin, { method: 'GET', url: '/api/users?q=MIA' });
    expect(byName.json().items.map((u: { email: string }) => u.email)).toEqual(['member@acme.test']);
    const byFull = await t.request(admin, { method: 'GET', url: '/api/users?q=mia%20mem' });
    expect(byFull.json().items).toHaveLength(1);
    const byEmail = await t.request(admin, { method: 'GET', url: '/api/users?q=bob@' });
    expect(byEmail.json().items.map((u: { email: string }) => u.email)).toEqual(['bob@acme.test']);
    for (const q of ['beranger', 'B%C3%89R', 'bob%20b%C3%A9r']) {
      const accents = await t.request(admin, { method: 'GET', url: `/api/users?q=${q}` });
      expect(accents.json().items.map((u: { email: string }) => u.email), q).toEqual(['bob@acme.test']);
    }
    const wildcard = await t.request(admin, { method: 'GET', url: '/api/users?q=%25' });
    expect(wildcard.json().total).toBe(0);
  });

  it('is for admins only', async () => {
    expect((await t.request(member, { method: 'GET', url: '/api/users' })).statusCode).toBe(403);
  });

  it('rejects an over-long query and unknown parameters with 400', async () => {
    expect((await t.request(admin, { method: 'GET', url: `/api/users?q=${'x'.repeat(300)}` })).statusCode).toBe(400);
    expect((await t.request(admin, { method: 'GET', url: '/api/users?org=other' })).statusCode).toBe(400);
  });
});

describe('GET /api/audit (admins)', () => {
  it('shows who granted and removed access and who deactivated, with names, newest first', async () => {
    const acc = await newAccount();
    await grantAccess(t, admin, acc.id, t.seed.member.id, { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${acc.id}/access/${t.seed.member.id}` });
    await t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${acc.id}`, payload: { active: false } });
    const res = await t.request(admin, { method: 'GET', url: `/api/audit?subjectId=${acc.id}` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { action: string; at: string; actor: { fullName: string } | null; detail: Record<string, unknown> }[];
    expect(items.map((i) => i.action).sort()).toEqual(['access.granted', 'access.removed', 'account.created', 'account.deactivated']);
    expect(items.every((i) => i.actor?.fullName === 'Ada Admin')).toBe(true);
    expect(items.find((i) => i.action === 'access.granted')?.detail).toMatchObject({ userId: t.seed.member.id, email: 'member@acme.test' });
    const times = items.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('never contains secrets, is admin-only and scoped to the organisation', async () => {
    await newAccount();
    const all = await t.request(admin, { method: 'GET', url: '/api/audit?limit=500' });
    expect(all.body).not.toContain('s3cret');
    expect((await t.request(member, { method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
    const other = await t.login(t.seed.otherAdmin.email);
    expect((await t.request(other, { method: 'GET', url: '/api/audit' })).json().items).toEqual([]);
  });
});
