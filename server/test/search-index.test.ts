/**
 * The search index (record_words, migration 0003) stays right through everything that writes
 * records: create, rename, kind-preserving edits, email and domain changes, deletes (one record,
 * and a whole organisation by cascade), and the backfill of records that existed before it.
 * Runs on SQLite and on PostgreSQL (`node scripts/with-postgres.mjs npx vitest run --project server <file>`).
 */
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CrmRecord, RecordList } from '../../contract/records';
import { createDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { foldText } from '../src/records/fold';
import { createEmptyDatabaseUrl } from './helpers/test-database';
import { member, otherMember, t, useAppForFile } from './helpers/app-for-file';

useAppForFile();

async function create(token: string, body: Record<string, unknown>): Promise<CrmRecord> {
  const res = await t.request(token, { method: 'POST', url: '/api/records', payload: body });
  if (res.statusCode !== 201) throw new Error(`create record: ${res.statusCode} ${res.body}`);
  return res.json();
}
const patch = async (id: string, body: Record<string, unknown>) => {
  const res = await t.request(member, { method: 'PATCH', url: `/api/records/${id}`, payload: body });
  expect(res.statusCode).toBe(200);
};
const find = async (q: string, token = member): Promise<string[]> => {
  const res = await t.request(token, { method: 'GET', url: `/api/records?q=${encodeURIComponent(q)}&limit=100` });
  expect(res.statusCode).toBe(200);
  return (res.json() as RecordList).items.map((r) => r.id);
};
/** The index rows of a record, as sorted "word|name_folded|kind" strings. */
const indexOf = async (id: string) =>
  (await t.db.selectFrom('record_words').select(['word', 'name_folded', 'kind', 'org_id']).where('record_id', '=', id).execute())
    .map((r) => `${r.word}|${r.name_folded}|${r.kind}|${r.org_id === t.seed.org.id ? 'acme' : r.org_id}`)
    .sort();
const expectedIndex = (name: string, kind: string) => {
  const folded = foldText(name);
  return [...new Set(folded.split(' '))].map((w) => `${w}|${folded}|${kind}|acme`).sort();
};

describe('record_words follows the records', () => {
  it('holds each distinct word of a new record once', async () => {
    const rec = await create(member, { kind: 'contact', name: 'Jean-Jean Lévêque Jean' });
    expect(await indexOf(rec.id)).toEqual(expectedIndex('Jean-Jean Lévêque Jean', 'contact'));
    expect(await indexOf(rec.id)).toHaveLength(2);
    expect(await find('leve')).toEqual([rec.id]);
  });

  it('follows a rename: the old words stop matching, the new ones match', async () => {
    const rec = await create(member, { kind: 'client', name: 'Zacharie Old-Name' });
    await patch(rec.id, { name: 'Zacharie Nouveau Nom' });
    expect(await indexOf(rec.id)).toEqual(expectedIndex('Zacharie Nouveau Nom', 'client'));
    expect(await find('old')).not.toContain(rec.id);
    expect(await find('nouv')).toEqual([rec.id]);
    expect(await find('zacharie nom')).toEqual([rec.id]);
  });

  it('is untouched by edits of other fields, and email/domain edits change what matches', async () => {
    const co = await create(member, { kind: 'company', name: 'Quillon Conseil', domains: ['quillon-old.fr'], emails: ['info@quillon-old.fr'] });
    const before = await indexOf(co.id);
    await patch(co.id, { phone: '+33 1', domains: ['quillon-new.fr'], emails: ['hello@quillon-new.fr'] });
    expect(await indexOf(co.id)).toEqual(before);
    expect(await find('quillon-old')).toEqual([]);
    expect(await find('info@quillon')).toEqual([]);
    expect(await find('quillon-new.f')).toEqual([co.id]);
    expect(await find('hello@quillon-n')).toEqual([co.id]);
  });

  it('never lists another organisation\'s record by the same word', async () => {
    const own = await create(member, { kind: 'client', name: 'Wilfried Commun' });
    const foreign = await create(otherMember, { kind: 'client', name: 'Wilfried Commun' });
    expect(await find('commun')).toEqual([own.id]);
    expect(await find('wilfried commun', otherMember)).toEqual([foreign.id]);
  });

  it('drops a deleted record, and an organisation deleted with its records', async () => {
    const gone = await create(member, { kind: 'client', name: 'Xavier Partant' });
    await t.db.deleteFrom('records').where('id', '=', gone.id).execute();
    expect(await indexOf(gone.id)).toEqual([]);
    expect(await find('partant')).toEqual([]);

    const foreign = await create(otherMember, { kind: 'client', name: 'Yolande Globex' });
    expect(await find('yolande', otherMember)).toEqual([foreign.id]);
    await t.db.deleteFrom('organisations').where('id', '=', t.seed.otherOrg.id).execute();
    const left = await t.db.selectFrom('record_words').select('record_id').where('org_id', '=', t.seed.otherOrg.id).execute();
    expect(left).toEqual([]);
  });

});

describe('migration 0003', () => {
  it('backfills the index for records that existed before it', async () => {
    const empty = await createEmptyDatabaseUrl();
    const db = empty.url ? createDatabase({ kind: 'postgres', url: empty.url }) : createDatabase({ kind: 'sqlite', file: ':memory:' });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      expect((await migrator.migrateTo('0002_login_attempts')).error).toBeUndefined();
      const now = new Date().toISOString();
      await db.insertInto('organisations').values({ id: 'o1', name: 'Old', quota: 1, created_at: now }).execute();
      const old = [
        { id: 'r1', name: 'Élodie Marchand-Dupré' },
        { id: 'r2', name: 'Marchand SA' },
      ];
      for (const r of old) {
        await db.insertInto('records').values({ ...r, org_id: 'o1', kind: 'client', name_folded: foldText(r.name), phone: null, company_id: null, created_at: now }).execute();
      }
      await migrateToLatest(db);
      const rows = await db.selectFrom('record_words').select(['record_id', 'word']).orderBy('record_id').orderBy('word').execute();
      expect(rows).toEqual([
        { record_id: 'r1', word: 'dupre' },
        { record_id: 'r1', word: 'elodie' },
        { record_id: 'r1', word: 'marchand' },
        { record_id: 'r2', word: 'marchand' },
        { record_id: 'r2', word: 'sa' },
      ]);
    } finally {
      await db.destroy();
      await empty.drop();
    }
  });
});
