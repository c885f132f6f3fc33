// @vitest-environment node
/**
 * The background's message handlers against WXT's fakeBrowser (storage, tabs) and a real HTTP
 * stub of the API. Messages go through the same dispatcher the worker registers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { createDispatcher } from '@/background/dispatch';
import { createHandlers } from '@/background/handlers';
import { createSession } from '@/background/session';
import type { Envelope, MessageName, Reply, RequestOf } from '@/messaging/protocol';
import { authItem, signedOutReasonItem } from '@/utils/storage';
import { tabStatesItem } from '@/background/tab-storage';
import { account, alice, meAlice } from './samples';
import { deadUrl, startStubApi, type StubApi } from './stub-api';

let stub: StubApi;
let dispatch: ReturnType<typeof createDispatcher>;

beforeEach(async () => {
  fakeBrowser.reset();
  stub = await startStubApi();
  const session = createSession({ retryDelayMs: 0, retryLimit: 1, timeoutMs: 2_000 });
  dispatch = createDispatcher(createHandlers(session), session.serverUrl);
});
afterEach(() => stub.close());

const noSender: Browser.runtime.MessageSender = {};
async function call<N extends MessageName>(name: N, req?: RequestOf<N>, sender = noSender): Promise<Reply<N>> {
  const reply = dispatch({ name, req } as Envelope<N>, sender);
  if (!reply) throw new Error('dispatcher ignored an envelope');
  return (await reply) as Reply<N>;
}
async function ok<N extends MessageName>(name: N, req?: RequestOf<N>, sender = noSender) {
  const reply = await call(name, req, sender);
  if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.res;
}

function serveLogin() {
  stub.route('POST /api/auth/login', ({ body }) =>
    (body as { password: string }).password === 'demo'
      ? { body: { token: 'tok-alice', expiresAt: '2026-12-27T00:00:00.000Z', user: alice } }
      : { status: 401, body: { error: { code: 'unauthorized', message: 'Wrong email or password.' } } },
  );
  stub.route('GET /api/me', ({ headers }) =>
    headers.authorization === 'Bearer tok-alice'
      ? { body: meAlice }
      : { status: 401, body: { error: { code: 'unauthorized', message: 'Sign in.' } } },
  );
}

async function signIn() {
  serveLogin();
  return ok('session.signIn', { serverUrl: `${stub.url}/`, email: 'alice@demo.test', password: 'demo' });
}

describe('session', () => {
  it('starts signed out on the default server', async () => {
    await expect(ok('session.get')).resolves.toEqual({ status: 'signed-out', serverUrl: 'http://localhost:8787' });
  });

  it('signs in, keeps the token in storage only, and answers who is signed in', async () => {
    const state = await signIn();
    expect(state).toEqual({ status: 'signed-in', serverUrl: stub.url, me: meAlice });
    expect(JSON.stringify(state)).not.toContain('tok-alice');
    expect(await authItem.getValue()).toMatchObject({ token: 'tok-alice', serverUrl: stub.url });
    await expect(ok('session.get')).resolves.toEqual(state);
  });

  it('wrong password: an unauthorized error, and still signed out', async () => {
    serveLogin();
    const reply = await call('session.signIn', { serverUrl: stub.url, email: 'alice@demo.test', password: 'nope' });
    expect(reply).toEqual({ ok: false, error: { code: 'unauthorized', status: 401, message: 'Wrong email or password.' } });
    expect(await authItem.getValue()).toBeNull();
  });

  it('a server that is down: a network error naming the server', async () => {
    const url = await deadUrl();
    const reply = await call('session.signIn', { serverUrl: url, email: 'alice@demo.test', password: 'demo' });
    expect(reply).toEqual({ ok: false, error: { code: 'network', message: `Cannot reach the Mailroom server at ${url}`, params: { url } } });
  });

  it('a malformed server URL is refused before any request', async () => {
    const reply = await call('session.signIn', { serverUrl: 'ftp://x', email: 'a@b.c', password: 'p' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('server_url');
    expect(stub.requests).toHaveLength(0);
  });

  it('a 401 on any call signs out with the "expired" reason and tells the caller', async () => {
    await signIn();
    stub.route('GET /api/me/accounts', () => ({ status: 401, body: { error: { code: 'unauthorized', message: 'Session expired.' } } }));
    const reply = await call('accounts.mine');
    expect(reply).toEqual({ ok: false, error: { code: 'signed_out', status: 401, message: 'Your session has expired, sign in again' } });
    expect(await authItem.getValue()).toBeNull();
    await expect(ok('session.get')).resolves.toEqual({ status: 'signed-out', serverUrl: stub.url, reason: 'expired' });
  });

  it('when the server goes away the last known user is still shown', async () => {
    await signIn();
    await stub.close();
    await expect(ok('session.get')).resolves.toMatchObject({ status: 'signed-in', me: meAlice });
    const reply = await call('accounts.mine');
    expect(reply.ok ? undefined : reply.error.code).toBe('network');
  });

  it('signs out locally and tells the server', async () => {
    await signIn();
    stub.route('POST /api/auth/logout', () => ({ status: 204 }));
    await expect(ok('session.signOut')).resolves.toEqual({ status: 'signed-out', serverUrl: stub.url });
    expect(await authItem.getValue()).toBeNull();
    expect(await signedOutReasonItem.getValue()).toBeNull();
    await expect.poll(() => stub.requests.some((r) => r.path === '/api/auth/logout')).toBe(true);
  });

  it('tells the webmail tabs when the session changes (their in-page control shows it)', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://mail.google.com/', active: true });
    await ok('tab.report', { provider: 'gmail' }, { tab: { ...tab, id: tab.id! } } as Browser.runtime.MessageSender);
    const toTab = vi.fn(async () => undefined);
    fakeBrowser.tabs.sendMessage = toTab as unknown as typeof fakeBrowser.tabs.sendMessage;
    await signIn();
    await vi.waitFor(() => expect(toTab).toHaveBeenCalledWith(tab.id, { broadcast: 'session.changed' }));
  });

  it('refuses API messages while signed out', async () => {
    const reply = await call('accounts.mine');
    expect(reply.ok ? undefined : reply.error.code).toBe('signed_out');
    expect(stub.requests).toHaveLength(0);
  });
});

describe('accounts', () => {
  it('switching the default patches my access and answers the fresh list', async () => {
    await signIn();
    let defaultId = 'a1';
    stub.route('GET /api/me/accounts', () => ({
      body: { items: [account('a1', 'sales@demo.test', defaultId === 'a1'), account('a2', 'support@demo.test', defaultId === 'a2')] },
    }));
    stub.route('PATCH /api/me/accounts/a2', ({ body }) => {
      expect(body).toEqual({ isDefault: true });
      defaultId = 'a2';
      return { body: account('a2', 'support@demo.test', true) };
    });
    const items = await ok('accounts.patchMine', { accountId: 'a2', patch: { isDefault: true } });
    expect(items.filter((a) => a.myAccess?.isDefault).map((a) => a.id)).toEqual(['a2']);
  });
});

/** Each pass-through message, the request it must make, and a valid answer for it. */
const signature = { id: 's1', accountId: 'a1', name: 'Main', html: '<p>Hi</p>', position: 1, warnings: [], createdAt: '2026-11-27T08:00:00.000Z', updatedAt: '2026-11-27T08:00:00.000Z' };
const record = { id: 'r1', kind: 'client', name: 'ACME', emails: ['a@acme.test'], phone: null, companyId: null, companyName: null, domains: [], createdAt: '2026-11-27T08:00:00.000Z' };
const access = { accountId: 'a1', user: { id: 'u-alice', email: 'alice@demo.test', fullName: 'Alice Martin' }, isDefault: false, defaultSignatureId: null, expiresAt: null, grantedAt: '2026-11-27T08:00:00.000Z' };
const filingState = { message: null, filings: [] };
const rendered = { id: 's1', html: '<p>Alice</p>', warnings: [] };
const passThroughs: [MessageName, unknown, string, unknown, unknown][] = [
  ['admin.accounts.list', undefined, 'GET /api/email-accounts', { items: [account('a1', 's@demo.test', false)] }, [account('a1', 's@demo.test', false)]],
  ['admin.accounts.create', { address: 's@demo.test', incoming: { protocol: 'imap', host: 'h', port: 993, security: 'tls', username: 'u', password: 'p' } }, 'POST /api/email-accounts', account('a1', 's@demo.test', false), account('a1', 's@demo.test', false)],
  ['admin.accounts.update', { id: 'a1', patch: { displayName: 'Sales' } }, 'PATCH /api/email-accounts/a1', account('a1', 's@demo.test', false), account('a1', 's@demo.test', false)],
  ['admin.accounts.delete', { id: 'a1' }, 'DELETE /api/email-accounts/a1', undefined, undefined],
  ['admin.access.list', { accountId: 'a1' }, 'GET /api/email-accounts/a1/access', { items: [access] }, [access]],
  ['admin.access.put', { accountId: 'a1', userId: 'u-alice', access: { isDefault: true } }, 'PUT /api/email-accounts/a1/access/u-alice', access, access],
  ['admin.access.delete', { accountId: 'a1', userId: 'u-alice' }, 'DELETE /api/email-accounts/a1/access/u-alice', undefined, undefined],
  ['admin.users.search', { q: 'ali' }, 'GET /api/users?q=ali', { items: [alice], total: 1 }, [alice]],
  ['signatures.list', { accountId: 'a1' }, 'GET /api/email-accounts/a1/signatures', { items: [signature] }, [signature]],
  ['signatures.create', { accountId: 'a1', signature: { name: 'Main', html: '<p>Hi</p>' } }, 'POST /api/email-accounts/a1/signatures', signature, signature],
  ['signatures.update', { id: 's1', patch: { name: 'Main' } }, 'PATCH /api/signatures/s1', signature, signature],
  ['signatures.delete', { id: 's1' }, 'DELETE /api/signatures/s1', undefined, undefined],
  ['signatures.rendered', { id: 's1' }, 'GET /api/signatures/s1/rendered', rendered, rendered],
  ['signatures.preview', { accountId: 'a1', html: '<p>{{user.firstName}}</p>' }, 'POST /api/signatures/preview', rendered, rendered],
  ['records.search', { q: 'acme', kind: 'client', limit: 5 }, 'GET /api/records?q=acme&kind=client&limit=5', { items: [record], total: 1, totalCapped: false, nextCursor: null }, { items: [record], total: 1, totalCapped: false, nextCursor: null }],
  ['records.suggest', { emails: ['a@acme.test', 'b@acme.test'] }, 'GET /api/records/suggest?email=a%40acme.test&email=b%40acme.test', { items: [{ record, reason: 'email', matched: 'a@acme.test' }] }, [{ record, reason: 'email', matched: 'a@acme.test' }]],
  ['records.create', { kind: 'client', name: 'ACME' }, 'POST /api/records', record, record],
  ['records.get', { id: 'r1' }, 'GET /api/records/r1', record, record],
  ['records.lookup', { email: 'a@acme.test', domain: 'acme.test' }, 'GET /api/records/lookup?email=a%40acme.test&domain=acme.test', { byEmail: [record], byDomain: [] }, { byEmail: [record], byDomain: [] }],
  ['records.messages', { id: 'r1', limit: 5 }, 'GET /api/records/r1/messages?limit=5', { items: [], total: 0 }, { items: [], total: 0 }],
  ['filings.get', { messageId: '<m1@acme.test>' }, 'GET /api/filings?messageId=%3Cm1%40acme.test%3E', filingState, filingState],
  ['filings.lookup', { messageIds: ['m1@acme.test', 'm2@acme.test'] }, 'GET /api/filings/lookup?messageId=m1%40acme.test&messageId=m2%40acme.test', { items: [{ messageId: 'm1@acme.test', ...filingState }, { messageId: 'm2@acme.test', ...filingState }] }, [{ messageId: 'm1@acme.test', ...filingState }, { messageId: 'm2@acme.test', ...filingState }]],
  ['filings.file', { accountId: 'a1', recordIds: ['r1'], message: { from: { address: 'a@acme.test' }, date: '2026-11-27T08:00:00.000Z' } }, 'POST /api/filings', filingState, filingState],
  ['filings.unfile', { filingId: 'f1' }, 'DELETE /api/filings/f1', undefined, undefined],
];

describe('API pass-throughs', () => {
  it.each(passThroughs)('%s → %s', async (name, req, route, answer, expected) => {
    await signIn();
    const [method, pathAndQuery] = route.split(' ') as [string, string];
    const path = pathAndQuery.split('?')[0]!;
    stub.route(`${method} ${path}`, () => (answer === undefined ? { status: 204 } : { body: answer }));
    const res = await ok(name, req as never);
    expect(res).toEqual(expected);
    const made = stub.requests.at(-1)!;
    const query = made.query.toString();
    expect(`${made.method} ${made.path}${query ? `?${query}` : ''}`).toBe(route);
    expect(made.headers.authorization).toBe('Bearer tok-alice');
    if (method === 'POST' || method === 'PATCH' || method === 'PUT') expect(made.body).toBeDefined();
  });
});

describe('tab state', () => {
  const gmailTab = (id: number, active = true) => ({ tab: { id, windowId: 1, active, index: 0, pinned: false, highlighted: false, incognito: false, discarded: false, autoDiscardable: true, groupId: -1, frozen: false, selected: active } }) as Browser.runtime.MessageSender;

  it('keeps what a webmail tab reports in session storage and answers it for the active tab', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://mail.google.com/mail/u/0/', active: true });
    await ok('tab.report', { provider: 'gmail', conversation: { subject: 'Quote', messages: [] } }, gmailTab(tab.id!));
    expect(await tabStatesItem.getValue()).toEqual({ [String(tab.id)]: { tabId: tab.id, provider: 'gmail', conversation: { subject: 'Quote', messages: [] } } });
    await expect(ok('tab.active')).resolves.toMatchObject({ tabId: tab.id, conversation: { subject: 'Quote' } });
  });

  it('falls back to the last webmail tab when the active tab is not one (panel open as a tab)', async () => {
    const gmail = await fakeBrowser.tabs.create({ url: 'https://mail.google.com/', active: true });
    await ok('tab.report', { provider: 'gmail' }, gmailTab(gmail.id!));
    await fakeBrowser.tabs.create({ url: 'chrome-extension://x/sidepanel.html', active: true });
    await expect(ok('tab.active')).resolves.toEqual({ tabId: gmail.id, provider: 'gmail' });
  });

  it('refuses a report that does not come from a tab', async () => {
    const reply = await call('tab.report', { provider: 'gmail' });
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'tab.report is for content scripts only.' } });
  });

  it('answers nothing when no webmail tab reported', async () => {
    await fakeBrowser.tabs.create({ url: 'https://example.com/', active: true });
    await expect(ok('tab.active')).resolves.toBeUndefined();
  });
});

describe('dispatcher', () => {
  it('ignores messages that are not protocol envelopes (broadcasts)', () => {
    expect(dispatch({ broadcast: 'tab.changed' }, noSender)).toBeUndefined();
    expect(dispatch('hello', noSender)).toBeUndefined();
  });

  it('answers an unknown message name with an error instead of hanging', async () => {
    const reply = await dispatch({ name: 'nope', req: undefined }, noSender);
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'Unknown message "nope".' } });
  });
});
