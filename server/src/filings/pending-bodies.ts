/**
 * The background job that sanitizes filed HTML bodies. Filing stores a body as received in
 * `messages.body_html_pending` and acknowledges at once; this job feeds pending bodies to the
 * sanitizer pool (worker threads) and writes the result to `body_html`, the only column any reader
 * may serve. Raw HTML therefore never leaves the database, and a crash loses nothing: whatever is
 * still pending at start-up is picked up again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database';
import { maxHtmlBodyTags } from '../sanitize/sanitize.task';
import type { SanitizePool } from '../sanitize/sanitize-pool';
import { isPostgres } from '../db/dialect';
import { claimPendingBodies, storeSanitizedBody } from './pending-bodies.repository';

export interface PendingBodies {
  /** Something was stored pending: make sure the job runs (cheap when it already does). */
  kick(): void;
  /** Resolves once nothing is pending any more, or the job stopped on an error (tests, benchmarks). */
  idle(): Promise<void>;
  /** Finishes the batch in hand and stops; the pool is the caller's to close. */
  close(): Promise<void>;
}

/**
 * Bodies per round: enough to keep every worker thread busy, few enough to bound memory (2 MB
 * each) and, on PostgreSQL, how long the batch's rows stay claimed (locked) while they are sanitized.
 */
const batchSizeFor = (pool: SanitizePool) => Math.min(8, 2 * pool.threads);

/**
 * Requests come first: sanitizing a body costs ten times the filing that stored it, so while
 * requests keep arriving the job waits for a quiet moment, running a round at least every
 * `maxDeferMs` so a busy process still makes progress. A burst of filings is acknowledged at the
 * speed of the database; its bodies are sanitized once it passes.
 */
export interface Yielding {
  /** When the process last started serving a request (ms since the epoch). */
  lastRequestAt: () => number;
  /** Quiet for this long counts as idle. */
  quietMs: number;
  /** Never wait longer than this for a round. */
  maxDeferMs: number;
}

const neverBusy: Yielding = { lastRequestAt: () => 0, quietMs: 0, maxDeferMs: 0 };

export function createPendingBodies(db: Db, pool: SanitizePool, log: FastifyBaseLogger, yielding: Yielding = neverBusy): PendingBodies {
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  async function sanitizeOne(id: string, html: string): Promise<{ id: string; clean: string | null }> {
    try {
      return { id, clean: await pool.run({ kind: 'mail-body', html, maxTags: maxHtmlBodyTags }, { background: true }) };
    } catch (err) {
      if (closed) throw err;
      // A body that crashes the sanitizer (a stack overflow on absurd nesting, say) is dropped
      // like a too-dense one: its text body stays, and it is never retried in a loop.
      log.warn({ err, messageId: id }, 'HTML body could not be sanitized; keeping the text body only');
      return { id, clean: null };
    }
  }

  /** Sanitizes `batch` and writes the results with `writer` (one transaction, one commit). */
  async function sanitizeInto(writer: Db, batch: { id: string; html: string }[]): Promise<void> {
    const results = await Promise.all(batch.map((b) => sanitizeOne(b.id, b.html)));
    for (const r of results) await storeSanitizedBody(writer, r.id, r.clean);
  }

  /**
   * One batch; false when nothing was left. On PostgreSQL the batch is claimed, sanitized and
   * written in one transaction, so the other processes running this job take other rows. On
   * SQLite (one process, one connection) a transaction held while sanitizing would stop every
   * request: the batch is read, sanitized, then written in a transaction of its own.
   */
  async function round(size: number): Promise<boolean> {
    if (isPostgres(db)) {
      return db.transaction().execute(async (trx) => {
        const batch = await claimPendingBodies(trx, size);
        if (batch.length > 0) await sanitizeInto(trx, batch);
        return batch.length > 0;
      });
    }
    const batch = await claimPendingBodies(db, size);
    if (batch.length > 0) await db.transaction().execute((trx) => sanitizeInto(trx, batch));
    return batch.length > 0;
  }

  async function quietMoment(): Promise<void> {
    const deadline = Date.now() + yielding.maxDeferMs;
    while (!closed && Date.now() < deadline && Date.now() - yielding.lastRequestAt() < yielding.quietMs) {
      await sleep(yielding.quietMs);
    }
  }

  async function drain(): Promise<void> {
    const size = batchSizeFor(pool);
    do {
      again = false;
      do await quietMoment();
      while (!closed && (await round(size)));
    } while (again && !closed);
  }

  function start(): Promise<void> {
    running ??= drain()
      .catch((err: unknown) => {
        // Database trouble: leave the rest pending; the next filing or start-up tries again.
        if (!closed) log.error({ err }, 'sanitizing pending HTML bodies failed');
      })
      .finally(() => {
        running = undefined;
        if (again && !closed) start();
      });
    return running;
  }

  return {
    kick() {
      if (closed) return;
      again = true;
      start();
    },
    async idle() {
      while (running) await running;
    },
    async close() {
      closed = true;
      await running;
    },
  };
}
