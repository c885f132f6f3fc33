/** The bulk reads and writes of a CSV import, a batch of rows at a time. */
import type { Db } from '../db/database';
import type { NewRecord, RecordRow } from '../db/tables/content.table';
import { findCompaniesByDomains, findRecordsByEmails } from './records.repository';

/** Rows per statement: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function inChunks<T, R>(items: T[], read: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const chunk of chunks(items)) out.push(...(await read(chunk)));
  return out;
}

export interface ImportKeys {
  externalIds: string[];
  emails: string[];
  domains: string[];
  /** Folded names: companies named in a `company` cell, records matched by name. */
  names: string[];
}

/** The organisation's records that any of these keys could match. */
export async function findImportCandidates(db: Db, orgId: string, keys: ImportKeys): Promise<RecordRow[]> {
  const strip = (rows: (RecordRow & { matched: string })[]): RecordRow[] => rows.map(({ matched: _m, ...row }) => row);
  const found = [
    ...(await inChunks(keys.externalIds, (ids) =>
      db.selectFrom('records').selectAll().where('org_id', '=', orgId).where('external_id', 'in', ids).execute())),
    ...strip(await inChunks(keys.emails, (emails) => findRecordsByEmails(db, orgId, emails))),
    ...strip(await inChunks(keys.domains, (domains) => findCompaniesByDomains(db, orgId, domains))),
    ...(await inChunks(keys.names, (names) =>
      db.selectFrom('records').selectAll().where('org_id', '=', orgId).where('name_folded', 'in', names).orderBy('id').execute())),
  ];
  const byId = new Map(found.map((r) => [r.id, r]));
  return [...byId.values()];
}

/** Emails and domains of the records `ids`, and the names of companies `companyIds`. */
export async function loadImportDetails(db: Db, ids: string[], companyIds: string[]) {
  const [emails, domains, companies] = await Promise.all([
    inChunks(ids, (c) => db.selectFrom('record_emails').select(['record_id', 'email']).where('record_id', 'in', c).execute()),
    inChunks(ids, (c) => db.selectFrom('record_domains').select(['record_id', 'domain']).where('record_id', 'in', c).execute()),
    inChunks(companyIds, (c) => db.selectFrom('records').select(['id', 'name_folded']).where('id', 'in', c).execute()),
  ]);
  return { emails, domains, companies };
}

export async function insertRecords(db: Db, rows: NewRecord[]): Promise<void> {
  for (const chunk of chunks(rows)) await db.insertInto('records').values(chunk).execute();
}

export async function insertRecordEmails(db: Db, rows: { record_id: string; email: string }[]): Promise<void> {
  for (const chunk of chunks(rows, 2 * CHUNK)) await db.insertInto('record_emails').values(chunk).execute();
}

export async function insertRecordDomains(db: Db, rows: { record_id: string; domain: string }[]): Promise<void> {
  for (const chunk of chunks(rows, 2 * CHUNK)) await db.insertInto('record_domains').values(chunk).execute();
}
