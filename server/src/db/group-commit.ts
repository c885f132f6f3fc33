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
 *
 * Members may also say how to run them *together* (`Together`): members of a batch that share the
 * same `runMany` go to it at once, in one savepoint, so a batch of N filings costs a handful of
 * multi-row statements instead of N times a dozen. `runMany` answers each of them, or sends it
 * back (`alone`) to run its own `work` in its own savepoint afterwards (a case it does not handle,
 * or one that conflicts with another member); if `runMany` throws, its savepoint is rolled back
 * and every one of its members runs alone, so a member's error is still its own. (`runMany` may
 * answer a member with an error only if it wrote nothing for it.)
 */
import type { ControlledTransaction } from 'kysely';
import type { Db } from './database';
import type { Database } from './schema';

type Work<T> = (trx: Db) => Promise<T>;

/** What `runMany` says of one member: its answer, its own error, or "run me alone". */
export type TogetherOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown } | { alone: true };

/** Runs several members' inputs in one go; one outcome per input, in order. */
export type RunMany<I, T> = (trx: Db, inputs: I[]) => Promise<TogetherOutcome<T>[]>;

export interface Together<I, T> {
  /** Members with the same function (by identity) run together. */
  runMany: RunMany<I, T>;
  input: I;
}

interface Member {
  work: Work<unknown>;
  together?: Together<unknown, unknown>;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

/** How long a batch may run before it lets the event loop serve other callbacks. */
const yieldAfterMs = 4;

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommit {
  /**
   * Runs `work` in a transaction shared with other callers; resolves after that transaction
   * commits. With `together`, the member may instead run with the batch's other members of the
   * same `runMany` (then `work` must do the same thing, alone).
   */
  run<T, I = never>(work: Work<T>, together?: Together<I, T>): Promise<T>;
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

  /** Runs one member in its own savepoint of `trx`. */
  async function runInSavepoint(trx: ControlledTransaction<Database>, member: Member): Promise<Outcome> {
    const sp = await trx.savepoint('member').execute();
    try {
      const value = await member.work(sp);
      await sp.releaseSavepoint('member').execute();
      return { ok: true, value };
    } catch (error) {
      await sp.rollbackToSavepoint('member').execute();
      await sp.releaseSavepoint('member').execute();
      return { ok: false, error };
    }
  }

  /**
   * Runs members sharing one `runMany` in one savepoint; fills `outcomes` for those it answered
   * and returns the ones to run alone (all of them if it failed).
   */
  async function runTogether(trx: ControlledTransaction<Database>, group: { member: Member; index: number }[], outcomes: Outcome[]): Promise<{ member: Member; index: number }[]> {
    const runMany = group[0]!.member.together!.runMany;
    const sp = await trx.savepoint('together').execute();
    let answers: TogetherOutcome<unknown>[];
    try {
      answers = await runMany(sp, group.map((g) => g.member.together!.input));
      if (answers.length !== group.length) throw new Error('runMany must answer every member');
      await sp.releaseSavepoint('together').execute();
    } catch {
      await sp.rollbackToSavepoint('together').execute();
      await sp.releaseSavepoint('together').execute();
      return group;
    }
    const alone: { member: Member; index: number }[] = [];
    answers.forEach((a, i) => {
      if ('alone' in a) alone.push(group[i]!);
      else outcomes[group[i]!.index] = a;
    });
    return alone;
  }

  async function runBatch(batch: Member[]): Promise<void> {
    const outcomes: Outcome[] = new Array<Outcome>(batch.length);
    let trx: ControlledTransaction<Database> | undefined;
    try {
      trx = await db.startTransaction().execute();
      // Members that can run together first, grouped by their `runMany`; the rest (and whatever
      // a group sends back) one savepoint each, in arrival order.
      const groups = new Map<RunMany<unknown, unknown>, { member: Member; index: number }[]>();
      const single: { member: Member; index: number }[] = [];
      batch.forEach((member, index) => {
        if (!member.together) return single.push({ member, index });
        const group = groups.get(member.together.runMany) ?? [];
        group.push({ member, index });
        groups.set(member.together.runMany, group);
      });
      const alone: { member: Member; index: number }[] = [];
      for (const group of groups.values()) {
        if (group.length === 1) alone.push(group[0]!);
        else alone.push(...(await runTogether(trx, group, outcomes)));
      }
      alone.push(...single);
      alone.sort((a, b) => a.index - b.index);
      let slice = performance.now();
      for (const { member, index } of alone) {
        // better-sqlite3 answers synchronously, so a whole batch would run as one chain of
        // microtasks and hold the event loop; give I/O a turn every few milliseconds.
        if (performance.now() - slice > yieldAfterMs) {
          await new Promise((resolve) => setImmediate(resolve));
          slice = performance.now();
        }
        outcomes[index] = await runInSavepoint(trx, member);
      }
      await trx.commit().execute();
    } catch {
      if (trx && !trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute().catch(() => undefined);
      for (const member of batch) await runAlone(member);
      return;
    }
    outcomes.forEach((o, i) => (o.ok ? batch[i]!.resolve(o.value) : batch[i]!.reject(o.error)));
  }

  /**
   * A batch of one: no savepoint (it would only add two statements), but still through `runMany`
   * when it has one, which writes the common case in fewer statements than `work`.
   */
  async function runSingle(member: Member): Promise<void> {
    if (!member.together) return runAlone(member);
    let trx: ControlledTransaction<Database> | undefined;
    let outcome: Outcome;
    try {
      trx = await db.startTransaction().execute();
      const [answer] = await member.together.runMany(trx, [member.together.input]);
      if (!answer) throw new Error('runMany must answer every member');
      if ('alone' in answer) {
        try {
          outcome = { ok: true, value: await member.work(trx) };
        } catch (error) {
          outcome = { ok: false, error };
        }
      } else {
        outcome = answer;
      }
      if (outcome.ok) await trx.commit().execute();
      else await trx.rollback().execute();
    } catch {
      // runMany or the commit failed: nothing of it holds, run it the plain way.
      if (trx && !trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute().catch(() => undefined);
      return runAlone(member);
    }
    if (outcome.ok) member.resolve(outcome.value);
    else member.reject(outcome.error);
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      // One turn of the event loop first: requests read in the same turn as this one join its
      // batch instead of each waiting for the one before to commit.
      await new Promise((resolve) => setImmediate(resolve));
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        if (batch.length === 1) await runSingle(batch[0]!);
        else await runBatch(batch);
      }
    } finally {
      draining = false;
    }
  }

  return {
    run<T, I = never>(work: Work<T>, together?: Together<I, T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, together: together as Together<unknown, unknown> | undefined, resolve: resolve as (v: unknown) => void, reject });
        if (!draining) void drain();
      });
    },
  };
}
