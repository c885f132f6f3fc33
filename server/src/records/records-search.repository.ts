/**
 * Record search at CRM sizes (1M records per organisation): ranked buckets, each read from an
 * index already in the order of the answer, stopping as soon as the page (limit + 1) is full.
 *
 *   rank 0  exact folded name          records_search_name_idx (org_id, name_folded, id, kind)
 *   rank 1  folded name prefix         the same index, a range in name order
 *   rank 2  every word starts a word   record_words: each distinct word of the prefix, its
 *                                      records in name order (a k-way merge of ≤ k rows per word)
 *   rank 3  email / domain prefix      record_emails / record_domains ranges, then name order
 *
 * Within a bucket rows are ordered by (name_folded, id) in byte order on both databases; a cursor
 * is the (rank, name_folded, id) of the last row given. Prefix ranges are `>= p and < p + U+10FFFF`
 * (no LIKE, so no wildcard or case rules differ between SQLite and PostgreSQL).
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';
import type { RecordsTable } from '../db/tables/content.table';
import { escapeLike } from './fold';

export type SearchRank = 0 | 1 | 2 | 3;

/** Where a page starts: after this row of this bucket. */
export interface SearchKey {
  rank: SearchRank;
  name: string;
  id: string;
}

export interface RecordSearch {
  orgId: string;
  /** Folded words of the query; each must start a word of the folded name. */
  words: string[];
  /** The whole folded query, for the exact and name-prefix ranks. */
  folded: string;
  /** The query lower-cased as typed, for email and domain prefixes. */
  raw: string;
  kind?: RecordsTable['kind'];
  after?: SearchKey;
}

export type SearchHit = SearchKey;

/** Above this many address/domain candidates the email bucket walks names instead of sorting. */
const SORT_CANDIDATES_MAX = 2_000;

/** The end of a prefix range: every string starting with `p` sorts before it (byte order). */
const upper = (p: string) => `${p}\u{10FFFF}`;

type Frag = RawBuilder<unknown>;
/** A record's folded name and id as compared and ordered on both databases (bytes). */
const byteOrder = (db: Db, col: string) => (isPostgres(db) ? sql.raw(`${col} collate "C"`) : sql.raw(col));

/**
 * SQLite without statistics would probe a candidate's record through the org's name index (every
 * record of the org per candidate) or scan addresses in record order: pin the lookups. PostgreSQL
 * plans these from its statistics.
 */
const pinned = (db: Db, table: string, alias: string, index: string) =>
  isPostgres(db) ? sql.raw(`${table} ${alias}`) : sql.raw(`${table} ${alias} indexed by ${index}`);
const recordById = (db: Db) => pinned(db, 'records', 'r', 'records_id_org_kind_idx');

/** `name` has a word starting with `word`. */
const wordStart = (name: Frag, word: string) => sql<SqlBool>`(' ' || ${name}) like ${`% ${escapeLike(word)}%`} escape '\\'`;
const allWordsStart = (name: Frag, words: string[]) =>
  words.length ? sql<SqlBool>`(${sql.join(words.map((w) => wordStart(name, w)), sql` and `)})` : sql<SqlBool>`(1 = 1)`;

/** The cursor's condition for a bucket: rows after the key in its own bucket, all rows in later ones. */
function afterKey(rank: SearchRank, after: SearchKey | undefined, name: Frag, id: Frag): Frag {
  if (!after || after.rank !== rank) return sql`1 = 1`;
  return sql`(${name}, ${id}) > (${after.name}, ${after.id})`;
}
const kindIs = (col: Frag, kind: RecordSearch['kind']) => (kind ? sql`${col} = ${kind}` : sql`1 = 1`);

async function hits(db: Db, rank: SearchRank, query: Frag): Promise<SearchHit[]> {
  const { rows } = await query.execute(db);
  return (rows as { name_folded: string; id: string }[]).map((r) => ({ rank, name: r.name_folded, id: r.id }));
}

/** Ranks 0 and 1, and the plain listing (no query): the name index read in order. */
function nameBucket(db: Db, s: RecordSearch, rank: 0 | 1, k: number): Promise<SearchHit[]> {
  const name = byteOrder(db, 'r.name_folded');
  const id = byteOrder(db, 'r.id');
  const range =
    s.folded === ''
      ? sql`1 = 1`
      : rank === 0
        ? sql`${name} = ${s.folded}`
        : sql`${name} > ${s.folded} and ${name} < ${upper(s.folded)}`;
  return hits(db, rank, sql`select r.name_folded, r.id from records r
    where r.org_id = ${s.orgId} and ${range} and ${kindIs(sql.ref('r.kind'), s.kind)} and ${afterKey(rank, s.after, name, id)}
    order by ${name}, ${id} limit ${k}`);
}

/** The query word that drives the word bucket: the longest, the most selective as a prefix. */
const driverWord = (words: string[]) => words.reduce((a, b) => (b.length > a.length ? b : a));

/**
 * Rank 2. The distinct words starting with the driver word are listed by a skip scan (one index
 * seek each); for each, its first `k` matching records in name order; the merge of those is the
 * exact first `k` overall (a record among the first k overall is among the first k of its word).
 */
function wordBucket(db: Db, s: RecordSearch, k: number): Promise<SearchHit[]> {
  const driver = driverWord(s.words);
  const others = s.words.filter((w, i) => i !== s.words.indexOf(driver));
  const name = sql.ref('s.name_folded');
  const id = sql.ref('s.record_id');
  // Not already given by ranks 0 and 1.
  const notNamePrefix = sql`(s.name_folded < ${s.folded} or s.name_folded >= ${upper(s.folded)})`;
  const filters = sql`${kindIs(sql.ref('s.kind'), s.kind)} and ${allWordsStart(name, others)} and ${notNamePrefix}
    and ${afterKey(2, s.after, name, id)}`;
  const words = sql`words(w) as (
      select (select word from record_words where org_id = ${s.orgId} and word >= ${driver} and word < ${upper(driver)} order by word limit 1)
      union all
      select (select word from record_words where org_id = ${s.orgId} and word > words.w and word < ${upper(driver)} order by word limit 1)
      from words where words.w is not null)`;
  const perWord = sql`select s.name_folded, s.record_id from record_words s
    where s.org_id = ${s.orgId} and s.word = words.w and ${filters} order by s.name_folded, s.record_id limit ${k}`;
  if (isPostgres(db)) {
    return hits(db, 2, sql`with recursive ${words}
      select distinct h.name_folded, h.record_id as id from words cross join lateral (${perWord}) h
      order by h.name_folded, id limit ${k}`);
  }
  // SQLite has no LATERAL: each word's rows come back from a correlated subquery as one JSON array.
  return hits(db, 2, sql`with recursive ${words}
    select distinct h.value ->> 0 as name_folded, h.value ->> 1 as id
    from words, json_each((select json_group_array(json_array(p.name_folded, p.record_id)) from (${perWord}) p)) h
    where words.w is not null
    order by 1, 2 limit ${k}`);
}

/** Record ids whose address or domain starts with the raw query. */
const addressCandidates = (raw: string) => sql`(
  select record_id from record_emails where email >= ${raw} and email < ${upper(raw)}
  union select record_id from record_domains where domain >= ${raw} and domain < ${upper(raw)})`;

/**
 * Rank 3. Few candidates (the usual case, e.g. "acme.fr"): fetch and sort them. Many (e.g.
 * "contact@" on every company): walk the organisation's names in order, probing each record's
 * addresses, which finds k quickly because matches are then dense.
 */
async function addressBucket(db: Db, s: RecordSearch, k: number): Promise<SearchHit[]> {
  const name = byteOrder(db, 'r.name_folded');
  const id = byteOrder(db, 'r.id');
  const notNamed = s.words.length ? sql`not ${allWordsStart(sql.ref('r.name_folded'), s.words)}` : sql`1 = 1`;
  const filters = sql`r.org_id = ${s.orgId} and ${kindIs(sql.ref('r.kind'), s.kind)} and ${notNamed} and ${afterKey(3, s.after, name, id)}`;
  const { rows } = await sql<{ n: number | string }>`select
      (select count(*) from (select 1 from record_emails where email >= ${s.raw} and email < ${upper(s.raw)} limit ${SORT_CANDIDATES_MAX}) email_hits)
    + (select count(*) from (select 1 from record_domains where domain >= ${s.raw} and domain < ${upper(s.raw)} limit ${SORT_CANDIDATES_MAX}) domain_hits) as n`.execute(db);
  if (Number(rows[0]?.n ?? 0) < SORT_CANDIDATES_MAX) {
    // CROSS JOIN: SQLite keeps the candidates as the outer loop whatever its statistics say.
    return hits(db, 3, sql`select r.name_folded, r.id from ${addressCandidates(s.raw)} c cross join ${recordById(db)}
      where r.id = c.record_id and ${filters} order by ${name}, ${id} limit ${k}`);
  }
  const index = isPostgres(db) ? sql`` : sql`indexed by records_search_name_idx`;
  return hits(db, 3, sql`select r.name_folded, r.id from records r ${index}
    where ${filters} and (
      exists (select 1 from record_emails e where e.record_id = r.id and e.email >= ${s.raw} and e.email < ${upper(s.raw)})
      or exists (select 1 from record_domains d where d.record_id = r.id and d.domain >= ${s.raw} and d.domain < ${upper(s.raw)}))
    order by ${name}, ${id} limit ${k}`);
}

/** Up to `k` hits in answer order, starting after `s.after`. */
export async function searchRecordHits(db: Db, s: RecordSearch, k: number): Promise<SearchHit[]> {
  if (s.folded === '' && s.raw === '') return nameBucket(db, s, 0, k);
  const out: SearchHit[] = [];
  const from = s.after?.rank ?? 0;
  const buckets: [SearchRank, () => Promise<SearchHit[]>][] = [];
  if (s.folded !== '') {
    buckets.push([0, () => nameBucket(db, s, 0, k - out.length)]);
    buckets.push([1, () => nameBucket(db, s, 1, k - out.length)]);
    buckets.push([2, () => wordBucket(db, s, k - out.length)]);
  }
  if (s.raw !== '') buckets.push([3, () => addressBucket(db, s, k - out.length)]);
  for (const [rank, run] of buckets) {
    if (rank < from) continue;
    if (out.length >= k) break;
    out.push(...(await run()));
  }
  return out;
}

/**
 * How many records match, counting at most `cap` (the answer says "1,000+" beyond): the records
 * found by name through the word index, then those found only by address or domain; each count
 * streams and stops at the cap, so its cost follows the cap, not the organisation's size.
 */
export async function countRecordMatches(db: Db, s: RecordSearch, cap: number): Promise<number> {
  const count = async (q: Frag) => {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from (${q}) x`.execute(db);
    return Number(rows[0]?.n ?? 0);
  };
  const kind = (col: string) => kindIs(sql.ref(col), s.kind);
  if (s.folded === '' && s.raw === '') {
    return count(sql`select 1 from records r where r.org_id = ${s.orgId} and ${kind('r.kind')} limit ${cap}`);
  }
  // Records found by name, and records found by address or domain only: disjoint, so they add up.
  let byName = 0;
  if (s.words.length) {
    // A name prefix alone often holds the cap ("a", "jean du"): read from the name index, no dedup.
    const prefixed = await count(sql`select 1 from records r where r.org_id = ${s.orgId}
      and r.name_folded >= ${s.folded} and r.name_folded < ${upper(s.folded)} and ${kind('r.kind')} limit ${cap}`);
    if (prefixed >= cap) return prefixed;
    const driver = driverWord(s.words);
    const others = s.words.filter((w, i) => i !== s.words.indexOf(driver));
    byName = await count(sql`select distinct s.record_id from record_words s
      where s.org_id = ${s.orgId} and s.word >= ${driver} and s.word < ${upper(driver)}
        and ${kind('s.kind')} and ${allWordsStart(sql.ref('s.name_folded'), others)} limit ${cap}`);
  }
  if (byName >= cap || !s.raw) return byName;
  // With no record found by name there is nothing to exclude, and the lookup of a candidate's
  // record stays inside records_id_org_kind_idx (no table row read for its name).
  const notNamed = byName > 0 ? sql`not ${allWordsStart(sql.ref('r.name_folded'), s.words)}` : sql`1 = 1`;
  const emailStarts = (id: Frag) =>
    sql`exists (select 1 from record_emails e where e.record_id = ${id} and e.email >= ${s.raw} and e.email < ${upper(s.raw)})`;
  // Each count streams from its index and stops at the cap (a compound subquery would be
  // materialised whole: every "contact@" of both organisations).
  const byEmail = await count(sql`select distinct a.record_id
    from ${pinned(db, 'record_emails', 'a', 'record_emails_email_idx')} cross join ${recordById(db)}
    where a.email >= ${s.raw} and a.email < ${upper(s.raw)} and r.id = a.record_id
      and r.org_id = ${s.orgId} and ${kind('r.kind')} and ${notNamed} limit ${cap - byName}`);
  if (byName + byEmail >= cap) return byName + byEmail;
  const byDomainOnly = await count(sql`select distinct a.record_id
    from ${pinned(db, 'record_domains', 'a', 'record_domains_domain_idx')} cross join ${recordById(db)}
    where a.domain >= ${s.raw} and a.domain < ${upper(s.raw)} and r.id = a.record_id
      and r.org_id = ${s.orgId} and ${kind('r.kind')} and ${notNamed} and not ${emailStarts(sql.ref('a.record_id'))}
    limit ${cap - byName - byEmail}`);
  const byAddress = byEmail + byDomainOnly;
  return byName + byAddress;
}
