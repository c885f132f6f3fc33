import { createTestingPinia } from '@pinia/testing';
import { setActivePinia } from 'pinia';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RECORD_IMPORT_MAX_BYTES } from '@/contract';
import type { Broadcast } from '@/messaging/protocol';
import { useRecordsImportStore } from '@/stores/recordsImport';
import { apiError, calls, callsOf, on, resetApi } from '../admin/mockApi';
import { importResult } from './records-fixtures';

vi.mock('@/messaging/client', () => import('../admin/mockApi'));

beforeEach(() => {
  resetApi();
  fakeBrowser.reset();
  setActivePinia(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
});

const csvFile = (text = 'Name\nAda\n', name = 'people.csv') => new File([text], name, { type: 'text/csv' });
const progress = (p: Omit<Extract<Broadcast, { broadcast: 'records.importProgress' }>, 'broadcast'>) =>
  fakeBrowser.runtime.onMessage.trigger({ broadcast: 'records.importProgress', ...p }, {});

describe('recordsImport store', () => {
  it('checks the file first (a dry run of its bytes), then runs it with its progress, then the counts', async () => {
    const checked = importResult({ created: 2, updated: 1, unchanged: 3, refused: [{ line: 4, code: 'name_missing', reason: 'No name.' }] });
    on('admin.records.import', (req) => (req.dryRun ? checked : new Promise(() => undefined)));
    const store = useRecordsImportStore();
    await store.check(csvFile('Name\nÉlodie\n'));
    expect(store.state).toEqual({ step: 'checked', fileName: 'people.csv', result: checked });
    const [dry] = callsOf('admin.records.import');
    expect(dry!.dryRun).toBe(true);
    expect(Buffer.from(dry!.csv, 'base64').toString('utf8')).toBe('Name\nÉlodie\n');

    void store.run();
    await vi.waitFor(() => expect(callsOf('admin.records.import')).toHaveLength(2));
    const running = callsOf('admin.records.import')[1]!;
    expect(running).toMatchObject({ dryRun: false, csv: dry!.csv });
    expect(store.state).toEqual({ step: 'running', fileName: 'people.csv', done: 0, total: 6 });
    // Another page's import says nothing about this one.
    await progress({ importId: 'someone-else', done: 5, total: 9 });
    await progress({ importId: running.importId, done: 3, total: 6 });
    expect(store.state).toEqual({ step: 'running', fileName: 'people.csv', done: 3, total: 6 });
  });

  it('ends with the final counts', async () => {
    const final = importResult({ created: 2, dryRun: false });
    on('admin.records.import', (req) => (req.dryRun ? importResult({ created: 2 }) : final));
    const store = useRecordsImportStore();
    await store.check(csvFile());
    await store.run();
    expect(store.state).toEqual({ step: 'done', fileName: 'people.csv', result: final });
  });

  it('a run that stopped says how far it got', async () => {
    let fail!: () => void;
    on('admin.records.import', (req) =>
      req.dryRun ? importResult({ created: 3000 }) : new Promise((_r, reject) => (fail = () => reject(apiError('internal', 'stopped')))),
    );
    const store = useRecordsImportStore();
    await store.check(csvFile());
    const run = store.run();
    await vi.waitFor(() => expect(callsOf('admin.records.import')).toHaveLength(2));
    await progress({ importId: callsOf('admin.records.import')[1]!.importId, done: 1000, total: 3000 });
    fail();
    await run;
    expect(store.state).toMatchObject({ step: 'failed', during: 'run', done: 1000, error: { code: 'internal' } });
  });

  it('a refused check writes nothing and cannot be run', async () => {
    on('admin.records.import', () => {
      throw apiError('validation_failed', 'The file has no Name column.', { status: 422 });
    });
    const store = useRecordsImportStore();
    await store.check(csvFile('Foo\nbar\n'));
    expect(store.state).toMatchObject({ step: 'failed', during: 'check', error: { code: 'validation_failed' } });
    await store.run();
    expect(calls).toHaveLength(1);
  });

  it('a file over the limit is refused here, unsent', async () => {
    const store = useRecordsImportStore();
    const big = csvFile();
    Object.defineProperty(big, 'size', { value: RECORD_IMPORT_MAX_BYTES + 1 });
    await store.check(big);
    expect(store.state).toMatchObject({ step: 'failed', during: 'check', error: { code: 'payload_too_large' } });
    expect(calls).toEqual([]);
  });

  it('the check of a file replaced by another is dropped', async () => {
    let releaseFirst!: () => void;
    on('admin.records.import', (req) => {
      const text = Buffer.from(req.csv, 'base64').toString('utf8');
      return text.includes('first') ? new Promise((r) => (releaseFirst = () => r(importResult({ created: 1 })))) : importResult({ created: 2 });
    });
    const store = useRecordsImportStore();
    const first = store.check(csvFile('Name\nfirst\n', 'a.csv'));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    await store.check(csvFile('Name\nsecond\n', 'b.csv'));
    releaseFirst();
    await first;
    expect(store.state).toMatchObject({ step: 'checked', fileName: 'b.csv', result: { created: 2 } });
  });
});
