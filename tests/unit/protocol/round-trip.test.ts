// @vitest-environment node
/**
 * `send()` from a page to the real background dispatcher over WXT's fakeBrowser messaging: typed
 * answers come back, API errors arrive as `ProtocolRequestError` with code and message.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDispatcher } from '@/background/dispatch';
import { createHandlers } from '@/background/handlers';
import { createSession } from '@/background/session';
import { ProtocolRequestError, send } from '@/messaging/client';
import { onBroadcast } from '@/composables/useBroadcast';
import { account, alice, meAlice } from '../background/samples';
import { startStubApi, type StubApi } from '../background/stub-api';

let stub: StubApi;
beforeEach(async () => {
  fakeBrowser.reset();
  stub = await startStubApi();
  const session = createSession({ retryDelayMs: 0, retryLimit: 0 });
  // The worker registers the same listener on the real `browser` (whose types it matches).
  const listener = createDispatcher(createHandlers(session), session.serverUrl);
  fakeBrowser.runtime.onMessage.addListener(listener as Parameters<typeof fakeBrowser.runtime.onMessage.addListener>[0]);
  stub.route('POST /api/auth/login', () => ({ body: { token: 'tok', expiresAt: '2026-12-27T00:00:00.000Z', user: alice } }));
  stub.route('GET /api/me', () => ({ body: meAlice }));
});
afterEach(() => stub.close());

describe('protocol round trip', () => {
  it('signs in and lists accounts through send()', async () => {
    stub.route('GET /api/me/accounts', () => ({ body: { items: [account('a1', 'sales@demo.test', true)] } }));
    const state = await send('session.signIn', { serverUrl: stub.url, email: 'alice@demo.test', password: 'demo' });
    expect(state.status).toBe('signed-in');
    const accounts = await send('accounts.mine');
    expect(accounts.map((a) => a.address)).toEqual(['sales@demo.test']);
  });

  it('rejects with the API error as a ProtocolRequestError', async () => {
    await send('session.signIn', { serverUrl: stub.url, email: 'alice@demo.test', password: 'demo' });
    stub.route('POST /api/records', () => ({ status: 400, body: { error: { code: 'validation_failed', message: 'Enter a name.', fields: { name: 'Enter a name.' } } } }));
    const e = await send('records.create', { kind: 'client', name: ' ' }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ProtocolRequestError);
    expect((e as ProtocolRequestError).error).toEqual({ code: 'validation_failed', status: 400, message: 'Enter a name.', fields: { name: 'Enter a name.' } });
  });

  it('a page following broadcasts hears sign-in, and its listener never answers a request', async () => {
    let heard = 0;
    onBroadcast('session.changed', () => heard++);
    await send('session.signIn', { serverUrl: stub.url, email: 'alice@demo.test', password: 'demo' });
    expect(heard).toBe(1);
    // The page's listener is registered too, yet the background's answer is the one received.
    await expect(send('session.get')).resolves.toMatchObject({ status: 'signed-in' });
  });
});
