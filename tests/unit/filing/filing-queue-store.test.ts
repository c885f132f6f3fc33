import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { FileRequest } from '@/contract';
import { createFilingQueue, type FileTransport } from '@/background/filing-queue';
import { createStorageQueueStore } from '@/background/filing-queue-store';
import type { QueuedFiling } from '@/background/filing-queue.types';

const request = (n: number): FileRequest => ({
  accountId: 'acc-1',
  recordIds: ['rec-a'],
  message: {
    messageId: `<m${n}@mail.example.com>`,
    subject: `Order ${n}`,
    from: { name: 'Bob', address: 'bob@acme.test' },
    date: '2026-11-20T10:00:00Z',
    bodyHtml: `<p>${'x'.repeat(2_000)}</p>`,
  },
});
const networkDown = { code: 'network', message: 'Failed to fetch' };
const down: FileTransport = () => Promise.reject(networkDown);
const state = { message: null, filings: [] };

/** The raw keys each `storage.local.set` / `remove` call touched, in order. */
function storageWrites() {
  const sets: string[][] = [];
  const removes: string[][] = [];
  const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
  const remove = fakeBrowser.storage.local.remove.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation((items: Record<string, unknown>) => {
    sets.push(Object.keys(items));
    return set(items);
  });
  vi.spyOn(fakeBrowser.storage.local, 'remove').mockImplementation((keys: string | string[]) => {
    removes.push(typeof keys === 'string' ? [keys] : keys);
    return remove(keys);
  });
  return { sets, removes };
}

describe('filing queue storage', () => {
  let clock = 1_000_000;
  const queueOn = (transport: FileTransport) => createFilingQueue({ transport, now: () => clock++, random: () => 0 });

  beforeEach(() => {
    fakeBrowser.reset();
    clock = 1_000_000;
  });

  it('writes only the filing that changed, however many wait beside it', async () => {
    const queue = queueOn(down);
    for (let n = 0; n < 40; n++) await queue.submit(request(n));
    const writes = storageWrites();

    const [oldest] = await queue.list();
    // Revived, sent, failed again: two writes of that one item.
    await queue.retry(oldest!.id);
    expect(writes.sets).toEqual([[`filingQueue.${oldest!.id}`], [`filingQueue.${oldest!.id}`]]);
    expect(writes.removes).toEqual([]);
    expect((await createStorageQueueStore().load()).find((i) => i.id === oldest!.id)?.attempts).toBe(2);
  });

  it('a confirmed filing leaves storage as one removed key', async () => {
    let up = false;
    const queue = queueOn((req) => (up ? Promise.resolve(state) : down(req)));
    for (let n = 0; n < 10; n++) await queue.submit(request(n));
    const writes = storageWrites();
    up = true;
    const [first] = await queue.list();
    await queue.retry(first!.id);

    expect(writes.removes).toEqual([[`filingQueue.${first!.id}`]]);
    expect(await queue.list()).toHaveLength(9);
    expect(await createStorageQueueStore().load()).toHaveLength(9);
  });

  it('a new service worker finds the same queue, oldest first, and sends it', async () => {
    const before = queueOn(down);
    for (let n = 0; n < 5; n++) await before.submit(request(n));
    const sent: string[] = [];
    const after = queueOn(async (req) => {
      sent.push(req.message.subject!);
      return state;
    });
    await after.start();
    expect(sent).toEqual(['Order 0', 'Order 1', 'Order 2', 'Order 3', 'Order 4']);
    expect(await createStorageQueueStore().load()).toEqual([]);
  });

  it('moves a queue stored in the first shape (one list) to one key per filing', async () => {
    const legacy: QueuedFiling[] = [1, 2].map((n) => ({
      id: `old-${n}`, dedupKey: `k${n}|rec-a`, messageKey: `k${n}`, request: request(n), status: 'failed' as const,
      attempts: 3, nextAttemptAt: 0, createdAt: n, lastError: { code: 'not_found', message: 'Record not found', status: 404 },
    }));
    await fakeBrowser.storage.local.set({ filingQueue: legacy, filingQueue$: { v: 1 } });

    const queue = queueOn(down);
    expect((await queue.list()).map((i) => i.id)).toEqual(['old-1', 'old-2']);
    const raw = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(raw).sort()).toEqual(['filingQueue.old-1', 'filingQueue.old-2']);
  });
});
