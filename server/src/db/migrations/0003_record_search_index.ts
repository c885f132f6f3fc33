import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isPostgres } from '../dialect';

// The record search index (server/src/records/records-search.repository.ts reads it).
//
// record_words: one row per distinct word of a record's folded name, keyed
// (org_id, word, name_folded, record_id). A word-prefix search walks the distinct words of the
// prefix and reads each word's records already in name order, so ranking by name never sorts
// every match. (FTS5 was the first idea; it returns matches in rowid order, and a common word such
// as "dupont" at 1M records then needs thousands of rows fetched and sorted per keystroke.)
//
// Kept right by triggers on `records` (insert, rename, kind change, delete — cascades included),
// so every writer — services, merges, imports, a delete of the organisation — keeps it in the same
// transaction without knowing it exists. name_folded holds words of letters and digits separated
// by single spaces (records/fold.ts), which the triggers split on spaces.
//
// On PostgreSQL the text columns compare in byte order (collate "C") like SQLite, so both
// databases give the same rows in the same order, and prefix ranges (>= p and < p || U+10FFFF)
// can use the b-trees.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await upPostgres(db);
  else await upSqlite(db);
}

/** SQLite: `json_each` splits the folded name (CTEs are not allowed inside triggers). */
const sqliteWords = (name: string) =>
  `json_each('["' || replace(replace(replace(${name}, '\\', '\\\\'), '"', '\\"'), ' ', '","') || '"]')`;
const sqliteInsertWords = (row: string, from = '', order = '') => `
  insert into record_words (org_id, word, name_folded, record_id, kind)
  select distinct ${row}.org_id, value, ${row}.name_folded, ${row}.id, ${row}.kind
  from ${from}${sqliteWords(`${row}.name_folded`)} where value <> '' ${order};`;
const sqliteDeleteWords = `
  delete from record_words where org_id = old.org_id and name_folded = old.name_folded and record_id = old.id
    and word in (select value from ${sqliteWords('old.name_folded')});`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function upSqlite(db: Kysely<any>): Promise<void> {
  await sql`create table record_words (
    org_id text not null,
    word text not null,
    name_folded text not null,
    record_id text not null,
    kind text not null,
    primary key (org_id, word, name_folded, record_id)
  ) without rowid`.execute(db);
  await sql.raw(`create trigger records_words_insert after insert on records begin ${sqliteInsertWords('new')} end`).execute(db);
  await sql.raw(`create trigger records_words_delete after delete on records begin ${sqliteDeleteWords} end`).execute(db);
  await sql
    .raw(`create trigger records_words_update after update of org_id, name_folded, kind, id on records begin
      ${sqliteDeleteWords} ${sqliteInsertWords('new')} end`)
    .execute(db);
  // Backfill the records that exist, in key order: appending to the b-tree is several times
  // faster than inserting at random places when there are millions.
  await sql.raw(sqliteInsertWords('records', 'records, ', 'order by 1, 2, 3, 4')).execute(db);

  // The name ranks (exact, name prefix, listing) read this index in order; kind rides along so a
  // kind filter does not visit the table. Replaces records_org_name_idx, its prefix.
  await sql`create index records_search_name_idx on records (org_id, name_folded, id, kind)`.execute(db);
  await sql`drop index records_org_name_idx`.execute(db);
  await coveringLookups(db, sql``);
}

/**
 * Address and domain lookups (search prefixes, suggest) read the record id from the index itself,
 * and a record's organisation and kind from (id, org_id, kind), without visiting table rows: two
 * seeks per candidate instead of four. `collate` is PostgreSQL's byte order for prefix ranges.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function coveringLookups(db: Kysely<any>, collate: RawBuilder<unknown>): Promise<void> {
  await sql`drop index record_emails_email_idx`.execute(db);
  await sql`create index record_emails_email_idx on record_emails (email ${collate}, record_id)`.execute(db);
  await sql`drop index record_domains_domain_idx`.execute(db);
  await sql`create index record_domains_domain_idx on record_domains (domain ${collate}, record_id)`.execute(db);
  await sql`create index records_id_org_kind_idx on records (id, org_id, kind)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql`create table record_words (
    org_id text not null,
    word text collate "C" not null,
    name_folded text collate "C" not null,
    record_id text collate "C" not null,
    kind text not null,
    primary key (org_id, word, name_folded, record_id)
  )`.execute(db);
  await sql`create function record_words_sync() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        delete from record_words
        where org_id = old.org_id and word = any(string_to_array(old.name_folded, ' '))
          and name_folded = old.name_folded and record_id = old.id;
      end if;
      if tg_op <> 'DELETE' then
        insert into record_words (org_id, word, name_folded, record_id, kind)
        select distinct new.org_id, w, new.name_folded, new.id, new.kind
        from unnest(string_to_array(new.name_folded, ' ')) as w where w <> '';
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger records_words_sync after insert or delete or update of org_id, name_folded, kind, id
    on records for each row execute function record_words_sync()`.execute(db);
  await sql`insert into record_words (org_id, word, name_folded, record_id, kind)
    select distinct r.org_id, w, r.name_folded, r.id, r.kind
    from records r cross join lateral unnest(string_to_array(r.name_folded, ' ')) as w where w <> ''`.execute(db);

  await sql`create index records_search_name_idx on records (org_id, name_folded collate "C", id collate "C", kind)`.execute(db);
  await sql`drop index records_org_name_idx`.execute(db);
  await coveringLookups(db, sql`collate "C"`);
  // The suggest endpoint's equality lookups keep an index in the column's own collation.
  await sql`create index record_emails_email_eq_idx on record_emails (email, record_id)`.execute(db);
  await sql`create index record_domains_domain_eq_idx on record_domains (domain, record_id)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists records_words_sync on records`.execute(db);
    await sql`drop function if exists record_words_sync()`.execute(db);
    await sql`drop index if exists record_emails_email_eq_idx`.execute(db);
    await sql`drop index if exists record_domains_domain_eq_idx`.execute(db);
  } else {
    for (const t of ['records_words_insert', 'records_words_delete', 'records_words_update']) {
      await sql.raw(`drop trigger if exists ${t}`).execute(db);
    }
  }
  await sql`drop index if exists records_id_org_kind_idx`.execute(db);
  await sql`drop index if exists record_emails_email_idx`.execute(db);
  await sql`create index record_emails_email_idx on record_emails (email)`.execute(db);
  await sql`drop index if exists record_domains_domain_idx`.execute(db);
  await sql`create index record_domains_domain_idx on record_domains (domain)`.execute(db);
  await sql`create index if not exists records_org_name_idx on records (org_id, name_folded)`.execute(db);
  await sql`drop index if exists records_search_name_idx`.execute(db);
  await sql`drop table if exists record_words`.execute(db);
}
