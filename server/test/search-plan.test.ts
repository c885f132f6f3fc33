/**
 * Query plans of record search and suggest on SQLite, on a database that has NO planner
 * statistics (never analysed, like a fresh install that grew to 1M records): every statement the
 * repositories run must start from an index — the search index (record_words), the ordered name
 * index, the address and domain indexes — and never scan the records table. The plans come from
 * `EXPLAIN QUERY PLAN` of the very SQL and parameters the repositories sent.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optimizeDatabase, type Db } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import type { Database } from '../src/db/schema';
import { foldText } from '../src/records/fold';
import { countRecordMatches, searchRecordHits, type RecordSearch } from '../src/records/records-search.repository';
import { findCompaniesByDomains, findRecordsByEmails } from '../src/records/records.repository';
import { testDialect } from './helpers';

// EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans from the statistics autovacuum keeps.
describe.skipIf(testDialect !== 'sqlite')('search and suggest plans on SQLite without statistics', () => {
  const sent: CompiledQuery[] = [];
  let raw: SQLite.Database;
  let db: Db;
  beforeAll(async () => {
    raw = new SQLite(':memory:');
    raw.pragma('foreign_keys = ON');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log: (e) => void sent.push(e.query) });
    await migrateToLatest(db);
    await db.insertInto('organisations').values({ id: 'o1', name: 'Org', quota: 1, created_at: '2024-01-01T00:00:00.000Z' }).execute();
    const names = ['Jean Dupont', 'Jeanne Martin', 'Acme', 'Marie Durand'];
    await db.insertInto('records').values(names.map((name, i) => ({
      id: `r${i}`, org_id: 'o1', kind: i === 2 ? 'company' as const : 'contact' as const, name, name_folded: foldText(name),
      phone: null, company_id: null, created_at: '2024-01-01T00:00:00.000Z',
    }))).execute();
    await db.insertInto('record_emails').values([{ record_id: 'r0', email: 'jean@acme.fr' }, { record_id: 'r2', email: 'contact@acme.fr' }]).execute();
    await db.insertInto('record_domains').values([{ record_id: 'r2', domain: 'acme.fr' }]).execute();
  });
  afterAll(() => db.destroy());

  const noStatistics = () =>
    expect(raw.prepare("select count(*) as n from sqlite_master where name like 'sqlite_stat%'").get()).toEqual({ n: 0 });

  /** The plan lines of every statement `run` sends. */
  async function plansOf(run: () => Promise<unknown>): Promise<string[][]> {
    sent.length = 0;
    await run();
    return sent.map((q) =>
      (raw.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail),
    );
  }
  // Not even through an index: a scan of a whole index is a scan of every record.
  const tableScan = /^SCAN (r|s|a|e|d|records|record_words|record_emails|record_domains)\b/;
  // A record reached from a candidate (an address, a word) is looked up by id, never through the
  // organisation's name index (that would visit every record of the org per candidate).
  const orgWalkAfterJoin = (plan: string[]) =>
    plan
      .filter((l) => /^SEARCH /.test(l))
      .slice(1)
      .filter((l) => /^SEARCH r .*\(org_id=\?\)$/.test(l));
  const search = (q: string, extra: Partial<RecordSearch> = {}): RecordSearch => {
    const folded = foldText(q);
    return { orgId: 'o1', words: folded ? folded.split(' ') : [], folded, raw: q.toLowerCase(), ...extra };
  };

  it.each([['jean'], ['jean du'], ['du jean'], ['acme.fr'], ['marie@'], ['contact@'], ['zzz'], ['']])(
    'search %j: indexes only, never a scan of the records',
    async (q) => {
      noStatistics();
      const plans = await plansOf(async () => {
        await searchRecordHits(db, search(q), 21);
        await countRecordMatches(db, search(q), 1001);
        await searchRecordHits(db, search(q, { kind: 'company', after: { rank: 2, name: 'a', id: 'x' } }), 21);
      });
      expect(plans.length).toBeGreaterThan(0);
      for (const plan of plans) {
        expect(plan.filter((line) => tableScan.test(line))).toEqual([]);
        expect(orgWalkAfterJoin(plan)).toEqual([]);
      }
    },
  );

  it('reads the word bucket from record_words by org and word range, each word in name order', async () => {
    const plans = await plansOf(() => searchRecordHits(db, search('zzz'), 21));
    const wordPlan = plans.find((p) => p.some((l) => l.includes('record_words')))!;
    expect(wordPlan.filter((l) => l.startsWith('SEARCH'))).toEqual([
      // The skip scan: first word of the prefix, then each next one.
      'SEARCH record_words USING PRIMARY KEY (org_id=? AND word>? AND word<?)',
      'SEARCH record_words USING PRIMARY KEY (org_id=? AND word>? AND word<?)',
      // Each word's records, read in (name_folded, record_id) order: the key after (org_id, word).
      'SEARCH s USING PRIMARY KEY (org_id=? AND word=?)',
    ]);
    // The only sort is the merge of at most k rows per word, never of every match.
    expect(wordPlan.filter((l) => l.includes('TEMP B-TREE'))).toEqual(['USE TEMP B-TREE FOR DISTINCT']);
  });

  it('reads the name buckets from the name index in order, without sorting', async () => {
    const plans = await plansOf(() => searchRecordHits(db, search('zzz'), 21));
    const [exact, prefix] = plans;
    expect(exact).toEqual([expect.stringMatching(/^SEARCH r USING COVERING INDEX records_search_name_idx \(org_id=\? AND name_folded=\?\)$/)]);
    expect(prefix).toEqual([expect.stringMatching(/^SEARCH r USING COVERING INDEX records_search_name_idx \(org_id=\? AND name_folded>\? AND name_folded<\?\)$/)]);
  });

  it('suggest starts from the address and domain indexes', async () => {
    noStatistics();
    const [byEmail] = await plansOf(() => findRecordsByEmails(db, 'o1', ['jean@acme.fr', 'x@y.fr']));
    expect(byEmail!.slice(0, 2)).toEqual([
      expect.stringMatching(/^SEARCH e USING (COVERING )?INDEX record_emails_email_idx \(email=\?\)$/),
      expect.stringMatching(/^SEARCH r USING (COVERING )?INDEX (records_id_org_kind_idx|sqlite_autoindex_records_1) \(id=\?/),
    ]);
    const [byDomain] = await plansOf(() => findCompaniesByDomains(db, 'o1', ['acme.fr', 'mail.acme.fr']));
    expect(byDomain!.slice(0, 2)).toEqual([
      expect.stringMatching(/^SEARCH d USING (COVERING )?INDEX record_domains_domain_idx \(domain=\?\)$/),
      expect.stringMatching(/^SEARCH r USING (COVERING )?INDEX (records_id_org_kind_idx|sqlite_autoindex_records_1) \(id=\?/),
    ]);
  });
});

describe.skipIf(testDialect !== 'sqlite')('optimizeDatabase', () => {
  it('gives a never-analysed database its planner statistics', async () => {
    const raw = new SQLite(':memory:');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
    await migrateToLatest(db);
    await db.insertInto('organisations').values({ id: 'o1', name: 'Org', quota: 1, created_at: '2024-01-01T00:00:00.000Z' }).execute();
    await db.insertInto('records').values(Array.from({ length: 300 }, (_, i) => ({
      id: `r${i}`, org_id: 'o1', kind: 'contact' as const, name: `Person ${i}`, name_folded: `person ${i}`,
      phone: null, company_id: null, created_at: '2024-01-01T00:00:00.000Z',
    }))).execute();
    await optimizeDatabase(db);
    const stats = raw.prepare("select idx from sqlite_stat1 where tbl = 'records' order by idx").all();
    expect(stats).toContainEqual({ idx: 'records_search_name_idx' });
    await db.destroy();
  });
});
