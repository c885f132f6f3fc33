/**
 * Group commit: units of work that arrive while a transaction is committing wait, then run
 * together in the next transaction, each inside its own savepoint. One commit (one WAL fsync on
 * SQLite, one round of commit on PostgreSQL) then serves a whole batch instead of one request.
 *
 * Each caller's promise settles only after the transaction holding its work has committed (or
 * definitely not). A member that throws is rolled back to its savepoint and gets its own error;
 * the others commit as if it had never run. If the transaction as a whole fails (the commit
 * itself, a lost connection), nothing of it was committed and every member is retried alone, so
 * one member can never take the others down with it.
 */
import type { ControlledTransaction } from 'kysely';
import type { Db } from './database';
import type { Database } from './schema';

type Work<T> = (trx: Db) => Promise<T>;

interface Member {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

/** How long a batch may run before it lets the event loop serve other callbacks. */
const yieldAfterMs = 4;

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommit {
  /** Runs `work` in a transaction shared with other callers; resolves after that transaction commits. */
  run<T>(work: Work<T>): Promise<T>;
}

/**
 * A group committer on `db`. One batch is in flight at a time: on SQLite (one connection) that is
 * all there is anyway, and on PostgreSQL it keeps members of one batch from waiting on each
 * other's row locks across transactions.
 */
export function createGroupCommit(db: Db, maxBatch = 128): GroupCommit {
  const queue: Member[] = [];
  let draining = false;

  async function runAlone(member: Member): Promise<void> {
    try {
      member.resolve(await db.transaction().execute(member.work));
    } catch (err) {
      member.reject(err);
    }
  }

  async function runBatch(batch: Member[]): Promise<void> {
    const outcomes: Outcome[] = [];
    let trx: ControlledTransaction<Database> | undefined;
    try {
      trx = await db.startTransaction().execute();
      let slice = performance.now();
      for (const member of batch) {
        // better-sqlite3 answers synchronously, so a whole batch would run as one chain of
        // microtasks and hold the event loop; give I/O a turn every few milliseconds.
        if (performance.now() - slice > yieldAfterMs) {
          await new Promise((resolve) => setImmediate(resolve));
          slice = performance.now();
        }
        const sp = await trx.savepoint('member').execute();
        try {
          const value = await member.work(sp);
          await sp.releaseSavepoint('member').execute();
          outcomes.push({ ok: true, value });
        } catch (error) {
          await sp.rollbackToSavepoint('member').execute();
          await sp.releaseSavepoint('member').execute();
          outcomes.push({ ok: false, error });
        }
      }
      await trx.commit().execute();
    } catch {
      if (trx && !trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute().catch(() => undefined);
      for (const member of batch) await runAlone(member);
      return;
    }
    outcomes.forEach((o, i) => (o.ok ? batch[i]!.resolve(o.value) : batch[i]!.reject(o.error)));
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        // Alone, a savepoint would only add two statements.
        if (batch.length === 1) await runAlone(batch[0]!);
        else await runBatch(batch);
      }
    } finally {
      draining = false;
    }
  }

  return {
    run<T>(work: Work<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
        if (!draining) void drain();
      });
    },
  };
}
