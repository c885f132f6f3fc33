import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { FileRequest, FilingState } from '@/contract';
import { messageKey } from '@/contract/message-key';
import {
  backoffDelay,
  createFilingQueue,
  defaultBackoff,
  verdictFor,
  type FileTransport,
} from '@/background/filing-queue';
import { createStorageQueueStore, type FilingQueueStore } from '@/background/filing-queue-store';

const request = (over: Partial<FileRequest> = {}): FileRequest => ({
  accountId: 'acc-1',
  recordIds: ['rec-a'],
  message: {
    messageId: '<Abc.123@Mail.Example.COM>',
    subject: 'Quote for 12 chairs',
    from: { name: 'Bob Buyer', address: 'bob@acme.test' },
    date: '2026-11-20T10:00:00Z',
  },
  ...over,
});

const filed = (id = 'f-1'): FilingState => ({
  message: null,
  filings: [
    {
      id,
      record: { id: 'rec-a', kind: 'company', name: 'Acme' },
      filedBy: { id: 'u-1', fullName: 'Bea' },
      filedAt: '2026-11-27T08:00:00.000Z',
      source: 'manual',
    },
  ],
});

/** An API that fails with the given errors in turn, then succeeds. */
function apiFailing(...errors: unknown[]): FileTransport & { calls: FileRequest[] } {
  const calls: FileRequest[] = [];
  const fn = (async (req: FileRequest) => {
    calls.push(req);
    const next = errors.shift();
    if (next) throw next;
    return filed();
  }) as FileTransport & { calls: FileRequest[] };
  fn.calls = calls;
  return fn;
}

const networkDown = { code: 'network', message: 'Failed to fetch' };
const serverError = { code: 'internal', message: 'Something went wrong on our side (reference r1).', status: 500 };

describe('filing queue', () => {
  let clock = 1_000_000;
  const now = () => clock;
  const options = (transport: FileTransport, wakeAt = vi.fn()) => ({
    transport,
    now,
    random: () => 0,
    wakeAt,
  });

  beforeEach(() => {
    fakeBrowser.reset();
    clock = 1_000_000;
  });

  it('persists the filing before the network call', async () => {
    const stored: unknown[] = [];
    const transport: FileTransport = async () => {
      stored.push(await createStorageQueueStore().load());
      return filed();
    };
    const queue = createFilingQueue(options(transport));

    const outcome = await queue.submit(request());

    expect(stored).toHaveLength(1);
    expect(stored[0]).toEqual([expect.objectContaining({ status: 'pending', request: request() })]);
    expect(outcome).toEqual({ status: 'filed', state: filed() });
    expect(await queue.list()).toEqual([]);
  });

  it('keeps a filing that failed on the network, with the next attempt backed off', async () => {
    const wakeAt = vi.fn();
    const queue = createFilingQueue(options(apiFailing(networkDown), wakeAt));

    const outcome = await queue.submit(request());

    expect(outcome.status).toBe('queued');
    const [item] = await queue.list();
    expect(item).toMatchObject({ status: 'pending', attempts: 1, lastError: networkDown });
    expect(item?.nextAttemptAt).toBe(clock + defaultBackoff.baseMs);
    expect(wakeAt).toHaveBeenLastCalledWith(clock + defaultBackoff.baseMs);
  });

  it('waits for the backoff, then retries until the API confirms', async () => {
    const api = apiFailing(networkDown, serverError);
    const queue = createFilingQueue(options(api));
    await queue.submit(request());

    await queue.drain();
    expect(api.calls).toHaveLength(1); // not due yet

    clock += defaultBackoff.baseMs;
    await queue.drain();
    expect(api.calls).toHaveLength(2);
    const [item] = await queue.list();
    expect(item).toMatchObject({ attempts: 2, lastError: serverError });
    expect(item?.nextAttemptAt).toBe(clock + 2 * defaultBackoff.baseMs);

    clock += 2 * defaultBackoff.baseMs;
    await queue.drain();
    expect(api.calls).toHaveLength(3);
    expect(await queue.list()).toEqual([]);
  });

  it('grows the delay exponentially up to the cap', () => {
    const policy = { baseMs: 1000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, policy, 0))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(backoffDelay(1, policy, 1)).toBe(1200);
  });

  it.each([
    [{ code: 'network', message: 'x' }, 'retry'],
    [{ code: 'internal', message: 'x', status: 503 }, 'retry'],
    [{ code: 'validation_failed', message: 'x', status: 408 }, 'retry'],
    [{ code: 'rate_limited', message: 'x', status: 429 }, 'retry'],
    [{ code: 'unauthorized', message: 'x', status: 401 }, 'retry'],
    [{ code: 'signed_out', message: 'x' }, 'retry'],
    [{ code: 'validation_failed', message: 'x', status: 400 }, 'fail'],
    [{ code: 'forbidden', message: 'x', status: 403 }, 'fail'],
    [{ code: 'not_found', message: 'x', status: 404 }, 'fail'],
    [{ code: 'validation_failed', message: 'x', status: 422 }, 'fail'],
  ] as const)('classifies %o as %s', (error, verdict) => {
    expect(verdictFor(error)).toBe(verdict);
  });

  it('does not retry a 4xx: the item is failed with the API message until retried', async () => {
    const notFound = { code: 'not_found', message: 'Record was not found.', status: 404 };
    const api = apiFailing(notFound);
    const queue = createFilingQueue(options(api));

    const outcome = await queue.submit(request());
    expect(outcome).toMatchObject({ status: 'failed', item: { lastError: notFound } });

    clock += 60 * 60_000;
    await queue.drain();
    await queue.drain({ force: true });
    expect(api.calls).toHaveLength(1);

    const [item] = await queue.list();
    const retried = await queue.retry(item!.id);
    expect(retried).toEqual({ status: 'filed', state: filed() });
    expect(api.calls).toHaveLength(2);
    expect(await queue.list()).toEqual([]);
  });

  it('drops a failed item the user dismisses', async () => {
    const queue = createFilingQueue(options(apiFailing({ code: 'forbidden', message: 'No access.', status: 403 })));
    await queue.submit(request());
    const [item] = await queue.list();
    await queue.dismiss(item!.id);
    expect(await queue.list()).toEqual([]);
  });

  it('survives a restart: a new queue on the same storage sends what the old one left', async () => {
    const before = createFilingQueue(options(apiFailing(networkDown)));
    await before.submit(request());
    expect(await before.list()).toHaveLength(1);

    // A new service worker (or browser session): fresh memory, same extension storage.
    const api = apiFailing();
    const after = createFilingQueue(options(api));
    await after.start();

    expect(api.calls).toEqual([request()]);
    expect(await after.list()).toEqual([]);
  });

  it('queues the same filing once, whatever the record order', async () => {
    const api = apiFailing(networkDown, networkDown, networkDown);
    const queue = createFilingQueue(options(api));
    await queue.submit(request({ recordIds: ['rec-a', 'rec-b'] }));
    await queue.submit(request({ recordIds: ['rec-b', 'rec-a', 'rec-a'] }));

    const items = await queue.list();
    expect(items).toHaveLength(1);
    expect(items[0]?.messageKey).toBe('Abc.123@mail.example.com');

    // Another record set for the same message is a different filing.
    await queue.submit(request({ recordIds: ['rec-c'] }));
    expect(await queue.list()).toHaveLength(2);
  });

  it('queues a "create and file" once per new record, and resends it as it is', async () => {
    const api = apiFailing(networkDown, networkDown, networkDown);
    const queue = createFilingQueue(options(api));
    const newRecord = { id: '7b0c9a52-4a4e-4a0f-9a1e-2f7f3f0f6e01', kind: 'client' as const, name: 'New Client' };
    await queue.submit(request({ recordIds: [], newRecord }));
    await queue.submit(request({ recordIds: [], newRecord }));
    expect(await queue.list()).toHaveLength(1);
    // Another new record for the same message is another filing.
    await queue.submit(request({ recordIds: [], newRecord: { ...newRecord, id: '0c1d2e3f-4a5b-4c6d-8e7f-901234567890' } }));
    expect(await queue.list()).toHaveLength(2);
    // What goes out again is the very request, with the id the server dedups on.
    const [first] = await queue.list();
    await queue.retry(first!.id);
    expect(api.calls.at(-1)?.newRecord).toEqual(newRecord);
    expect(api.calls.filter((c) => c.newRecord?.id === newRecord.id)).toHaveLength(3);
    expect(await queue.list()).toHaveLength(1);
  });

  it('keys a message without Message-ID by its fingerprint', async () => {
    const queue = createFilingQueue(options(apiFailing(networkDown)));
    const req = request();
    req.message.messageId = null;
    await queue.submit(req);
    const [item] = await queue.list();
    expect(item?.messageKey).toBe(await messageKey({ from: 'bob@acme.test', date: '2026-11-20T10:00:00Z', subject: 'Quote for 12 chairs' }));
  });

  it('never sends one item twice when a drain and a submit race', async () => {
    let release!: () => void;
    const calls: FileRequest[] = [];
    const transport: FileTransport = (req) => {
      calls.push(req);
      return new Promise((resolve) => {
        release = () => resolve(filed());
      });
    };
    const queue = createFilingQueue(options(transport));
    const first = queue.submit(request());
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const second = queue.submit(request());
    const drained = queue.drain({ force: true });
    release();
    await Promise.all([first, second, drained]);
    expect(calls).toHaveLength(1);
    expect(await queue.list()).toEqual([]);
  });

  it('keeps both of two filings queued at the same time', async () => {
    const queue = createFilingQueue(options(apiFailing(networkDown, networkDown)));
    await Promise.all([queue.submit(request({ recordIds: ['rec-a'] })), queue.submit(request({ recordIds: ['rec-b'] }))]);
    expect((await queue.list()).map((i) => i.request.recordIds)).toEqual([['rec-a'], ['rec-b']]);
  });

  it('sends at once when storage refuses the write, and says so when that fails too', async () => {
    const full: FilingQueueStore = {
      load: async () => [],
      write: async () => {
        throw new Error('QUOTA_BYTES quota exceeded');
      },
    };
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const ok = createFilingQueue({ ...options(apiFailing()), store: full });
    await expect(ok.submit(request())).resolves.toEqual({ status: 'filed', state: filed() });

    const down = createFilingQueue({ ...options(apiFailing(networkDown)), store: full });
    await expect(down.submit(request())).rejects.toMatchObject({
      error: { code: 'queue_storage_failed', message: expect.stringContaining('could not be kept for later') },
    });
  });
});
