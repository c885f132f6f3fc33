import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';
import type { NewRecord, RecordRow, RecordsTable } from '../db/tables/content.table';
import { escapeLike } from './fold';

export async function insertRecord(db: Db, row: NewRecord): Promise<void> {
  await db.insertInto('records').values(row).execute();
}

export async function updateRecordRow(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<Pick<RecordsTable, 'name' | 'name_folded' | 'phone' | 'company_id'>>,
): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('records').set(patch).where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function replaceRecordEmails(db: Db, recordId: string, emails: string[]): Promise<void> {
  await db.deleteFrom('record_emails').where('record_id', '=', recordId).execute();
  if (emails.length) {
    await db.insertInto('record_emails').values(emails.map((email) => ({ record_id: recordId, email }))).execute();
  }
}

export async function replaceRecordDomains(db: Db, recordId: string, domains: string[]): Promise<void> {
  await db.deleteFrom('record_domains').where('record_id', '=', recordId).execute();
  if (domains.length) {
    await db.insertInto('record_domains').values(domains.map((domain) => ({ record_id: recordId, domain }))).execute();
  }
}

/** Scoped by organisation: another organisation's record reads as missing. */
export async function findRecordRow(db: Db, orgId: string, id: string): Promise<RecordRow | undefined> {
  return db.selectFrom('records').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function findRecordRows(db: Db, orgId: string, ids: string[]): Promise<RecordRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('records').selectAll().where('org_id', '=', orgId).where('id', 'in', ids).execute();
}

/** Emails, domains and company names of `records`, for mapping to the contract shape. */
export async function loadRecordDetails(db: Db, records: RecordRow[]) {
  const ids = records.map((r) => r.id);
  const companyIds = [...new Set(records.map((r) => r.company_id).filter((c): c is string => c !== null))];
  const [emails, domains, companies] = await Promise.all([
    ids.length
      ? db.selectFrom('record_emails').select(['record_id', 'email']).where('record_id', 'in', ids).orderBy('email').execute()
      : [],
    ids.length
      ? db.selectFrom('record_domains').select(['record_id', 'domain']).where('record_id', 'in', ids).orderBy('domain').execute()
      : [],
    companyIds.length ? db.selectFrom('records').select(['id', 'name']).where('id', 'in', companyIds).execute() : [],
  ]);
  return { emails, domains, companies };
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
  limit: number;
  offset: number;
}

/**
 * `r.name_folded` in byte order on both databases: SQLite compares text as bytes, while
 * PostgreSQL follows the cluster's collation (en_US ignores spaces at first level), which would
 * order "ab c" and "abb" differently.
 */
const foldedNameOrder = (db: Db) => (isPostgres(db) ? sql`r.name_folded collate "C"` : sql`r.name_folded`);

const like = (expr: Expression<unknown>, pattern: string) => sql<SqlBool>`${expr} like ${pattern} escape '\\'`;

/**
 * Prefix search over names (word starts), emails and domains, ranked exact name > name prefix >
 * word prefix > email/domain, then by name. Plain `LIKE 'x%'` on the folded column so SQLite and
 * PostgreSQL give the same rows in the same order.
 */
export async function searchRecordRows(db: Db, s: RecordSearch): Promise<{ rows: RecordRow[]; total: number }> {
  let base = db.selectFrom('records as r').where('r.org_id', '=', s.orgId);
  if (s.kind) base = base.where('r.kind', '=', s.kind);

  const hasQuery = s.words.length > 0 || s.raw !== '';
  const nameRef = sql.ref('r.name_folded');
  const wordsMatch = s.words.map((w) =>
    sql<SqlBool>`(${like(nameRef, `${escapeLike(w)}%`)} or ${like(nameRef, `% ${escapeLike(w)}%`)})`,
  );
  const allWords = wordsMatch.length ? sql<SqlBool>`(${sql.join(wordsMatch, sql` and `)})` : sql<SqlBool>`(1 = 0)`;
  const rawPrefix = `${escapeLike(s.raw)}%`;
  const emailMatch = sql<SqlBool>`exists (select 1 from record_emails e where e.record_id = r.id and ${like(sql.ref('e.email'), rawPrefix)})`;
  const domainMatch = sql<SqlBool>`exists (select 1 from record_domains d where d.record_id = r.id and ${like(sql.ref('d.domain'), rawPrefix)})`;

  if (hasQuery) {
    const alternatives = [allWords];
    if (s.raw) alternatives.push(emailMatch, domainMatch);
    base = base.where(sql<SqlBool>`(${sql.join(alternatives, sql` or `)})`);
  }

  const rank = hasQuery
    ? sql<number>`case when ${nameRef} = ${s.folded} then 0 when ${like(nameRef, `${escapeLike(s.folded)}%`)} then 1 when ${allWords} then 2 else 3 end`
    : sql<number>`0`;

  const [rows, count] = await Promise.all([
    base
      .selectAll('r')
      .select(rank.as('rank'))
      .orderBy('rank')
      .orderBy(foldedNameOrder(db))
      .orderBy('r.id')
      .limit(s.limit)
      .offset(s.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(({ rank: _rank, ...row }) => row), total: Number(count.n) };
}

/** Records of the organisation holding one of `emails` (lower-cased), with the matched address. */
export async function findRecordsByEmails(db: Db, orgId: string, emails: string[]) {
  if (emails.length === 0) return [];
  return db
    .selectFrom('record_emails as e')
    .innerJoin('records as r', 'r.id', 'e.record_id')
    .selectAll('r')
    .select('e.email as matched')
    .where('r.org_id', '=', orgId)
    .where('e.email', 'in', emails)
    .orderBy(foldedNameOrder(db))
    .orderBy('r.id')
    .execute();
}

/** Companies of the organisation owning one of `domains`, with the matched domain. */
export async function findCompaniesByDomains(db: Db, orgId: string, domains: string[]) {
  if (domains.length === 0) return [];
  return db
    .selectFrom('record_domains as d')
    .innerJoin('records as r', 'r.id', 'd.record_id')
    .selectAll('r')
    .select('d.domain as matched')
    .where('r.org_id', '=', orgId)
    .where('r.kind', '=', 'company')
    .where('d.domain', 'in', domains)
    .orderBy(foldedNameOrder(db))
    .orderBy('r.id')
    .execute();
}
