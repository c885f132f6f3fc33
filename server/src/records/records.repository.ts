import { sql } from 'kysely';
import { compiledListMax, compiledOnce } from '../db/compiled-once';
import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';
import type { NewRecord, RecordRow, RecordsTable } from '../db/tables/content.table';

export async function insertRecord(db: Db, row: NewRecord): Promise<void> {
  await db.insertInto('records').values(row).execute();
}

export async function updateRecordRow(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<Pick<RecordsTable, 'name' | 'name_folded' | 'phone' | 'company_id' | 'external_id' | 'kind'>>,
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

const recordRowsQuery = (db: Db, orgId: string, ids: readonly string[]) =>
  db.selectFrom('records').selectAll().where('org_id', '=', orgId).where('id', 'in', ids);
const fewRecordRows = compiledOnce(recordRowsQuery, (_orgId, ids) => String(ids.length));

export async function findRecordRows(db: Db, orgId: string, ids: string[]): Promise<RecordRow[]> {
  if (ids.length === 0) return [];
  if (ids.length <= compiledListMax) return fewRecordRows(db, orgId, ids);
  return recordRowsQuery(db, orgId, ids).execute();
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

/**
 * `r.name_folded` in byte order on both databases: SQLite compares text as bytes, while
 * PostgreSQL follows the cluster's collation (en_US ignores spaces at first level), which would
 * order "ab c" and "abb" differently.
 */
const foldedNameOrder = (db: Db) => (isPostgres(db) ? sql`r.name_folded collate "C"` : sql`r.name_folded`);
const idOrder = (db: Db) => (isPostgres(db) ? sql`r.id collate "C"` : sql`r.id`);

// The suggest lookups start from the address (or domain) index whatever the planner's statistics
// say: CROSS JOIN fixes SQLite's join order (https://sqlite.org/optoverview.html#crossjoin), so a
// never-analysed database does not walk every record of the organisation probing its emails.
// PostgreSQL treats CROSS JOIN + WHERE as an inner join and plans it from its own statistics.

/** Records of the organisation holding one of `emails` (lower-cased), with the matched address. */
export async function findRecordsByEmails(db: Db, orgId: string, emails: string[]) {
  if (emails.length === 0) return [];
  return db
    .selectFrom('record_emails as e')
    .crossJoin('records as r')
    .selectAll('r')
    .select('e.email as matched')
    .whereRef('r.id', '=', 'e.record_id')
    .where('e.email', 'in', emails)
    .where('r.org_id', '=', orgId)
    .orderBy(foldedNameOrder(db))
    .orderBy(idOrder(db))
    .execute();
}

/** Companies of the organisation owning one of `domains`, with the matched domain. */
export async function findCompaniesByDomains(db: Db, orgId: string, domains: string[]) {
  if (domains.length === 0) return [];
  return db
    .selectFrom('record_domains as d')
    .crossJoin('records as r')
    .selectAll('r')
    .select('d.domain as matched')
    .whereRef('r.id', '=', 'd.record_id')
    .where('d.domain', 'in', domains)
    .where('r.org_id', '=', orgId)
    .where('r.kind', '=', 'company')
    .orderBy(foldedNameOrder(db))
    .orderBy(idOrder(db))
    .execute();
}

export async function findRecordByExternalId(db: Db, orgId: string, externalId: string): Promise<RecordRow | undefined> {
  return db.selectFrom('records').selectAll().where('org_id', '=', orgId).where('external_id', '=', externalId).executeTakeFirst();
}


export async function countRecordFilings(db: Db, recordId: string): Promise<number> {
  const row = await db.selectFrom('filings').select((eb) => eb.fn.countAll<string | number>().as('n')).where('record_id', '=', recordId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function countCompanyContacts(db: Db, orgId: string, companyId: string): Promise<number> {
  const row = await db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('org_id', '=', orgId)
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Its emails, domains and filings go with it (cascades); its contacts lose the company link. */
export async function deleteRecordRow(db: Db, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('records').where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function recordEmailsOf(db: Db, recordId: string): Promise<string[]> {
  return (await db.selectFrom('record_emails').select('email').where('record_id', '=', recordId).execute()).map((r) => r.email);
}

export async function recordDomainsOf(db: Db, recordId: string): Promise<string[]> {
  return (await db.selectFrom('record_domains').select('domain').where('record_id', '=', recordId).execute()).map((r) => r.domain);
}

export async function addRecordEmails(db: Db, recordId: string, emails: string[]): Promise<void> {
  if (emails.length) await db.insertInto('record_emails').values(emails.map((email) => ({ record_id: recordId, email }))).execute();
}

export async function addRecordDomains(db: Db, recordId: string, domains: string[]): Promise<void> {
  if (domains.length) await db.insertInto('record_domains').values(domains.map((domain) => ({ record_id: recordId, domain }))).execute();
}

/**
 * Moves the filings of `fromId` to `toId`, except those of a message already filed to `toId` (the
 * unique (message_id, record_id) pair): those stay behind and go with `fromId`. Returns how many moved.
 */
export async function moveRecordFilings(db: Db, fromId: string, toId: string): Promise<number> {
  const result = await db
    .updateTable('filings')
    .set({ record_id: toId })
    .where('record_id', '=', fromId)
    .where('message_id', 'not in', (eb) => eb.selectFrom('filings as kept').select('kept.message_id').where('kept.record_id', '=', toId))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Contacts of the company `fromId` become contacts of `toId`. */
export async function moveCompanyContacts(db: Db, orgId: string, fromId: string, toId: string): Promise<number> {
  const result = await db
    .updateTable('records')
    .set({ company_id: toId })
    .where('org_id', '=', orgId)
    .where('company_id', '=', fromId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * A page of the organisation's records in name order (bytes, as search orders them), after the
 * (name_folded, id) of the previous page's last row: the export walks the name index this way.
 */
export async function listRecordsPage(
  db: Db, orgId: string, kind: RecordRow['kind'] | undefined, after: { name: string; id: string } | null, limit: number,
): Promise<RecordRow[]> {
  let query = db.selectFrom('records as r').selectAll('r').where('r.org_id', '=', orgId);
  if (kind) query = query.where('r.kind', '=', kind);
  if (after) query = query.where(sql<boolean>`(${foldedNameOrder(db)}, ${idOrder(db)}) > (${after.name}, ${after.id})`);
  return query.orderBy(foldedNameOrder(db)).orderBy(idOrder(db)).limit(limit).execute();
}

/**
 * Records the conversation of `keys` is filed to: the messages stored under those keys and the
 * ones they answer (In-Reply-To, References), filed by anyone, oldest filing first, with the
 * message key that matched. With `viewerId`, only messages that reached an account the viewer can
 * use (administrators pass null), so a suggestion never reveals mail one cannot see.
 */
export async function findThreadRecords(db: Db, orgId: string, keys: string[], viewerId: string | null, now: string) {
  if (keys.length === 0) return [];
  const stored = await db
    .selectFrom('messages')
    .select(['message_key', 'in_reply_to', 'references_json'])
    .where('org_id', '=', orgId)
    .where('message_key', 'in', keys)
    .execute();
  const thread = new Set(keys);
  for (const m of stored) {
    if (m.in_reply_to) thread.add(m.in_reply_to);
    for (const ref of parseKeys(m.references_json)) thread.add(ref);
  }
  let q = db
    .selectFrom('messages as m')
    .innerJoin('filings as f', 'f.message_id', 'm.id')
    .innerJoin('records as r', 'r.id', 'f.record_id')
    .selectAll('r')
    .select('m.message_key as matched')
    .where('m.org_id', '=', orgId)
    .where('m.message_key', 'in', [...thread].slice(0, 500));
  if (viewerId !== null) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('message_accounts as ma')
          .innerJoin('email_accounts as a', 'a.id', 'ma.account_id')
          .innerJoin('account_access as aa', 'aa.account_id', 'ma.account_id')
          .select('ma.account_id')
          .whereRef('ma.message_id', '=', 'm.id')
          .where('a.active', '=', 1)
          .where('aa.user_id', '=', viewerId)
          .where((w) => w.or([w('aa.expires_at', 'is', null), w('aa.expires_at', '>', now)])),
      ),
    );
  }
  return q.orderBy('f.filed_at').orderBy('f.id').execute();
}

function parseKeys(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}
