/**
 * CRM records: clients, contacts and companies that mail is filed to. Every user of an
 * organisation may create, edit and search its records — filing from the webmail often starts
 * with "this sender is a new contact" — and never sees another organisation's.
 */
import { z } from 'zod';
import type { AuthContext } from '../http/request-context';
import type { CrmRecord, RecordList, RecordLookup, Suggestion } from '../../../contract/records';
import {
  SEARCH_COUNT_CAP,
  createRecordRequestSchema,
  newRecordSchema,
  recordLookupQuerySchema,
  recordSearchQuerySchema,
  updateRecordRequestSchema,
} from '../../../contract/records';
import { recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import type { RecordRow } from '../db/tables/content.table';
import { newId, nowIso } from '../db/values';
import { ApiError, conflict, invalid, notFound } from '../http/api-error';
import { lockOrganisation } from '../orgs/orgs.repository';
import { lookupKey } from '../../../contract/message-key';
import { foldText } from './fold';
import { domainOf, isFreeMailDomain } from './free-mail';
import {
  findCompaniesByDomains,
  findRecordByExternalId,
  findRecordRow,
  findRecordRows,
  findRecordsByEmails,
  findThreadRecords,
  insertRecord,
  loadRecordDetails,
  replaceRecordDomains,
  replaceRecordEmails,
  updateRecordRow,
} from './records.repository';
import { countRecordMatches, searchRecordHits, type RecordSearch } from './records-search.repository';
import { decodeCursor, encodeCursor } from './search-cursor';

type CreateRecord = z.output<typeof createRecordRequestSchema>;
type UpdateRecord = z.output<typeof updateRecordRequestSchema>;
type SearchQuery = z.output<typeof recordSearchQuerySchema>;
type NewRecord = z.output<typeof newRecordSchema>;
type LookupQuery = z.output<typeof recordLookupQuerySchema>;

/** Map rows to the contract shape, loading emails, domains and company names in three queries. */
export async function toCrmRecords(db: Db, rows: RecordRow[]): Promise<CrmRecord[]> {
  const { emails, domains, companies } = await loadRecordDetails(db, rows);
  const companyName = new Map(companies.map((c) => [c.id, c.name]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    emails: emails.filter((e) => e.record_id === r.id).map((e) => e.email),
    phone: r.phone,
    companyId: r.company_id,
    companyName: r.company_id ? (companyName.get(r.company_id) ?? null) : null,
    domains: domains.filter((d) => d.record_id === r.id).map((d) => d.domain),
    externalId: r.external_id,
    createdAt: r.created_at,
  }));
}

async function toCrmRecord(db: Db, row: RecordRow): Promise<CrmRecord> {
  const [record] = await toCrmRecords(db, [row]);
  if (!record) throw new Error('record mapping lost a row');
  return record;
}

/** A company link must point at a company of the caller's organisation; companies have none. */
export async function checkCompanyLink(db: Db, orgId: string, kind: RecordRow['kind'], companyId: string | null): Promise<void> {
  if (companyId === null) return;
  if (kind === 'company') throw invalid('companyId', 'A company cannot belong to another company.');
  const company = await findRecordRow(db, orgId, companyId);
  if (!company || company.kind !== 'company') {
    throw invalid('companyId', 'Choose a company of your organisation for this record.');
  }
}

export function checkDomains(kind: RecordRow['kind'], domains: string[]): void {
  if (domains.length > 0 && kind !== 'company') throw invalid('domains', 'Only companies have domains.');
}

export const unique = <T>(items: T[]): T[] => [...new Set(items)];

/**
 * Refuses an address another record of the organisation already holds (409), naming that record
 * so the user can file to it instead.
 */
export async function checkEmailsFree(db: Db, orgId: string, emails: string[], ownerId: string | null = null): Promise<void> {
  const holder = (await findRecordsByEmails(db, orgId, emails)).find((r) => r.id !== ownerId);
  if (holder) {
    throw new ApiError(409, 'conflict', `Already in Mailroom: ${holder.name} has the address ${holder.matched}.`, {
      emails: `Already in Mailroom: ${holder.name}.`,
    });
  }
}

/** An external id is the organisation's key to one record: another record holding it is a 409. */
export async function checkExternalIdFree(db: Db, orgId: string, externalId: string, ownerId: string | null): Promise<void> {
  const holder = await findRecordByExternalId(db, orgId, externalId);
  if (holder && holder.id !== ownerId) {
    throw new ApiError(409, 'conflict', `The external id ${externalId} is already ${holder.name}’s.`, {
      externalId: `Already ${holder.name}’s.`,
    });
  }
}

/**
 * Inserts a record under `id`; false when a record with this id already exists in the
 * organisation (a retried "create and file"), which is then left as it is. The organisation row
 * is locked first (PostgreSQL; SQLite serialises writers anyway), so two creations of the same
 * person, or two attempts of the same request, run one after the other and see each other.
 */
export async function insertNewRecord(db: Db, auth: AuthContext, id: string, input: CreateRecord, externalId: string | null = null): Promise<boolean> {
  checkDomains(input.kind, input.domains);
  await lockOrganisation(db, auth.orgId);
  if (await findRecordRow(db, auth.orgId, id)) return false;
  await checkCompanyLink(db, auth.orgId, input.kind, input.companyId);
  const emails = unique(input.emails);
  if (!input.allowDuplicateEmail) await checkEmailsFree(db, auth.orgId, emails);
  try {
    await insertRecord(db, {
      id,
      org_id: auth.orgId,
      kind: input.kind,
      name: input.name,
      name_folded: foldText(input.name),
      phone: input.phone || null,
      company_id: input.companyId,
      external_id: externalId,
      created_at: nowIso(),
    });
  } catch (err) {
    // A client-chosen id another organisation holds: never a way to reach its record.
    if (isUniqueViolation(err)) throw conflict('This record id is already taken: send the request again with a new one.');
    throw err;
  }
  await replaceRecordEmails(db, id, emails);
  await replaceRecordDomains(db, id, unique(input.domains));
  await recordAudit(db, { orgId: auth.orgId, actorId: auth.userId, action: 'record.created', subjectType: 'record', subjectId: id, detail: { kind: input.kind } });
  return true;
}

export async function createRecord(db: Db, auth: AuthContext, input: CreateRecord): Promise<CrmRecord> {
  const id = newId();
  await insertNewRecord(db, auth, id, input);
  return getRecord(db, auth, id);
}

/**
 * The record of a "create and file" (and the company created with it), created unless an earlier
 * attempt of the same request already did; returns its id. Runs in the filing's transaction.
 */
export async function ensureNewRecord(db: Db, auth: AuthContext, input: NewRecord): Promise<string> {
  const { id, company, ...record } = input;
  let companyId = record.companyId;
  if (company) {
    if (record.kind === 'company') throw invalid('newRecord.company', 'A company cannot belong to another company.');
    if (companyId !== null) throw invalid('newRecord.company', 'Link an existing company or create one, not both.');
    await insertNewRecord(db, auth, company.id, {
      kind: 'company', name: company.name, emails: [], phone: null, companyId: null, domains: company.domains, allowDuplicateEmail: false,
    });
    const row = await findRecordRow(db, auth.orgId, company.id);
    // An id reused for something else than the company this request created.
    if (row?.kind !== 'company') throw conflict('This company id is already taken: send the request again with a new one.');
    companyId = company.id;
  }
  await insertNewRecord(db, auth, id, { ...record, companyId });
  return id;
}

/** Duplicates and the company to link, for the "create a record" form (see `recordLookupQuerySchema`). */
export async function lookupRecords(db: Db, auth: AuthContext, query: LookupQuery): Promise<RecordLookup> {
  const email = query.email?.includes('@') ? query.email : undefined;
  const domain = query.domain && !isFreeMailDomain(query.domain) ? query.domain : undefined;
  const domains = domain ? domainAndParents(domain).filter((d) => !isFreeMailDomain(d)) : [];
  const [byEmail, byDomain] = await Promise.all([
    email ? findRecordsByEmails(db, auth.orgId, [email]) : [],
    findCompaniesByDomains(db, auth.orgId, domains),
  ]);
  // The closest domain first: mail.acme.fr's own company before acme.fr's.
  byDomain.sort((a, b) => domains.indexOf(a.matched) - domains.indexOf(b.matched));
  const once = <T extends { id: string }>(rows: T[]) => rows.filter((r, i) => rows.findIndex((x) => x.id === r.id) === i);
  const strip = <T extends { matched: string }>(rows: T[]) => rows.map(({ matched: _m, ...row }) => row);
  const [emailRecords, domainRecords] = await Promise.all([
    toCrmRecords(db, once(strip(byEmail))),
    toCrmRecords(db, once(strip(byDomain))),
  ]);
  return { byEmail: emailRecords, byDomain: domainRecords };
}

export async function getRecord(db: Db, auth: AuthContext, id: string): Promise<CrmRecord> {
  const row = await findRecordRow(db, auth.orgId, id);
  if (!row) throw notFound('The record');
  return toCrmRecord(db, row);
}

export async function updateRecord(db: Db, auth: AuthContext, id: string, patch: UpdateRecord): Promise<CrmRecord> {
  const row = await findRecordRow(db, auth.orgId, id);
  if (!row) throw notFound('The record');
  if (patch.domains !== undefined) checkDomains(row.kind, patch.domains);
  if (patch.companyId !== undefined) {
    if (patch.companyId === id) throw invalid('companyId', 'A record cannot be its own company.');
    await checkCompanyLink(db, auth.orgId, row.kind, patch.companyId);
  }
  if (patch.externalId) await checkExternalIdFree(db, auth.orgId, patch.externalId, id);
  await updateRecordRow(db, auth.orgId, id, {
    ...(patch.name !== undefined ? { name: patch.name, name_folded: foldText(patch.name) } : {}),
    ...(patch.phone !== undefined ? { phone: patch.phone || null } : {}),
    ...(patch.companyId !== undefined ? { company_id: patch.companyId } : {}),
    ...(patch.externalId !== undefined ? { external_id: patch.externalId } : {}),
  });
  if (patch.emails !== undefined) await replaceRecordEmails(db, id, unique(patch.emails));
  if (patch.domains !== undefined) await replaceRecordDomains(db, id, unique(patch.domains));
  await recordAudit(db, { orgId: auth.orgId, actorId: auth.userId, action: 'record.updated', subjectType: 'record', subjectId: id, detail: { fields: Object.keys(patch) } });
  return getRecord(db, auth, id);
}

/**
 * A page of search results: at most `limit` records, the matches counted up to
 * SEARCH_COUNT_CAP, and the cursor of the next page. Each bucket stops at limit + 1 rows, so a
 * common prefix ("a" matching 100k records) reads a few dozen index entries, not every match.
 */
export async function searchRecords(db: Db, auth: AuthContext, query: SearchQuery): Promise<RecordList> {
  const folded = foldText(query.q);
  const search: RecordSearch = {
    orgId: auth.orgId,
    // A handful of words is plenty for a name; more only slows the query down.
    words: folded ? folded.split(' ').slice(0, 8) : [],
    folded,
    raw: query.q.trim().toLowerCase(),
    kind: query.kind,
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
  };
  const found = await searchRecordHits(db, search, query.limit + 1);
  const page = found.slice(0, query.limit);
  const more = found.length > query.limit;
  // The first page holding every match needs no count.
  const counted = !more && !search.after ? page.length : await countRecordMatches(db, search, SEARCH_COUNT_CAP + 1);
  const rows = new Map((await findRecordRows(db, auth.orgId, page.map((h) => h.id))).map((r) => [r.id, r]));
  const last = page[page.length - 1];
  return {
    items: await toCrmRecords(db, page.map((h) => rows.get(h.id)).filter((r): r is RecordRow => r !== undefined)),
    total: Math.min(counted, SEARCH_COUNT_CAP),
    totalCapped: counted > SEARCH_COUNT_CAP,
    nextCursor: more && last ? encodeCursor(last) : null,
  };
}

/** A domain and its parents down to two labels: mail.acme.fr → mail.acme.fr, acme.fr. */
export function domainAndParents(domain: string): string[] {
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join('.'));
  return out;
}

/**
 * Records for the participants of a message: the records its conversation is already filed to
 * first (when `messageKeys` names the conversation's messages), then records holding one of the
 * addresses, then companies owning a participant's (non-free-mail) domain, then the companies of
 * matched contacts. Each record appears once, under its strongest reason.
 */
export async function suggestRecords(db: Db, auth: AuthContext, participants: string[], messageKeys: string[] = []): Promise<{ items: Suggestion[] }> {
  const emails = unique(participants.map((e) => e.trim().toLowerCase()).filter(Boolean));
  const order = new Map(emails.map((e, i) => [e, i]));
  const byEmail = (await findRecordsByEmails(db, auth.orgId, emails)).sort(
    (a, b) => (order.get(a.matched) ?? 0) - (order.get(b.matched) ?? 0),
  );

  const domains = unique(
    emails
      .map(domainOf)
      .filter((d): d is string => d !== undefined && !isFreeMailDomain(d))
      .flatMap(domainAndParents)
      .filter((d) => !isFreeMailDomain(d)),
  );
  const domainOrder = new Map(domains.map((d, i) => [d, i]));
  const byDomain = (await findCompaniesByDomains(db, auth.orgId, domains)).sort(
    (a, b) => (domainOrder.get(a.matched) ?? 0) - (domainOrder.get(b.matched) ?? 0),
  );

  const keys = unique(messageKeys.map(lookupKey).filter((k): k is string => k !== null));
  const byThread = await findThreadRecords(db, auth.orgId, keys, auth.role === 'admin' ? null : auth.userId, nowIso());

  const picked: { row: RecordRow; reason: Suggestion['reason']; matched: string }[] = [];
  const seen = new Set<string>();
  const pick = (row: RecordRow, reason: Suggestion['reason'], matched: string) => {
    if (seen.has(row.id)) return;
    seen.add(row.id);
    picked.push({ row, reason, matched });
  };
  for (const { matched, ...row } of byThread) pick(row, 'thread', matched);
  for (const { matched, ...row } of byEmail) pick(row, 'email', matched);
  for (const { matched, ...row } of byDomain) pick(row, 'domain', matched);

  // The company of a matched contact/client: filing to the person usually means to their firm too.
  for (const { matched, ...row } of byEmail) {
    if (!row.company_id || seen.has(row.company_id)) continue;
    const company = await findRecordRow(db, auth.orgId, row.company_id);
    if (company) pick(company, 'company', matched);
  }

  const records = await toCrmRecords(db, picked.map((p) => p.row));
  return { items: picked.map((p, i) => ({ record: records[i]!, reason: p.reason, matched: p.matched })) };
}
