import { createTestingPinia } from '@pinia/testing';
import { setActivePinia } from 'pinia';
import { useAdminRecordsStore } from '@/stores/adminRecords';
import { apiError, callsOf, on, resetApi } from '../admin/mockApi';
import { makeRecord } from './records-fixtures';

vi.mock('@/messaging/client', () => import('../admin/mockApi'));

beforeEach(() => {
  resetApi();
  setActivePinia(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
});

const page = (items: ReturnType<typeof makeRecord>[], nextCursor: string | null = null, total = items.length) => ({ items, total, totalCapped: false, nextCursor });

describe('adminRecords store', () => {
  it('searches with the kind filter, then follows the cursor for the next page without repeating a record', async () => {
    const a = makeRecord({ name: 'Ada' });
    const b = makeRecord({ name: 'Bea' });
    const c = makeRecord({ name: 'Cy' });
    on('records.search', (q) => (q.cursor ? page([b, c], null, 3) : page([a, b], 'cur-2', 3)));
    const store = useAdminRecordsStore();
    store.q = '  ad ';
    store.kindFilter = 'contact';
    await store.load();
    expect(store.hasMore).toBe(true);
    await store.loadMore();
    expect(callsOf('records.search')).toEqual([
      { q: 'ad', kind: 'contact', limit: 50 },
      { q: 'ad', kind: 'contact', limit: 50, cursor: 'cur-2' },
    ]);
    expect(store.items.map((r) => r.name)).toEqual(['Ada', 'Bea', 'Cy']);
    expect(store.hasMore).toBe(false);
  });

  it('keeps the answer to the latest search, whatever order answers arrive in', async () => {
    let release!: () => void;
    on('records.search', (q) => (q.q === 'sl' ? new Promise((r) => (release = () => r(page([makeRecord({ name: 'Slow' })])))) : page([makeRecord({ name: 'Fast' })])));
    const store = useAdminRecordsStore();
    store.q = 'sl';
    const first = store.load();
    store.q = 'fa';
    await store.load();
    release();
    await first;
    expect(store.items.map((r) => r.name)).toEqual(['Fast']);
  });

  it('a deleted company leaves the list, and its listed contacts lose it', async () => {
    const acme = makeRecord({ kind: 'company', name: 'Acme', emails: [], domains: ['acme.test'] });
    const ann = makeRecord({ name: 'Ann', companyId: acme.id, companyName: 'Acme' });
    on('records.search', () => page([acme, ann]));
    on('admin.records.delete', () => undefined);
    const store = useAdminRecordsStore();
    await store.load();
    await store.remove(acme.id);
    expect(store.items.map((r) => [r.name, r.companyName])).toEqual([['Ann', null]]);
    expect(store.total).toBe(1);
  });

  it('a merge drops the merged record, replaces the kept one and moves contacts to it', async () => {
    const acme = makeRecord({ kind: 'company', name: 'Acme', emails: [] });
    const acmeDup = makeRecord({ kind: 'company', name: 'ACME SA', emails: [] });
    const ann = makeRecord({ name: 'Ann', companyId: acmeDup.id, companyName: 'ACME SA' });
    on('records.search', () => page([acme, acmeDup, ann]));
    on('admin.records.merge', ({ id }) => ({ ...acme, id, domains: ['acme.test', 'acme-sa.test'] }));
    const store = useAdminRecordsStore();
    await store.load();
    await store.merge(acme.id, acmeDup.id);
    expect(callsOf('admin.records.merge')).toEqual([{ id: acme.id, mergeId: acmeDup.id }]);
    expect(store.items.map((r) => r.name)).toEqual(['Acme', 'Ann']);
    expect(store.items[0]!.domains).toEqual(['acme.test', 'acme-sa.test']);
    expect(store.items[1]).toMatchObject({ companyId: acme.id, companyName: 'Acme' });
    expect(store.total).toBe(2);
  });

  it('a refused edit rejects with the API’s error and leaves the row as it was', async () => {
    const ann = makeRecord({ name: 'Ann' });
    on('records.search', () => page([ann]));
    on('records.update', () => {
      throw apiError('conflict', 'Already in Mailroom: Bob has the address', { status: 409 });
    });
    const store = useAdminRecordsStore();
    await store.load();
    await expect(store.update(ann.id, { emails: ['bob@acme.test'] })).rejects.toMatchObject({ code: 'conflict' });
    expect(store.items[0]).toEqual(ann);
  });

  it('a renamed company is renamed on its listed contacts too', async () => {
    const acme = makeRecord({ kind: 'company', name: 'Acme', emails: [] });
    const ann = makeRecord({ name: 'Ann', companyId: acme.id, companyName: 'Acme' });
    on('records.search', () => page([acme, ann]));
    on('records.update', ({ patch }) => ({ ...acme, ...patch }) as typeof acme);
    const store = useAdminRecordsStore();
    await store.load();
    await store.update(acme.id, { name: 'Acme Group' });
    expect(store.items.map((r) => r.companyName ?? r.name)).toEqual(['Acme Group', 'Acme Group']);
  });

  it('exports the kind shown', async () => {
    on('admin.records.export', () => ({ csv: 'Name\r\nAcme\r\n' }));
    const store = useAdminRecordsStore();
    store.kindFilter = 'company';
    await expect(store.exportCsv()).resolves.toBe('Name\r\nAcme\r\n');
    store.kindFilter = 'all';
    await store.exportCsv();
    expect(callsOf('admin.records.export')).toEqual([{ kind: 'company' }, {}]);
  });
});
