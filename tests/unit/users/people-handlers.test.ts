// @vitest-environment node
/**
 * The background's People messages against WXT's fakeBrowser and a real HTTP stub of the API:
 * the admin's user calls, redeeming an invitation (no session), the one-time-password state, and
 * the `profile.changed` broadcast that makes renderings of signatures stale.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { createDispatcher } from '@/background/dispatch';
import { createHandlers } from '@/background/handlers';
import { createSession } from '@/background/session';
import type { Envelope, MessageName, Reply, RequestOf } from '@/messaging/protocol';
import { authItem } from '@/utils/storage';
import { alice, meAdmin, meAlice, admin } from '../background/samples';
import { startStubApi, type StubApi } from '../background/stub-api';

let stub: StubApi;
let dispatch: ReturnType<typeof createDispatcher>;
let broadcasts: unknown[];

beforeEach(async () => {
  fakeBrowser.reset();
  broadcasts = [];
  fakeBrowser.runtime.sendMessage = vi.fn(async (m: unknown) => {
    broadcasts.push(m);
    return undefined;
  }) as unknown as typeof fakeBrowser.runtime.sendMessage;
  stub = await startStubApi();
  const session = createSession({ retryDelayMs: 0, retryLimit: 0, timeoutMs: 2_000 });
  dispatch = createDispatcher(createHandlers(session), session.serverUrl);
});
afterEach(() => stub.close());

const noSender: Browser.runtime.MessageSender = {};
async function call<N extends MessageName>(name: N, req?: RequestOf<N>, sender = noSender): Promise<Reply<N>> {
  return (await dispatch({ name, req } as Envelope<N>, sender)) as Reply<N>;
}
async function ok<N extends MessageName>(name: N, req?: RequestOf<N>, sender = noSender) {
  const reply = await call(name, req, sender);
  if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.res;
}

const adminUser = (over: Record<string, unknown> = {}) => ({
  ...alice,
  active: true,
  status: 'active',
  mustChangePassword: false,
  lastSignInAt: null,
  createdAt: '2026-11-27T08:00:00.000Z',
  accounts: [{ id: 'a1', address: 'sales@demo.test' }],
  ...over,
});

function serveMe(token: string, me = meAdmin) {
  stub.route('GET /api/me', ({ headers }) =>
    headers.authorization === `Bearer ${token}` ? { body: me } : { status: 401, body: { error: { code: 'unauthorized', message: 'Sign in.' } } },
  );
}

async function signInAs(me = meAdmin, mustChangePassword = false) {
  stub.route('POST /api/auth/login', () => ({ body: { token: 'tok', expiresAt: '2026-12-27T00:00:00.000Z', user: me.user, mustChangePassword } }));
  serveMe('tok', me);
  return ok('session.signIn', { serverUrl: stub.url, email: me.user.email, password: 'pw' });
}

const last = () => {
  const r = stub.requests.at(-1)!;
  const q = r.query.toString();
  return `${r.method} ${r.path}${q ? `?${q}` : ''}`;
};

describe('admin user messages', () => {
  it.each([
    ['admin.users.list', { q: 'mia', status: 'invited', limit: 50, offset: 0 }, 'GET /api/users', 'GET /api/users?q=mia&status=invited&limit=50&offset=0', { items: [adminUser()], total: 1 }],
    ['admin.users.create', { email: 'j@demo.test', firstName: 'J', lastName: '', role: 'member' }, 'POST /api/users', 'POST /api/users', { user: adminUser({ status: 'invited' }), invitation: { token: 'inv', expiresAt: '2026-12-09T00:00:00.000Z' } }],
    ['admin.users.update', { id: 'u-alice', patch: { jobTitle: 'Sales' } }, 'PATCH /api/users/u-alice', 'PATCH /api/users/u-alice', adminUser({ jobTitle: 'Sales' })],
    ['admin.users.setActive', { id: 'u-alice', active: false }, 'POST /api/users/u-alice/deactivate', 'POST /api/users/u-alice/deactivate', adminUser({ active: false, status: 'deactivated' })],
    ['admin.users.setActive', { id: 'u-alice', active: true }, 'POST /api/users/u-alice/reactivate', 'POST /api/users/u-alice/reactivate', adminUser()],
    ['admin.users.reissue', { id: 'u-alice', temporaryPassword: true }, 'POST /api/users/u-alice/invitation', 'POST /api/users/u-alice/invitation', { user: adminUser(), temporaryPassword: 'abcd-efgh-jkmn-pqrs' }],
  ] as const)('%s → %s', async (name, req, route, made, answer) => {
    await signInAs();
    stub.route(route, () => ({ body: answer }));
    await expect(ok(name, req as never)).resolves.toEqual(answer);
    expect(last()).toBe(made);
    expect(stub.requests.at(-1)!.headers.authorization).toBe('Bearer tok');
  });

  it('asks for a new one-time password with its flag in the body', async () => {
    await signInAs();
    stub.route('POST /api/users/u-alice/invitation', () => ({ body: { user: adminUser(), invitation: { token: 'x', expiresAt: '2026-12-09T00:00:00.000Z' } } }));
    await ok('admin.users.reissue', { id: 'u-alice', temporaryPassword: false });
    expect(stub.requests.at(-1)!.body).toEqual({ temporaryPassword: false });
  });

  it('a refusal keeps the API’s sentence (last administrator)', async () => {
    await signInAs();
    const message = 'Ada Admin is the organisation’s last active administrator and cannot be deactivated.';
    stub.route('POST /api/users/u-admin/deactivate', () => ({ status: 409, body: { error: { code: 'conflict', message } } }));
    await expect(call('admin.users.setActive', { id: 'u-admin', active: false })).resolves.toEqual({ ok: false, error: { code: 'conflict', status: 409, message } });
  });

  it('editing one’s own user tells the pages the profile changed; editing someone else does not', async () => {
    await signInAs();
    stub.route('PATCH /api/users/u-alice', () => ({ body: adminUser() }));
    stub.route('PATCH /api/users/u-admin', () => ({ body: adminUser({ ...admin }) }));
    broadcasts.length = 0;
    await ok('admin.users.update', { id: 'u-alice', patch: { jobTitle: 'x' } });
    expect(broadcasts).not.toContainEqual({ broadcast: 'profile.changed' });
    await ok('admin.users.update', { id: 'u-admin', patch: { jobTitle: 'x' } });
    expect(broadcasts).toContainEqual({ broadcast: 'profile.changed' });
  });
});

describe('invitations', () => {
  it('inspects a code with no session and no token', async () => {
    const info = { email: 'j@demo.test', firstName: 'Jeanne', lastName: 'Dupré', orgName: 'Demo SARL', expiresAt: '2026-12-09T00:00:00.000Z' };
    stub.route('POST /api/invitations/inspect', () => ({ body: info }));
    await expect(ok('invitations.inspect', { serverUrl: `${stub.url}/`, token: 'inv' })).resolves.toEqual(info);
    expect(stub.requests.at(-1)!.body).toEqual({ token: 'inv' });
    expect(stub.requests.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('answers a used code with invitation_invalid and its status, and stays signed out', async () => {
    const message = 'This invitation has already been used. Sign in with your email and password.';
    stub.route('POST /api/invitations/accept', () => ({ status: 410, body: { error: { code: 'invitation_invalid', message } } }));
    await expect(call('invitations.accept', { serverUrl: stub.url, token: 'inv', password: 'long enough' })).resolves.toEqual({
      ok: false,
      error: { code: 'invitation_invalid', status: 410, message },
    });
    expect(await authItem.getValue()).toBeNull();
  });

  it('redeems a code: signed in on that server, and the pages are told', async () => {
    stub.route('POST /api/invitations/accept', () => ({ body: { token: 'tok-new', expiresAt: '2026-12-27T00:00:00.000Z', user: alice, mustChangePassword: false } }));
    serveMe('tok-new', meAlice);
    const state = await ok('invitations.accept', { serverUrl: stub.url, token: 'inv', password: 'long enough' });
    expect(state).toEqual({ status: 'signed-in', serverUrl: stub.url, me: meAlice });
    expect(await authItem.getValue()).toMatchObject({ token: 'tok-new', serverUrl: stub.url });
    expect(broadcasts).toContainEqual({ broadcast: 'session.changed' });
  });
});

describe('one-time passwords', () => {
  it('a sign-in that must change its password says so, until the password is changed', async () => {
    const state = await signInAs(meAlice, true);
    expect(state).toMatchObject({ status: 'signed-in', mustChangePassword: true });
    await expect(ok('session.get')).resolves.toMatchObject({ mustChangePassword: true });
    stub.route('POST /api/me/password', () => ({ status: 204 }));
    const after = await ok('me.changePassword', { currentPassword: 'abcd-efgh-jkmn-pqrs', newPassword: 'my own password' });
    expect(after).toEqual({ status: 'signed-in', serverUrl: stub.url, me: meAlice });
    expect(stub.requests.find((r) => r.path === '/api/me/password')!.body).toEqual({ currentPassword: 'abcd-efgh-jkmn-pqrs', newPassword: 'my own password' });
    expect((await authItem.getValue())?.mustChangePassword).toBeUndefined();
  });

  it('a 403 password_change_required on any call puts the session in that state', async () => {
    await signInAs(meAlice);
    stub.route('GET /api/me/accounts', () => ({ status: 403, body: { error: { code: 'password_change_required', message: 'Choose a new password first.' } } }));
    const reply = await call('accounts.mine');
    expect(reply.ok ? undefined : reply.error.code).toBe('password_change_required');
    await expect(ok('session.get')).resolves.toMatchObject({ mustChangePassword: true });
    expect(broadcasts).toContainEqual({ broadcast: 'session.changed' });
  });

  it('a wrong current password is a field error, and the state stays', async () => {
    await signInAs(meAlice, true);
    stub.route('POST /api/me/password', () => ({
      status: 422,
      body: { error: { code: 'validation_failed', message: 'Invalid.', fields: { currentPassword: 'Your current password is not right.' } } },
    }));
    const reply = await call('me.changePassword', { currentPassword: 'nope', newPassword: 'my own password' });
    expect(reply.ok ? undefined : reply.error.fields).toEqual({ currentPassword: 'Your current password is not right.' });
    expect((await authItem.getValue())?.mustChangePassword).toBe(true);
  });
});

describe('own profile', () => {
  it('saves with PATCH /api/me, keeps the new user, and tells pages and webmail tabs', async () => {
    await signInAs(meAlice);
    const tab = await fakeBrowser.tabs.create({ url: 'https://mail.google.com/', active: true });
    await ok('tab.report', { provider: 'gmail' }, { tab: { ...tab, id: tab.id! } } as Browser.runtime.MessageSender);
    const toTab = vi.fn(async () => undefined);
    fakeBrowser.tabs.sendMessage = toTab as unknown as typeof fakeBrowser.tabs.sendMessage;
    const updated = { ...alice, jobTitle: 'Head of Sales' };
    stub.route('PATCH /api/me', () => ({ body: updated }));
    const state = await ok('me.update', { jobTitle: 'Head of Sales' });
    expect(state).toEqual({ status: 'signed-in', serverUrl: stub.url, me: { ...meAlice, user: updated } });
    expect(stub.requests.at(-1)!.body).toEqual({ jobTitle: 'Head of Sales' });
    expect((await authItem.getValue())?.me?.user.jobTitle).toBe('Head of Sales');
    expect(broadcasts).toContainEqual({ broadcast: 'profile.changed' });
    await vi.waitFor(() => expect(toTab).toHaveBeenCalledWith(tab.id, { broadcast: 'profile.changed' }));
  });
});
