import { createTestingPinia } from '@pinia/testing';
import { setActivePinia } from 'pinia';
import { useAdminUsersStore } from '@/stores/adminUsers';
import { apiError, on, resetApi } from '../admin/mockApi';
import { makeAdminUser } from './people-fixtures';

vi.mock('@/messaging/client', () => import('../admin/mockApi'));

beforeEach(() => {
  resetApi();
  setActivePinia(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
});

describe('adminUsers store', () => {
  it('keeps the answer to the latest search, whatever order answers arrive in', async () => {
    const slow = makeAdminUser({ email: 'slow@acme.test' });
    const fast = makeAdminUser({ email: 'fast@acme.test' });
    let release!: () => void;
    on('admin.users.list', (q) =>
      q.q === 'sl' ? new Promise((r) => (release = () => r({ items: [slow], total: 1 }))) : { items: [fast], total: 1 },
    );
    const store = useAdminUsersStore();
    store.q = 'sl';
    const first = store.load();
    store.q = 'fa';
    await store.load();
    release();
    await first;
    expect(store.items.map((u) => u.email)).toEqual(['fast@acme.test']);
    expect(store.status).toBe('ready');
  });

  it('drops a person who no longer matches the filter after an action', async () => {
    const mia = makeAdminUser();
    on('admin.users.list', () => ({ items: [mia], total: 1 }));
    on('admin.users.setActive', () => ({ ...mia, active: false, status: 'deactivated' }));
    const store = useAdminUsersStore();
    store.statusFilter = 'active';
    await store.load();
    await store.setActive(mia.id, false);
    expect(store.items).toEqual([]);
    expect(store.total).toBe(0);
  });

  it('a refused deactivation rejects and leaves the person as they were', async () => {
    const ada = makeAdminUser({ role: 'admin' });
    on('admin.users.list', () => ({ items: [ada], total: 1 }));
    on('admin.users.setActive', () => {
      throw apiError('conflict', 'last active administrator', { status: 409 });
    });
    const store = useAdminUsersStore();
    await store.load();
    await expect(store.setActive(ada.id, false)).rejects.toMatchObject({ code: 'conflict' });
    expect(store.items[0]!.status).toBe('active');
  });

  it('a new person goes on top when the filter shows them, not otherwise', async () => {
    on('admin.users.list', () => ({ items: [], total: 0 }));
    on('admin.users.create', (req) => ({ user: makeAdminUser({ email: req.email, status: 'invited' }), invitation: { token: 't', expiresAt: '2026-12-09T10:00:00.000Z' } }));
    const store = useAdminUsersStore();
    store.statusFilter = 'deactivated';
    await store.load();
    await store.create({ email: 'a@acme.test', firstName: 'A', lastName: '' });
    expect(store.items).toHaveLength(0);
    store.statusFilter = 'invited';
    await store.create({ email: 'b@acme.test', firstName: 'B', lastName: '' });
    expect(store.items.map((u) => u.email)).toEqual(['b@acme.test']);
    expect(store.total).toBe(1);
  });
});
