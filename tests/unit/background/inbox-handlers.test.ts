// @vitest-environment node
/**
 * The inbox messages through the background's real dispatcher and API client, against an HTTP
 * stub of the API: the paths, query and bodies sent, answers checked by the contract, and
 * `inbox.changed` told to the pages after a change (not after a read).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDispatcher } from '@/background/dispatch';
import { createHandlers } from '@/background/handlers';
import { createSession } from '@/background/session';
import type { InboxMessage } from '@/contract';
import type { Envelope, MessageName, Reply, RequestOf, ResponseOf } from '@/messaging/protocol';
import { alice, meAlice } from './samples';
import { startStubApi, type StubApi } from './stub-api';

let stub: StubApi;
let dispatch: ReturnType<typeof createDispatcher>;

beforeEach(async () => {
  fakeBrowser.reset();
  stub = await startStubApi();
  const session = createSession({ retryDelayMs: 0, retryLimit: 1, timeoutMs: 2_000 });
  dispatch = createDispatcher(createHandlers(session), session.serverUrl);
  stub.route('POST /api/auth/login', () => ({ body: { token: 'tok-alice', expiresAt: '2026-12-27T00:00:00.000Z', user: alice } }));
  stub.route('GET /api/me', () => ({ body: meAlice }));
  await ok('session.signIn', { serverUrl: `${stub.url}/`, email: 'alice@demo.test', password: 'demo' });
});
afterEach(() => stub.close());

async function ok<N extends MessageName>(name: N, req: RequestOf<N>): Promise<ResponseOf<N>> {
  const reply = (await dispatch({ name, req } as Envelope<N>, {})) as Reply<N> | undefined;
  if (!reply || !reply.ok) throw new Error(`${name} failed: ${JSON.stringify(reply)}`);
  return reply.res;
}

const message: InboxMessage = {
  id: 'm 1',
  key: 'm1@client.test',
  messageId: 'm1@client.test',
  threadId: null,
  subject: 'Quote',
  from: { address: 'claire@client.test' },
  to: [],
  cc: [],
  date: '2026-12-01T09:00:00.000Z',
  receivedAt: '2026-12-01T09:00:05.000Z',
  folder: 'INBOX',
  snippet: '',
  filings: [],
  assignee: { id: 'u-bob', fullName: 'Bob' },
  assignedBy: { id: alice.id, fullName: alice.fullName },
  assignedAt: '2026-12-01T10:00:00.000Z',
  handledBy: null,
  handledAt: null,
  history: [],
};

describe('inbox handlers', () => {
  it('lists with the filter’s query and tells nobody', async () => {
    stub.route('GET /api/email-accounts/a1/inbox', () => ({ body: { items: [message], nextCursor: 'c2' } }));
    const told = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const page = await ok('inbox.list', { accountId: 'a1', query: { state: 'assigned', assignee: 'me', limit: 25, cursor: 'c1' } });
    expect(page.nextCursor).toBe('c2');
    expect(Object.fromEntries(stub.requests.at(-1)!.query)).toEqual({ state: 'assigned', assignee: 'me', limit: '25', cursor: 'c1' });
    expect(told).not.toHaveBeenCalledWith({ broadcast: 'inbox.changed' });
  });

  it('assigns, marks handled and reopens, then tells the pages', async () => {
    stub.route('POST /api/email-accounts/a1/inbox/m%201/assign', () => ({ body: message }));
    stub.route('POST /api/email-accounts/a1/inbox/m%201/handled', () => ({ body: { ...message, handledAt: '2026-12-01T11:00:00.000Z', handledBy: message.assignedBy } }));
    stub.route('DELETE /api/email-accounts/a1/inbox/m%201/handled', () => ({ body: message }));
    const told = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    await expect(ok('inbox.assign', { accountId: 'a1', messageId: 'm 1', userId: 'u-bob' })).resolves.toEqual(message);
    expect(stub.requests.at(-1)!.body).toEqual({ userId: 'u-bob' });
    await ok('inbox.setHandled', { accountId: 'a1', messageId: 'm 1', handled: true });
    await ok('inbox.setHandled', { accountId: 'a1', messageId: 'm 1', handled: false });
    expect(stub.requests.slice(-3).map((r) => r.method)).toEqual(['POST', 'POST', 'DELETE']);
    expect(told.mock.calls.filter(([m]) => (m as { broadcast?: string }).broadcast === 'inbox.changed')).toHaveLength(3);
  });

  it('reads the account’s people', async () => {
    stub.route('GET /api/email-accounts/a1/inbox/assignees', () => ({ body: { items: [{ id: 'u-bob', fullName: 'Bob', email: 'bob@demo.test' }] } }));
    await expect(ok('inbox.assignees', { accountId: 'a1' })).resolves.toEqual([{ id: 'u-bob', fullName: 'Bob', email: 'bob@demo.test' }]);
  });
});
