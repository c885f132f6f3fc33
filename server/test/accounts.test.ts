/** Email accounts API: creating and reading (admin), what members see, updating and deleting. */
import { describe, expect, it } from 'vitest';
import { accountInput, createAccountAs, grantAccess, IN_SECRET, OUT_SECRET } from './helpers';
import { admin, member, t, useAppForFile } from './helpers/app-for-file';
import { newId, nowIso } from '../src/db/values';

useAppForFile({ quota: 50 });

let n = 0;
/** A fresh address per test so tests do not depend on each other. */
const fresh = () => `box${++n}@acme.test`;

describe('creating and reading accounts (admin)', () => {
  it('creates an account and returns settings without passwords', async () => {
    const res = await t.request(admin, { method: 'POST', url: '/api/email-accounts', payload: accountInput({ address: 'Sales@ACME.test' }) });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      address: 'sales@acme.test',
      displayName: 'Acme Sales',
      active: true,
      incoming: { protocol: 'imap', host: 'imap.acme.test', port: 993, security: 'tls', username: 'sales', hasPassword: true },
      outgoing: { host: 'smtp.acme.test', port: 587, security: 'starttls', username: 'sales', hasPassword: true },
      userCount: 0,
      processedCount: 0,
      lastSyncAt: null,
      lastSyncError: null,
      myAccess: null,
    });
    expect(res.body).not.toContain(IN_SECRET);
    expect(res.body).not.toContain(OUT_SECRET);
    expect(res.body).not.toMatch(/"password"/i);

    const get = await t.request(admin, { method: 'GET', url: `/api/email-accounts/${body.id}` });
    expect(get.json()).toEqual(body);
  });

  it('accepts an account without outgoing server', async () => {
    const acc = await createAccountAs(t, admin, { address: fresh(), outgoing: null });
    expect(acc.outgoing).toBeNull();
  });

  it('keeps passwords encrypted in the database (AES-GCM envelope, not plain text)', async () => {
    const acc = await createAccountAs(t, admin, { address: fresh() });
    const row = await t.db.selectFrom('email_accounts').selectAll().where('id', '=', acc.id).executeTakeFirstOrThrow();
    expect(row.in_password_enc).toMatch(/^v1:/);
    expect(row.out_password_enc).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain(IN_SECRET);
    expect(JSON.stringify(row)).not.toContain(OUT_SECRET);
    // And they decrypt back with the app's key (sync will need them).
    expect(t.app.secretBox.open(row.in_password_enc)).toBe(IN_SECRET);
    expect(t.app.secretBox.open(row.out_password_enc!)).toBe(OUT_SECRET);
  });

  it('refuses a second account with the same address in the org with 409 conflict', async () => {
    const address = fresh();
    await createAccountAs(t, admin, { address });
    const res = await t.request(admin, { method: 'POST', url: '/api/email-accounts', payload: accountInput({ address: address.toUpperCase() }) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'conflict', message: `Another email account already uses ${address}.` });
  });

  it('lets another organisation use the same address', async () => {
    const address = fresh();
    await createAccountAs(t, admin, { address });
    const other = await t.login(t.seed.otherAdmin.email);
    expect((await createAccountAs(t, other, { address })).address).toBe(address);
  });

  it('lists all accounts of the org, active or not, for admins', async () => {
    const inactive = await createAccountAs(t, admin, { address: fresh(), active: false });
    const res = await t.request(admin, { method: 'GET', url: '/api/email-accounts' });
    const items = res.json().items as { id: string; active: boolean }[];
    expect(items.find((i) => i.id === inactive.id)?.active).toBe(false);
    expect(res.body).not.toContain(IN_SECRET);
  });
});

describe('members', () => {
  it('cannot create, change or delete accounts (403)', async () => {
    const acc = await createAccountAs(t, admin, { address: fresh() });
    await grantAccess(t, admin, acc.id, t.seed.member.id);
    for (const [method, url, payload] of [
      ['POST', '/api/email-accounts', accountInput({ address: fresh() })],
      ['PATCH', `/api/email-accounts/${acc.id}`, { displayName: 'x' }],
      ['DELETE', `/api/email-accounts/${acc.id}`, undefined],
      ['GET', `/api/email-accounts/${acc.id}/access`, undefined],
      ['PUT', `/api/email-accounts/${acc.id}/access/${t.seed.member.id}`, { isDefault: true }],
    ] as const) {
      const res = await t.request(member, { method, url, payload });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });

  it('see only active accounts they have unexpired access to, without server settings', async () => {
    const mine = await createAccountAs(t, admin, { address: fresh() });
    const notMine = await createAccountAs(t, admin, { address: fresh() });
    const expired = await createAccountAs(t, admin, { address: fresh() });
    const deactivated = await createAccountAs(t, admin, { address: fresh() });
    await grantAccess(t, admin, mine.id, t.seed.member.id);
    await grantAccess(t, admin, expired.id, t.seed.member.id, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await grantAccess(t, admin, deactivated.id, t.seed.member.id);
    // The end date passes (moved into the past directly: the API refuses past dates).
    await t.db.updateTable('account_access').set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('account_id', '=', expired.id).execute();
    await t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${deactivated.id}`, payload: { active: false } });

    const list = await t.request(member, { method: 'GET', url: '/api/email-accounts' });
    const ids = (list.json().items as { id: string }[]).map((i) => i.id);
    expect(ids).toContain(mine.id);
    for (const hidden of [notMine.id, expired.id, deactivated.id]) expect(ids).not.toContain(hidden);
    const seen = list.json().items.find((i: { id: string }) => i.id === mine.id);
    expect(seen.incoming).toBeNull();
    expect(seen.outgoing).toBeNull();
    expect(seen.myAccess).toEqual({ isDefault: false, defaultSignatureId: null, expiresAt: null });

    expect((await t.request(member, { method: 'GET', url: `/api/email-accounts/${mine.id}` })).statusCode).toBe(200);
    for (const hidden of [notMine.id, expired.id, deactivated.id]) {
      const res = await t.request(member, { method: 'GET', url: `/api/email-accounts/${hidden}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
  });
});

describe('updating', () => {
  it('changes settings and keeps stored passwords when omitted', async () => {
    const acc = await createAccountAs(t, admin, { address: fresh() });
    const before = await t.db.selectFrom('email_accounts').selectAll().where('id', '=', acc.id).executeTakeFirstOrThrow();
    const res = await t.request(admin, {
      method: 'PATCH',
      url: `/api/email-accounts/${acc.id}`,
      payload: {
        displayName: 'Renamed',
        incoming: { protocol: 'pop3', host: 'pop.acme.test', port: 995, security: 'tls', username: 'u2' },
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: 'Renamed', incoming: { protocol: 'pop3', host: 'pop.acme.test', port: 995, username: 'u2', hasPassword: true } });
    const after = await t.db.selectFrom('email_accounts').selectAll().where('id', '=', acc.id).executeTakeFirstOrThrow();
    expect(after.in_password_enc).toBe(before.in_password_enc);
  });

  it('replaces a password when given, and removes the outgoing server with null', async () => {
    const acc = await createAccountAs(t, admin, { address: fresh() });
    const res = await t.request(admin, {
      method: 'PATCH',
      url: `/api/email-accounts/${acc.id}`,
      payload: { incoming: { ...accountInput().incoming, password: 'new-secret-1' }, outgoing: null },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().outgoing).toBeNull();
    expect(res.body).not.toContain('new-secret-1');
    const row = await t.db.selectFrom('email_accounts').selectAll().where('id', '=', acc.id).executeTakeFirstOrThrow();
    expect(t.app.secretBox.open(row.in_password_enc)).toBe('new-secret-1');
    expect(row.out_password_enc).toBeNull();
  });

  it('requires a password when adding an outgoing server that had none (422)', async () => {
    const acc = await createAccountAs(t, admin, { address: fresh(), outgoing: null });
    const res = await t.request(admin, {
      method: 'PATCH',
      url: `/api/email-accounts/${acc.id}`,
      payload: { outgoing: { host: 'smtp.acme.test', port: 465, security: 'tls', username: 'x' } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', fields: { 'outgoing.password': expect.any(String) } });
  });

  it('refuses renaming onto another account address (409)', async () => {
    const a = await createAccountAs(t, admin, { address: fresh() });
    const b = await createAccountAs(t, admin, { address: fresh() });
    const res = await t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${b.id}`, payload: { address: a.address } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
  });

  it('404s an unknown id', async () => {
    const res = await t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${newId()}`, payload: { displayName: 'x' } });
    expect(res.statusCode).toBe(404);
  });
});

/** Links a message to the account and files it to a record, as filing or sync would. */
async function fileMessageFrom(accountId: string, source: 'manual' | 'sync') {
  const messageId = newId();
  const recordId = newId();
  const now = nowIso();
  await t.db.insertInto('records').values({ id: recordId, org_id: t.seed.org.id, kind: 'client', name: 'R', name_folded: 'r', phone: null, company_id: null, created_at: now }).execute();
  await t.db.insertInto('messages').values({
    id: messageId, org_id: t.seed.org.id, message_key: `${messageId}@x`, message_id: null, thread_id: null, subject: 's',
    from_name: null, from_address: 'a@b.test', to_json: '[]', cc_json: '[]', date: now, snippet: '', body_html: null,
    body_text: null, attachments_json: '[]', created_at: now,
  }).execute();
  await t.db.insertInto('message_accounts').values({ message_id: messageId, account_id: accountId }).execute();
  await t.db.insertInto('filings').values({ id: newId(), message_id: messageId, record_id: recordId, filed_by: source === 'manual' ? t.seed.member.id : null, filed_at: now, source }).execute();
  return messageId;
}

describe('deleting', () => {
  it('deletes an unused account and records it in the audit log', async () => {
    const acc = await createAccountAs(t, admin, { address: fresh() });
    const res = await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${acc.id}` });
    expect(res.statusCode).toBe(204);
    expect((await t.request(admin, { method: 'GET', url: `/api/email-accounts/${acc.id}` })).statusCode).toBe(404);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('subject_id', '=', acc.id).where('action', '=', 'account.deleted').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(t.seed.admin.id);
  });

  it('refuses while a user has access, naming the reason and suggesting deactivation', async () => {
    const acc = await createAccountAs(t, admin, { address: fresh() });
    await grantAccess(t, admin, acc.id, t.seed.member.id);
    const res = await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${acc.id}` });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('account_in_use');
    expect(res.json().error.message).toContain('1 person has access');
    expect(res.json().error.message).toContain('Deactivate');
  });

  it.each(['manual', 'sync'] as const)('refuses once a message was filed (%s), and counts it in processedCount', async (source) => {
    const acc = await createAccountAs(t, admin, { address: fresh() });
    await fileMessageFrom(acc.id, source);
    await fileMessageFrom(acc.id, source);
    const get = await t.request(admin, { method: 'GET', url: `/api/email-accounts/${acc.id}` });
    expect(get.json().processedCount).toBe(2);
    const res = await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${acc.id}` });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('2 messages were filed');
  });

  it('names both reasons at once', async () => {
    const acc = await createAccountAs(t, admin, { address: fresh() });
    await grantAccess(t, admin, acc.id, t.seed.member.id);
    await grantAccess(t, admin, acc.id, t.seed.member2.id);
    await fileMessageFrom(acc.id, 'manual');
    const res = await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${acc.id}` });
    expect(res.json().error.message).toMatch(/2 people have access to it and 1 message was filed or handled from it/);
  });

  it('counts only unexpired access: an account whose temporary access ended can be deleted', async () => {
    const acc = await createAccountAs(t, admin, { address: fresh() });
    await grantAccess(t, admin, acc.id, t.seed.member.id, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect((await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${acc.id}` })).statusCode).toBe(409);
    await t.db.updateTable('account_access').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('account_id', '=', acc.id).execute();
    expect((await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${acc.id}` })).statusCode).toBe(204);
    const left = await t.db.selectFrom('account_access').selectAll().where('account_id', '=', acc.id).execute();
    expect(left).toEqual([]);
  });

  it('allows deleting once access was removed, if nothing was filed', async () => {
    const acc = await createAccountAs(t, admin, { address: fresh() });
    await grantAccess(t, admin, acc.id, t.seed.member.id);
    await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${acc.id}/access/${t.seed.member.id}` });
    expect((await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${acc.id}` })).statusCode).toBe(204);
  });
});
