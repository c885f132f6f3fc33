import { describe, expect, it, vi } from 'vitest';
import { useAccountsStore } from '@/stores/accounts';
import { useSessionStore } from '@/stores/session';
import { account, meAlice } from '../background/samples';
import { sendMock, sent } from './mock-send';
import { resetBeforeEach } from './reset';

vi.mock('@/messaging/client', (original) => import('./mock-send').then((m) => m.mockedClient(original)));

resetBeforeEach();

const twoAccounts = () => [account('a1', 'sales@demo.test', true), account('a2', 'support@demo.test', false)];
const defaults = (s: ReturnType<typeof useAccountsStore>) => s.items.filter((a) => a.myAccess?.isDefault).map((a) => a.id);

describe('accounts store', () => {
  it('loads the accounts and knows the default', async () => {
    sendMock.on('accounts.mine', () => twoAccounts());
    const store = useAccountsStore();
    await store.load();
    expect(store.loaded).toBe(true);
    expect(store.defaultAccount?.id).toBe('a1');
  });

  it('makes one request for loads asked at the same time (a prefetch and the first need), another later', async () => {
    sendMock.on('accounts.mine', () => twoAccounts());
    const store = useAccountsStore();
    await Promise.all([store.load(), store.load()]);
    expect(sent.filter((s) => s.name === 'accounts.mine')).toHaveLength(1);
    await store.load();
    expect(sent.filter((s) => s.name === 'accounts.mine')).toHaveLength(2);
  });

  it('serves the list it has to callers within the max age, and reads it again after', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      sendMock.on('accounts.mine', () => [...twoAccounts(), { ...account('a3', 'old@demo.test', false), active: false }]);
      const store = useAccountsStore();
      const first = await store.ensure(60_000);
      expect(first.map((a) => a.id)).toEqual(['a1', 'a2']); // usable only: the inactive one is left out
      vi.setSystemTime(Date.now() + 30_000);
      await store.ensure(60_000);
      expect(sent.filter((s) => s.name === 'accounts.mine')).toHaveLength(1);
      vi.setSystemTime(Date.now() + 31_000);
      await store.ensure(60_000);
      expect(sent.filter((s) => s.name === 'accounts.mine')).toHaveLength(2);
      expect(store.generation).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects ensure() when the load fails, and keeps the message for the pages', async () => {
    sendMock.fail('accounts.mine', { code: 'network', message: 'offline' });
    const store = useAccountsStore();
    await expect(store.ensure()).rejects.toMatchObject({ error: { code: 'network' } });
    expect(store.errorCode).toBe('network');
    expect(store.loaded).toBe(false);
  });

  it('switches the default at once and keeps what the API answers', async () => {
    let resolvePatch!: (v: ReturnType<typeof twoAccounts>) => void;
    sendMock.on('accounts.mine', () => twoAccounts());
    sendMock.on('accounts.patchMine', () => new Promise((r) => (resolvePatch = r)));
    const store = useAccountsStore();
    await store.load();
    const switching = store.setDefault('a2');
    expect(defaults(store)).toEqual(['a2']); // optimistic
    const fromApi = twoAccounts().map((a) => ({ ...a, myAccess: { ...a.myAccess!, isDefault: a.id === 'a2' } }));
    resolvePatch(fromApi);
    await switching;
    expect(defaults(store)).toEqual(['a2']);
    expect(sent.at(-1)).toEqual({ name: 'accounts.patchMine', req: { accountId: 'a2', patch: { isDefault: true } } });
  });

  it('rolls the default back and shows a message when the API refuses', async () => {
    sendMock.on('accounts.mine', () => twoAccounts());
    sendMock.fail('accounts.patchMine', { code: 'not_found', status: 404, message: 'You no longer have access to this account.' });
    const store = useAccountsStore();
    await store.load();
    await store.setDefault('a2');
    expect(defaults(store)).toEqual(['a1']);
    expect(store.error).toBe('You no longer have access to this account.');
  });

  it('a lost server shows "cannot reach" with the session\'s server', async () => {
    sendMock.on('session.get', () => ({ status: 'signed-in', serverUrl: 'http://127.0.0.1:9', me: meAlice }));
    await useSessionStore().load();
    sendMock.fail('accounts.mine', { code: 'network', message: 'Cannot reach the Mailroom server at http://127.0.0.1:9', params: { url: 'http://127.0.0.1:9' } });
    const store = useAccountsStore();
    await store.load();
    expect(store.errorCode).toBe('network');
    expect(store.error).toBe('Cannot reach the Mailroom server at http://127.0.0.1:9.');
  });

  it('an expired session makes the session store read the session again', async () => {
    sendMock.fail('accounts.mine', { code: 'signed_out', status: 401, message: 'Your session has expired, sign in again' });
    sendMock.on('session.get', () => ({ status: 'signed-out', serverUrl: 'http://localhost:8787', reason: 'expired' }));
    const store = useAccountsStore();
    await store.load();
    expect(store.error).toBe('Your session has expired: sign in again.');
    await vi.waitFor(() => expect(useSessionStore().expired).toBe(true));
  });

  it('does nothing when the account is already the default', async () => {
    sendMock.on('accounts.mine', () => twoAccounts());
    const store = useAccountsStore();
    await store.load();
    await store.setDefault('a1');
    expect(sent.map((s) => s.name)).toEqual(['accounts.mine']);
  });
});
