import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGroupCommit, type RunMany } from '../src/db/group-commit';
import type { Db } from '../src/db/database';
import { t, useAppForFile } from './helpers/app-for-file';

useAppForFile();

// A table of this file's own: a deferred foreign key lets a member's work succeed and its
// transaction fail only at COMMIT (the same syntax works on SQLite and PostgreSQL).
beforeAll(async () => {
  await sql`create table gc_parent (id text primary key)`.execute(t.db);
  await sql`create table gc_child (id text primary key, parent_id text references gc_parent (id) deferrable initially deferred)`.execute(t.db);
  await sql`insert into gc_parent (id) values ('p')`.execute(t.db);
});

const insertChild = (db: Db, id: string, parent = 'p') => sql`insert into gc_child (id, parent_id) values (${id}, ${parent})`.execute(db);
const childIds = async () =>
  (await sql<{ id: string }>`select id from gc_child order by id`.execute(t.db)).rows.map((r) => r.id);

/** A member that holds the committer's current batch open until `release()`, so the next calls queue up together. */
function gate() {
  let release!: () => void;
  const opened = new Promise<void>((r) => (release = r));
  return { release, work: async () => opened };
}

type Settled = { status: 'fulfilled'; value: unknown } | { status: 'rejected'; reason: unknown };
const statuses = (results: Settled[]) => results.map((r) => r.status);

describe('group commit', () => {
  it('runs queued members in one transaction and answers each with its own result', async () => {
    const commits = createGroupCommit(t.db);
    const g = gate();
    const first = commits.run(g.work);
    const runs: string[] = [];
    const batch = ['a1', 'a2', 'a3'].map((id) => commits.run(async (trx) => {
      runs.push(id);
      await insertChild(trx, id);
      return id.toUpperCase();
    }));
    g.release();
    await first;
    expect(await Promise.all(batch)).toEqual(['A1', 'A2', 'A3']);
    expect(runs).toEqual(['a1', 'a2', 'a3']);
    expect(await childIds()).toEqual(expect.arrayContaining(['a1', 'a2', 'a3']));
  });

  it('rolls back a failing member alone: the others commit, it gets its own error and leaves nothing', async () => {
    const commits = createGroupCommit(t.db);
    const g = gate();
    const first = commits.run(g.work);
    const boom = new Error('member b2 fails');
    const results = Promise.allSettled([
      commits.run((trx) => insertChild(trx, 'b1')),
      commits.run(async (trx) => {
        await insertChild(trx, 'b2');
        throw boom;
      }),
      // A statement error (duplicate key) in the middle of a transaction: on PostgreSQL this
      // aborts the whole transaction unless rolled back to the member's savepoint.
      commits.run((trx) => insertChild(trx, 'b1')),
      commits.run((trx) => insertChild(trx, 'b4')),
    ]);
    g.release();
    await first;
    const settled = (await results) as Settled[];
    expect(statuses(settled)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((settled[1] as { reason: unknown }).reason).toBe(boom);
    const ids = await childIds();
    expect(ids).toEqual(expect.arrayContaining(['b1', 'b4']));
    expect(ids).not.toContain('b2');
  });

  it('acknowledges nothing from a transaction that failed to commit: members are retried alone', async () => {
    const commits = createGroupCommit(t.db);
    const g = gate();
    const first = commits.run(g.work);
    const runs = new Map<string, number>();
    const member = (id: string, parent = 'p') =>
      commits.run(async (trx) => {
        runs.set(id, (runs.get(id) ?? 0) + 1);
        await insertChild(trx, id, parent);
        return id;
      });
    // c2's row points at no parent: its work succeeds, the COMMIT of the batch fails.
    const results = Promise.allSettled([member('c1'), member('c2', 'missing'), member('c3')]);
    g.release();
    await first;
    const settled = (await results) as Settled[];
    expect(statuses(settled)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // c1 and c3 had succeeded inside the failed transaction; they were answered only after
    // their own transaction committed, which is why each ran twice.
    expect([runs.get('c1'), runs.get('c2'), runs.get('c3')]).toEqual([2, 2, 2]);
    const ids = await childIds();
    expect(ids.filter((id) => id.startsWith('c'))).toEqual(['c1', 'c3']);
  });

  it('keeps serving after a failed batch', async () => {
    const commits = createGroupCommit(t.db);
    await expect(commits.run((trx) => insertChild(trx, 'd1', 'missing'))).rejects.toThrow();
    await expect(commits.run(async (trx) => (await insertChild(trx, 'd2'), 'ok'))).resolves.toBe('ok');
    expect(await childIds()).toContain('d2');
  });

  it('runs members with one runMany together; those it sends back run alone after it', async () => {
    const commits = createGroupCommit(t.db);
    const calls: string[][] = [];
    const runMany: RunMany<string, string> = async (trx, ids) => {
      calls.push(ids);
      const outcomes = [];
      for (const id of ids) {
        if (id.endsWith('alone')) {
          outcomes.push({ alone: true } as const);
          continue;
        }
        await insertChild(trx, id);
        outcomes.push({ ok: true, value: `together:${id}` } as const);
      }
      return outcomes;
    };
    const member = (id: string) => commits.run(async (trx) => (await insertChild(trx, id), `alone:${id}`), { runMany, input: id });
    const g = gate();
    const first = commits.run(g.work);
    const results = Promise.all([member('e1'), member('e2-alone'), member('e3'), commits.run(async (trx) => (await insertChild(trx, 'e4'), 'plain'))]);
    g.release();
    await first;
    expect(await results).toEqual(['together:e1', 'alone:e2-alone', 'together:e3', 'plain']);
    expect(calls).toEqual([['e1', 'e2-alone', 'e3']]);
    expect(await childIds()).toEqual(expect.arrayContaining(['e1', 'e2-alone', 'e3', 'e4']));
  });

  it('runs every member alone when runMany fails, keeping none of what it wrote', async () => {
    const commits = createGroupCommit(t.db);
    const runMany: RunMany<string, string> = async (trx, ids) => {
      await insertChild(trx, 'f-partial');
      throw new Error(`runMany failed on ${ids.join(',')}`);
    };
    const member = (id: string, parent = 'p') => commits.run(async (trx) => (await insertChild(trx, id, parent), id), { runMany, input: id });
    const g = gate();
    const first = commits.run(g.work);
    const results = Promise.allSettled([member('f1'), member('f2'), member('f3', 'missing')]);
    g.release();
    await first;
    expect(statuses((await results) as Settled[])).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const ids = await childIds();
    expect(ids).toEqual(expect.arrayContaining(['f1', 'f2']));
    expect(ids).not.toContain('f-partial');
    expect(ids).not.toContain('f3');
  });

  it('takes a batch of one through runMany too, and its own work when sent back', async () => {
    const commits = createGroupCommit(t.db);
    const runMany: RunMany<string, string> = async (trx, ids) =>
      Promise.all(ids.map(async (id) => (id === 'g2' ? { alone: true as const } : (await insertChild(trx, id), { ok: true as const, value: 'together' }))));
    expect(await commits.run(async () => 'work', { runMany, input: 'g1' })).toBe('together');
    expect(await commits.run(async (trx) => (await insertChild(trx, 'g2'), 'work'), { runMany, input: 'g2' })).toBe('work');
    await expect(commits.run((trx) => insertChild(trx, 'g3', 'missing'), { runMany: async () => [{ alone: true }], input: 'g3' })).rejects.toThrow();
    expect(await childIds()).toEqual(expect.arrayContaining(['g1', 'g2']));
    expect(await childIds()).not.toContain('g3');
  });
});
