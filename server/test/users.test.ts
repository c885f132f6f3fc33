/** An organisation's people: adding (invitation or one-time password), editing, deactivating. */
import { describe, expect, it } from 'vitest';
import { admin, member, otherAdmin, t, useAppForFile } from './helpers/app-for-file';
import { createAccountAs, grantAccess } from './helpers/accounts';
import { TEST_PASSWORD } from './helpers/test-app';

useAppForFile();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

let n = 0;
const freshEmail = () => `person${++n}.${Date.now()}@acme.test`;

async function addUser(body: Json = {}, token = admin) {
  const res = await t.request(token, {
    method: 'POST',
    url: '/api/users',
    payload: { email: freshEmail(), firstName: 'Jeanne', lastName: 'Dupré', role: 'member', jobTitle: 'Sales', ...body },
  });
  return { res, body: res.json() as Json };
}

const accept = (token: string, password = 'a new password') =>
  t.request(null, { method: 'POST', url: '/api/invitations/accept', payload: { token, password } });
const signIn = (email: string, password: string) =>
  t.request(null, { method: 'POST', url: '/api/auth/login', payload: { email, password } });

describe('adding people', () => {
  it('answers 201 with the person and a single-use invitation valid 7 days', async () => {
    const { res, body } = await addUser();
    expect(res.statusCode).toBe(201);
    expect(body.user).toMatchObject({ firstName: 'Jeanne', jobTitle: 'Sales', status: 'invited', active: true, accounts: [] });
    const days = (Date.parse(body.invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    // Stored hashed: the token itself is nowhere in the database.
    const rows = await t.db.selectFrom('invitations').selectAll().where('user_id', '=', body.user.id).execute();
    expect(JSON.stringify(rows)).not.toContain(body.invitation.token);
  });

  it('lets the invited person see who the invitation is for, choose a password, and be signed in', async () => {
    const { body } = await addUser({ firstName: 'Béa' });
    const info = await t.request(null, { method: 'POST', url: '/api/invitations/inspect', payload: { token: body.invitation.token } });
    expect(info.json()).toMatchObject({ email: body.user.email, firstName: 'Béa', orgName: t.seed.org.name });
    const res = await accept(body.invitation.token);
    expect(res.statusCode).toBe(200);
    const session = res.json() as Json;
    expect(session.user.email).toBe(body.user.email);
    const me = await t.request(session.token, { method: 'GET', url: '/api/me' });
    expect(me.statusCode).toBe(200);
    expect((await signIn(body.user.email, 'a new password')).statusCode).toBe(200);
    const listed = (await t.request(admin, { method: 'GET', url: `/api/users/${body.user.id}` })).json() as Json;
    expect(listed.status).toBe('active');
  });

  it('refuses an invitation used twice, replaced, expired or made up, with a clear message', async () => {
    const { body } = await addUser();
    expect((await accept(body.invitation.token)).statusCode).toBe(200);
    const twice = await accept(body.invitation.token);
    expect(twice.statusCode).toBe(410);
    expect(twice.json().error).toMatchObject({ code: 'invitation_used', message: expect.stringContaining('already been used') });

    const second = await addUser();
    const renewed = (await t.request(admin, { method: 'POST', url: `/api/users/${second.body.user.id}/invitation`, payload: {} })).json() as Json;
    expect(renewed.invitation.token).not.toBe(second.body.invitation.token);
    expect((await accept(second.body.invitation.token)).json().error.code).toBe('invitation_replaced');
    expect((await accept(renewed.invitation.token)).statusCode).toBe(200);

    const third = await addUser();
    await t.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', third.body.user.id).execute();
    expect((await accept(third.body.invitation.token)).json().error.code).toBe('invitation_expired');

    const madeUp = await accept('not-a-real-invitation');
    expect(madeUp.statusCode).toBe(404);
    expect(madeUp.json().error.code).toBe('invitation_invalid');
  });

  it('redeems an invitation once when two redemptions race', async () => {
    const { body } = await addUser();
    const answers = await Promise.all([accept(body.invitation.token, 'first password'), accept(body.invitation.token, 'second password')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 410]);
  });

  it('refuses a password under 8 characters, and nothing is redeemed', async () => {
    const { body } = await addUser();
    const res = await accept(body.invitation.token, 'short');
    expect(res.statusCode).toBe(400);
    expect((await accept(body.invitation.token)).statusCode).toBe(200);
  });

  it('gives a one-time password on request, which must be changed before anything else', async () => {
    const { res, body } = await addUser({ temporaryPassword: true });
    expect(res.statusCode).toBe(201);
    expect(body.invitation).toBeUndefined();
    expect(body.temporaryPassword).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);
    const login = await signIn(body.user.email, body.temporaryPassword);
    expect(login.json()).toMatchObject({ mustChangePassword: true });
    const token = login.json().token as string;
    const blocked = await t.request(token, { method: 'GET', url: '/api/me/accounts' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    expect((await t.request(token, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    const changed = await t.request(token, {
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: body.temporaryPassword, newPassword: 'my own password' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await t.request(token, { method: 'GET', url: '/api/me/accounts' })).statusCode).toBe(200);
    expect((await signIn(body.user.email, body.temporaryPassword)).statusCode).toBe(401);
  });

  it('keeps one person per email, whatever its case, and says who holds it', async () => {
    const { body } = await addUser();
    const again = await addUser({ email: body.user.email.toUpperCase() });
    expect(again.res.statusCode).toBe(409);
    expect(again.body.error.message).toContain('Jeanne Dupré');
    const otherOrg = await addUser({ email: body.user.email }, otherAdmin);
    expect(otherOrg.res.statusCode).toBe(409);
    expect(otherOrg.body.error.message).not.toContain('Jeanne');
  });

  it('is for administrators only', async () => {
    expect((await addUser({}, member)).res.statusCode).toBe(403);
    expect((await t.request(member, { method: 'GET', url: '/api/users' })).statusCode).toBe(403);
  });

  it('writes every change to the audit log', async () => {
    const { body } = await addUser();
    await t.request(admin, { method: 'PATCH', url: `/api/users/${body.user.id}`, payload: { jobTitle: 'Head of sales' } });
    await t.request(admin, { method: 'POST', url: `/api/users/${body.user.id}/deactivate` });
    await t.request(admin, { method: 'POST', url: `/api/users/${body.user.id}/reactivate` });
    const audit = (await t.request(admin, { method: 'GET', url: '/api/audit?limit=50' })).json() as Json;
    const actions = (audit.items as Json[]).filter((e) => e.subjectId === body.user.id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.updated', 'user.deactivated', 'user.reactivated']));
  });
});

describe('listing and editing', () => {
  it('finds people by name without accents and by email, paged, with their status', async () => {
    const { body } = await addUser({ firstName: 'Éloïse', lastName: 'Marchand' });
    const found = (await t.request(admin, { method: 'GET', url: '/api/users?q=eloi' })).json() as Json;
    expect(found.items.map((u: Json) => u.id)).toContain(body.user.id);
    const invited = (await t.request(admin, { method: 'GET', url: '/api/users?status=invited&limit=1' })).json() as Json;
    expect(invited.items).toHaveLength(1);
    expect(invited.total).toBeGreaterThanOrEqual(1);
    const page2 = (await t.request(admin, { method: 'GET', url: '/api/users?limit=1&offset=1' })).json() as Json;
    const page1 = (await t.request(admin, { method: 'GET', url: '/api/users?limit=1&offset=0' })).json() as Json;
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
  });

  it('edits names, title and phones, which signatures then print', async () => {
    const res = await t.request(admin, { method: 'PATCH', url: `/api/users/${t.seed.member.id}`, payload: { jobTitle: 'Account manager', phone: '' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ jobTitle: 'Account manager', phone: null });
  });

  it('never demotes or deactivates the last active administrator', async () => {
    const demote = await t.request(admin, { method: 'PATCH', url: `/api/users/${t.seed.admin.id}`, payload: { role: 'member' } });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.message).toContain('last active administrator');
    const second = await addUser({ role: 'admin', temporaryPassword: true });
    // Another *active* admin now exists: the first can be demoted, not the second any more.
    const ok = await t.request(admin, { method: 'PATCH', url: `/api/users/${second.body.user.id}`, payload: { role: 'member' } });
    expect(ok.statusCode).toBe(200);
    const self = await t.request(admin, { method: 'POST', url: `/api/users/${t.seed.admin.id}/deactivate` });
    expect(self.statusCode).toBe(409);
  });

  it('a role change holds from the very next request of a session already in use', async () => {
    const list = () => t.request(member, { method: 'GET', url: '/api/users' });
    expect((await list()).statusCode).toBe(403);
    const promote = await t.request(admin, { method: 'PATCH', url: `/api/users/${t.seed.member.id}`, payload: { role: 'admin' } });
    expect(promote.statusCode).toBe(200);
    expect((await list()).statusCode).toBe(200);
    const demote = await t.request(admin, { method: 'PATCH', url: `/api/users/${t.seed.member.id}`, payload: { role: 'member' } });
    expect(demote.statusCode).toBe(200);
    expect((await list()).statusCode).toBe(403);
  });
});

describe('deactivation', () => {
  it('ends the sessions at once, refuses sign-in, keeps the grants uncounted, and reactivation brings them back', async () => {
    const { body } = await addUser({ temporaryPassword: true });
    const userId = body.user.id as string;
    const first = await signIn(body.user.email, body.temporaryPassword);
    const token = first.json().token as string;
    await t.request(token, { method: 'POST', url: '/api/me/password', payload: { currentPassword: body.temporaryPassword, newPassword: 'their password' } });

    const account = await createAccountAs(t, admin, { address: `team.${Date.now()}@acme.test` });
    await grantAccess(t, admin, account.id, userId);
    await grantAccess(t, admin, account.id, t.seed.member.id);
    const countOf = async () => ((await t.request(admin, { method: 'GET', url: `/api/email-accounts/${account.id}` })).json() as Json).userCount as number;
    const before = await countOf();

    const off = await t.request(admin, { method: 'POST', url: `/api/users/${userId}/deactivate` });
    expect(off.json()).toMatchObject({ active: false, status: 'deactivated' });
    expect((await t.request(token, { method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const refused = await signIn(body.user.email, 'their password');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toContain('deactivated');
    expect(await countOf()).toBe(before - 1);
    const listed = (await t.request(admin, { method: 'GET', url: '/api/users?status=deactivated' })).json() as Json;
    expect(listed.items.map((u: Json) => u.id)).toContain(userId);

    await t.request(admin, { method: 'POST', url: `/api/users/${userId}/reactivate` });
    const back = await signIn(body.user.email, 'their password');
    expect(back.statusCode).toBe(200);
    expect(await countOf()).toBe(before);
    const mine = (await t.request(back.json().token, { method: 'GET', url: '/api/me/accounts' })).json().items as Json[];
    expect(mine.map((a) => a.id)).toContain(account.id);
  });
});

describe('one’s own profile and password', () => {
  it('edits one’s own names, title and phones', async () => {
    const res = await t.request(member, { method: 'PATCH', url: '/api/me', payload: { jobTitle: 'Customer success', mobile: '+33 6 12 34 56 78' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ jobTitle: 'Customer success', mobile: '+33 6 12 34 56 78' });
    const role = await t.request(member, { method: 'PATCH', url: '/api/me', payload: { role: 'admin' } });
    expect(role.statusCode).toBe(400);
  });

  it('changes the password with the current one, and ends the other sessions only', async () => {
    const email = t.seed.member2.email;
    const a = (await signIn(email, TEST_PASSWORD)).json().token as string;
    const b = (await signIn(email, TEST_PASSWORD)).json().token as string;
    const wrong = await t.request(a, { method: 'POST', url: '/api/me/password', payload: { currentPassword: 'nope', newPassword: 'long enough' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.fields).toHaveProperty('currentPassword');
    const ok = await t.request(a, { method: 'POST', url: '/api/me/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'long enough' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.request(a, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    expect((await t.request(b, { method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    expect((await signIn(email, 'long enough')).statusCode).toBe(200);
  });
});
