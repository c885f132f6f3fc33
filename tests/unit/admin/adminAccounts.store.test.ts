import { createTestingPinia } from '@pinia/testing';
import { setActivePinia } from 'pinia';
import { useAdminAccountsStore } from '@/stores/adminAccounts';
import { apiError, callsOf, makeAccount, on, resetApi, sessionWithQuota } from './mockApi';

vi.mock('@/messaging/client', () => import('./mockApi'));

beforeEach(() => {
  resetApi();
  setActivePinia(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
});

describe('adminAccounts store', () => {
  it('loads the list with the quota and counts active accounts from the list', async () => {
    on('admin.accounts.list', () => [makeAccount(), makeAccount({ active: false }), makeAccount()]);
    on('session.get', () => sessionWithQuota(3, 99));
    const store = useAdminAccountsStore();
    await store.load();
    expect(store.status).toBe('ready');
    expect(store.quota).toBe(3);
    // Recomputed from the list, not taken from the (possibly stale) session figure.
    expect(store.activeCount).toBe(2);
    expect(store.atQuota).toBe(false);
  });

  it('reaches the quota after a create, and frees it after a deactivation', async () => {
    const a = makeAccount();
    const b = makeAccount();
    on('admin.accounts.list', () => [a, b]);
    on('session.get', () => sessionWithQuota(3));
    const store = useAdminAccountsStore();
    await store.load();
    const c = makeAccount();
    on('admin.accounts.create', () => c);
    await store.create({ address: c.address, incoming: { protocol: 'imap', host: 'h', port: 993, security: 'tls', username: 'u', password: 'p' } });
    expect(store.atQuota).toBe(true);
    on('admin.accounts.update', ({ id, patch }) => ({ ...[a, b, c].find((x) => x.id === id)!, ...patch }) as typeof a);
    expect(await store.setActive(b.id, false)).toBe(true);
    expect(store.atQuota).toBe(false);
    expect(callsOf('admin.accounts.update')).toEqual([{ id: b.id, patch: { active: false } }]);
  });

  it('rolls the toggle back and reports when the API refuses', async () => {
    const a = makeAccount({ active: false });
    on('admin.accounts.list', () => [a]);
    on('session.get', () => sessionWithQuota(0));
    const store = useAdminAccountsStore();
    await store.load();
    on('admin.accounts.update', () => {
      throw apiError('quota_exceeded', 'The plan allows 0 active accounts.', { status: 409 });
    });
    const pending = store.setActive(a.id, true);
    // Optimistic: flipped before the answer.
    expect(store.accounts[0]!.active).toBe(true);
    expect(await pending).toBe(false);
    expect(store.accounts[0]!.active).toBe(false);
    expect(store.unexpectedError?.code).toBe('quota_exceeded');
  });

  it('keeps an account the API refuses to delete', async () => {
    const a = makeAccount({ userCount: 2 });
    on('admin.accounts.list', () => [a]);
    on('session.get', () => sessionWithQuota(3));
    const store = useAdminAccountsStore();
    await store.load();
    on('admin.accounts.delete', () => {
      throw apiError('account_in_use', 'Users are attached.', { status: 409 });
    });
    await expect(store.remove(a.id)).rejects.toMatchObject({ code: 'account_in_use' });
    expect(store.accounts).toHaveLength(1);
  });

  it('shows a load failure as an error state', async () => {
    on('admin.accounts.list', () => {
      throw apiError('network', 'Failed to fetch');
    });
    on('session.get', () => sessionWithQuota(3));
    const store = useAdminAccountsStore();
    await store.load();
    expect(store.status).toBe('error');
    expect(store.loadError?.code).toBe('network');
  });
});
