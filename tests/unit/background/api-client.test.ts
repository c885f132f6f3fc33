// @vitest-environment node
// The service worker has no DOM; Node's fetch and a real HTTP server stand in for the browser's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '@/api/client';
import { ApiError } from '@/api/errors';
import { mailroomApi } from '@/api/mailroom';
import { deadUrl, startStubApi, type StubApi } from './stub-api';
import { account, meAlice } from './samples';

let stub: StubApi;
beforeEach(async () => {
  stub = await startStubApi();
});
afterEach(() => stub.close());

function client(over: Partial<Parameters<typeof createApiClient>[0]> = {}) {
  const onUnauthorized = vi.fn(async () => undefined);
  const c = createApiClient({
    serverUrl: stub.url,
    getToken: async () => 'tok-1',
    onUnauthorized,
    retryDelayMs: 0,
    timeoutMs: 2_000,
    ...over,
  });
  return { api: mailroomApi(c), onUnauthorized };
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe('API client', () => {
  it('adds the bearer token and parses the answer with the contract schema', async () => {
    stub.route('GET /api/me', () => ({ body: meAlice }));
    const { api } = client();
    await expect(api.me()).resolves.toEqual(meAlice);
    expect(stub.requests[0]!.headers.authorization).toBe('Bearer tok-1');
  });

  it('sends no token with the login call', async () => {
    stub.route('POST /api/auth/login', () => ({ body: { token: 't', expiresAt: '2026-12-01T00:00:00.000Z', user: meAlice.user } }));
    const { api } = client();
    await api.login({ email: 'alice@demo.test', password: 'demo' });
    expect(stub.requests[0]!.headers.authorization).toBeUndefined();
    expect(stub.requests[0]!.body).toEqual({ email: 'alice@demo.test', password: 'demo' });
  });

  it('retries an idempotent GET on a 5xx, then succeeds', async () => {
    let calls = 0;
    stub.route('GET /api/me/accounts', () => (++calls < 3 ? { status: 503, body: { error: { code: 'internal', message: 'busy' } } } : { body: { items: [account('a1', 'sales@demo.test', true)] } }));
    const { api } = client();
    const items = await api.myAccounts();
    expect(items.map((a) => a.id)).toEqual(['a1']);
    expect(calls).toBe(3);
  });

  it('does not retry a POST on a 5xx (it may have been applied)', async () => {
    stub.route('POST /api/records', () => ({ status: 502, body: 'bad gateway' }));
    const { api } = client();
    const e = await rejection(api.createRecord({ kind: 'client', name: 'ACME' }));
    expect(e.error).toMatchObject({ code: 'server_failed', status: 502, params: { status: 502 } });
    expect(stub.requests).toHaveLength(1);
  });

  it('passes on the reference of a 500 the API logged, for support', async () => {
    const message = 'Something went wrong on our side (reference req-1a2b).';
    stub.route('POST /api/records', () => ({ status: 500, body: { error: { code: 'internal', message } } }));
    const e = await rejection(client().api.createRecord({ kind: 'client', name: 'ACME' }));
    expect(e.error).toEqual({ code: 'internal', status: 500, message, params: { reference: 'req-1a2b' } });
  });

  it('retries a GET when the connection drops, and reports the server as unreachable at the end', async () => {
    stub.route('GET /api/me', () => ({ destroy: true }));
    const { api } = client({ retryLimit: 2 });
    const e = await rejection(api.me());
    expect(e.error).toEqual({ code: 'network', message: `Cannot reach the Mailroom server at ${stub.url}`, params: { url: stub.url } });
    expect(stub.requests).toHaveLength(3);
  });

  it('reports a server that is down with its URL', async () => {
    const url = await deadUrl();
    const { api } = client({ serverUrl: url, retryLimit: 0 });
    const e = await rejection(api.me());
    expect(e.error).toEqual({ code: 'network', message: `Cannot reach the Mailroom server at ${url}`, params: { url } });
  });

  it('passes the API error code, message and field errors through', async () => {
    const body = { error: { code: 'validation_failed', message: 'Check the form.', fields: { 'incoming.port': 'A port is between 1 and 65535.' } } };
    stub.route('POST /api/email-accounts', () => ({ status: 400, body }));
    const { api } = client();
    const e = await rejection(
      api.createAccount({
        address: 'x@demo.test',
        incoming: { protocol: 'imap', host: 'imap.demo.test', port: 0, security: 'tls', username: 'x', password: 'p' },
      }),
    );
    expect(e.error).toEqual({ ...body.error, status: 400 });
  });

  it('on 401 for an authenticated call signs out and says the session expired', async () => {
    stub.route('GET /api/me', () => ({ status: 401, body: { error: { code: 'unauthorized', message: 'Session expired.' } } }));
    const { api, onUnauthorized } = client();
    const e = await rejection(api.me());
    expect(onUnauthorized).toHaveBeenCalledOnce();
    expect(e.error).toEqual({ code: 'signed_out', status: 401, message: 'Your session has expired, sign in again' });
  });

  it('on 401 for the login call reports wrong credentials without signing out', async () => {
    stub.route('POST /api/auth/login', () => ({ status: 401, body: { error: { code: 'unauthorized', message: 'Wrong email or password.' } } }));
    const { api, onUnauthorized } = client();
    const e = await rejection(api.login({ email: 'alice@demo.test', password: 'nope' }));
    expect(e.error).toMatchObject({ code: 'unauthorized', message: 'Wrong email or password.' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('rejects an answer that does not match the contract', async () => {
    stub.route('GET /api/me', () => ({ body: { user: { id: 1 } } }));
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { api } = client();
    const e = await rejection(api.me());
    expect(e.error.code).toBe('bad_response');
    expect(e.error.message).toMatch(/does not understand/);
    expect(spy).toHaveBeenCalled();
  });

  it('recognises a web server that is not Mailroom', async () => {
    const { api } = client();
    // The stub's unknown route is a 404 in our error shape; a bare 404 page is not.
    stub.route('GET /api/me', () => ({ status: 404, body: '<html>Not found</html>' }));
    const e = await rejection(api.me());
    expect(e.error).toMatchObject({ code: 'server_url', status: 404 });
  });

  it('times out a call that never answers as unreachable', async () => {
    stub.route('GET /api/me', () => new Promise(() => undefined));
    const { api } = client({ timeoutMs: 100, retryLimit: 0 });
    const e = await rejection(api.me());
    expect(e.code).toBe('network');
  });
});
