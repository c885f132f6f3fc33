/**
 * The persistent filing queue (DESIGN.md "Filing queue"): a filing is written to extension
 * storage BEFORE any network call, then sent; it leaves the queue only when the API confirms it.
 * Transient failures (network, 5xx, 408, 429, expired session) are retried with exponential
 * backoff; other 4xx answers are kept as `failed` with the API's message until the user retries or
 * dismisses them. Survives service-worker and browser restarts: `start()` re-drains what storage
 * holds. The API is idempotent on the message key, so a retry after a lost response is harmless
 * — a "create and file" too: its new record carries an id the client chose, which the API reuses
 * instead of creating the record again. The queue itself dedups on message key + record set.
 */
import { ApiError } from '@/api/errors';
import type { FileRequest, FilingState } from '@/contract';
import { messageKey } from '@/contract/message-key';
import { createStorageQueueStore, type FilingQueueStore } from './filing-queue-store';
import type { FilingOutcome, QueueError, QueuedFiling } from './filing-queue.types';

export type { FilingOutcome, QueueError, QueuedFiling } from './filing-queue.types';

/** Sends one filing to the API; rejects with the API's error (or a transport error). */
export type FileTransport = (req: FileRequest) => Promise<FilingState>;

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}
/** 5 s, 10 s, 20 s ... capped at 5 min: quick after a blip, gentle on a server that is down. */
export const defaultBackoff: BackoffPolicy = { baseMs: 5_000, maxMs: 5 * 60_000 };

export interface FilingQueueOptions {
  transport: FileTransport;
  /** Where the items are kept (default: extension storage, one key per item). */
  store?: FilingQueueStore;
  now?: () => number;
  /** 0..1; spreads retries of many clients after an outage. Tests pass `() => 0`. */
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Asks to be woken at this epoch ms (an alarm survives the service worker being stopped). */
  wakeAt?: (at: number) => void;
  newId?: () => string;
}

/** What to do after a failed attempt. */
export type ErrorVerdict = 'retry' | 'fail';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Normalises whatever the transport threw into the API's `{ code, message, status }`. */
export function toQueueError(e: unknown): QueueError {
  const source = (e as { error?: unknown })?.error ?? e;
  if (typeof source === 'object' && source !== null && 'code' in source && 'message' in source) {
    const { code, message, status, params, fields } = source as Partial<Record<'code' | 'message' | 'status' | 'params' | 'fields', unknown>>;
    return {
      code: String(code),
      message: String(message),
      ...(typeof status === 'number' ? { status } : {}),
      ...(isRecord(params) ? { params: params as Record<string, string | number> } : {}),
      ...(isRecord(fields) ? { fields: fields as Record<string, string> } : {}),
    };
  }
  return { code: 'network', message: e instanceof Error ? e.message : String(e) };
}

/** Codes that mean "not now" rather than "never": the same request can succeed later. */
const transientCodes = new Set(['network', 'internal', 'bad_response', 'server_failed', 'rate_limited', 'unauthorized', 'signed_out', 'server_url']);

/**
 * 408/429/5xx and transport failures are retried. An expired session (401, or signed out) is too:
 * the filing is not at fault, and it goes through once the user signs in again. Any other 4xx
 * would get the same answer again, so it is shown as failed.
 */
export function verdictFor(err: QueueError): ErrorVerdict {
  if (err.status !== undefined) {
    if (err.status === 408 || err.status === 429 || err.status === 401 || err.status >= 500) return 'retry';
    if (err.status >= 400) return 'fail';
  }
  return transientCodes.has(err.code) ? 'retry' : 'fail';
}

export function backoffDelay(attempts: number, policy: BackoffPolicy, random: number): number {
  const exp = policy.baseMs * 2 ** Math.max(0, attempts - 1);
  const capped = Math.min(policy.maxMs, exp);
  // Up to +20 %: enough to spread a crowd, never shorter than the policy says.
  return Math.round(capped * (1 + 0.2 * random));
}

/**
 * `messageKey|r1,r2`: record order does not matter, duplicates do not count. A record created
 * with the filing counts by its client-chosen id (`new:<id>`), so "create and file" asked twice is
 * one item, and two different new records are two.
 */
export function dedupKeyOf(key: string, recordIds: readonly string[], newRecordId?: string): string {
  const ids = [...new Set(recordIds)].sort().join(',');
  return newRecordId ? `${key}|${ids}|new:${newRecordId}` : `${key}|${ids}`;
}

/** The key the API will store the message under (same function as the server). */
export function messageKeyOf(req: FileRequest): Promise<string> {
  return messageKey({
    messageId: req.message.messageId ?? null,
    from: req.message.from.address,
    date: req.message.date,
    subject: req.message.subject ?? '',
  });
}

export interface FilingQueue {
  /** Queues (persisted first), then tries once right away; resolves with what that came to. */
  submit(req: FileRequest): Promise<FilingOutcome>;
  /** Everything still in the queue, oldest first. */
  list(): Promise<QueuedFiling[]>;
  /** Sends every due pending item (all pending ones with `force`); resolves when done. */
  drain(opts?: { force?: boolean }): Promise<void>;
  /** A failed (or waiting) item back to pending, sent now. */
  retry(id: string): Promise<FilingOutcome | undefined>;
  /** Drops an item the user gave up on. */
  dismiss(id: string): Promise<void>;
  /** Start-up: drain whatever a previous run left (browser restart, worker restart). */
  start(): Promise<void>;
  /** Called after every change of the queue, with the new content. */
  onChange(cb: (items: QueuedFiling[]) => void): () => void;
}

export function createFilingQueue(options: FilingQueueOptions): FilingQueue {
  const store = options.store ?? createStorageQueueStore();
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? defaultBackoff;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const listeners = new Set<(items: QueuedFiling[]) => void>();

  // The items as last written, read from storage once. Changes are serialised: two filings queued
  // at once must not overwrite each other (one service worker, so an in-memory chain is enough).
  let memory: Promise<QueuedFiling[]> | undefined;
  const current = (): Promise<QueuedFiling[]> => {
    memory ??= store.load().catch((e: unknown) => {
      memory = undefined;
      throw e;
    });
    return memory;
  };
  let lock: Promise<unknown> = Promise.resolve();
  /** `fn` returns the new list, with new objects for the items it changed: only those are written. */
  function mutate<T>(fn: (items: QueuedFiling[]) => { items: QueuedFiling[]; result: T }): Promise<T> {
    const run = lock.then(async () => {
      const before = await current();
      const { items, result } = fn(before);
      const previous = new Map(before.map((i) => [i.id, i]));
      const kept = new Set(items.map((i) => i.id));
      const put = items.filter((i) => previous.get(i.id) !== i);
      const remove = before.filter((i) => !kept.has(i.id)).map((i) => i.id);
      // Written before memory changes: a refused write leaves the queue as it was.
      if (put.length > 0 || remove.length > 0) await store.write({ put, remove });
      memory = Promise.resolve(items);
      for (const cb of listeners) cb(items);
      return result;
    });
    lock = run.catch(() => undefined);
    return run;
  }

  /** Attempts in flight by item id, so a drain and a submit never send the same item twice. */
  const inflight = new Map<string, Promise<FilingOutcome>>();

  function scheduleNextWake(items: QueuedFiling[]): void {
    const next = Math.min(...items.filter((i) => i.status === 'pending').map((i) => i.nextAttemptAt));
    if (Number.isFinite(next)) options.wakeAt?.(next);
  }

  function attempt(queued: QueuedFiling): Promise<FilingOutcome> {
    const existing = inflight.get(queued.id);
    if (existing) return existing;
    const run = (async (): Promise<FilingOutcome> => {
      try {
        const state = await options.transport(queued.request);
        await mutate((items) => ({ items: items.filter((i) => i.id !== queued.id), result: undefined }));
        return { status: 'filed', state };
      } catch (e) {
        const error = toQueueError(e);
        const verdict = verdictFor(error);
        const updated = await mutate((items) => {
          const current = items.find((i) => i.id === queued.id);
          // Dismissed while the request was out: nothing left to update.
          if (!current) return { items, result: undefined };
          const attempts = current.attempts + 1;
          const next: QueuedFiling = {
            ...current,
            attempts,
            lastError: error,
            status: verdict === 'retry' ? 'pending' : 'failed',
            nextAttemptAt: verdict === 'retry' ? now() + backoffDelay(attempts, backoff, random()) : current.nextAttemptAt,
          };
          return { items: items.map((i) => (i.id === queued.id ? next : i)), result: next };
        });
        scheduleNextWake(await current());
        const view = updated ?? { ...queued, lastError: error };
        return { status: verdict === 'retry' ? 'queued' : 'failed', item: view };
      } finally {
        inflight.delete(queued.id);
      }
    })();
    inflight.set(queued.id, run);
    return run;
  }

  let draining: Promise<void> | null = null;
  async function drainOnce(force: boolean): Promise<void> {
    // Items queued while a pass runs are picked up by the next pass of the loop.
    for (;;) {
      const due = (await current()).filter(
        (i) => i.status === 'pending' && !inflight.has(i.id) && (force || i.nextAttemptAt <= now()),
      );
      if (due.length === 0) return;
      // One at a time, oldest first: a server that just came back is not flooded.
      for (const queued of due) await attempt(queued);
      // A forced pass sends each item once; later retries follow the backoff.
      force = false;
      const stillDue = (await current()).some((i) => i.status === 'pending' && i.nextAttemptAt <= now());
      if (!stillDue) return;
    }
  }

  /** Stores a new filing, or revives the same one (message key + record set) already queued. */
  function persist(key: string, dedupKey: string, req: FileRequest): Promise<QueuedFiling> {
    return mutate((items) => {
      const same = items.find((i) => i.dedupKey === dedupKey);
      if (same) {
        // Asked again: a failed one gets another chance, a pending one is simply sent now.
        const revived: QueuedFiling = { ...same, status: 'pending', nextAttemptAt: now() };
        return { items: items.map((i) => (i.id === same.id ? revived : i)), result: revived };
      }
      const fresh: QueuedFiling = {
        id: newId(),
        dedupKey,
        messageKey: key,
        request: req,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now(),
        createdAt: now(),
        lastError: null,
      };
      return { items: [...items, fresh], result: fresh };
    });
  }

  const queue: FilingQueue = {
    async submit(req) {
      const key = await messageKeyOf(req);
      const dedupKey = dedupKeyOf(key, req.recordIds, req.newRecord?.id);
      let queued: QueuedFiling;
      try {
        queued = await persist(key, dedupKey, req);
      } catch (storageError) {
        // Storage refused the write (quota: queued filings carry bodies). Without the safety net,
        // send at once; if that fails too, say plainly that nothing was kept.
        console.error('[mailroom] filing queue: could not persist', storageError);
        try {
          return { status: 'filed', state: await options.transport(req) };
        } catch (e) {
          throw new ApiError({
            code: 'queue_storage_failed',
            message: `${toQueueError(e).message} The filing could not be kept for later either (extension storage refused it).`,
          });
        }
      }
      return attempt(queued);
    },

    list: async () => [...(await current())],

    drain(opts = {}) {
      if (draining) return draining;
      draining = drainOnce(opts.force ?? false).finally(() => {
        draining = null;
      });
      return draining;
    },

    async retry(id) {
      const revived = await mutate((items) => {
        const found = items.find((i) => i.id === id);
        if (!found) return { items, result: undefined };
        const next: QueuedFiling = { ...found, status: 'pending', nextAttemptAt: now() };
        return { items: items.map((i) => (i.id === id ? next : i)), result: next };
      });
      return revived ? attempt(revived) : undefined;
    },

    async dismiss(id) {
      await mutate((items) => ({ items: items.filter((i) => i.id !== id), result: undefined }));
    },

    async start() {
      await queue.drain({ force: true });
      scheduleNextWake(await current());
    },

    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
  return queue;
}
