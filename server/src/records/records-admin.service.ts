/**
 * What an administrator does to the organisation's records besides creating and editing them:
 * read one with what a delete would take, delete, merge two into one, and upsert by the id another
 * system knows it by. Each function runs in the caller's transaction.
 */
import type { z } from 'zod';
import type { CrmRecord, RecordDetail, upsertRecordRequestSchema } from '../../../contract/records';
import { recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { RecordRow } from '../db/tables/content.table';
import { newId } from '../db/values';
import { invalid, notFound } from '../http/api-error';
import type { AuthContext } from '../http/request-context';
import { lockOrganisation } from '../orgs/orgs.repository';
import { foldText } from './fold';
import {
  addRecordDomains,
  addRecordEmails,
  countCompanyContacts,
  countRecordFilings,
  deleteRecordRow,
  findRecordByExternalId,
  findRecordRow,
  moveCompanyContacts,
  moveRecordFilings,
  recordDomainsOf,
  recordEmailsOf,
  replaceRecordDomains,
  replaceRecordEmails,
  updateRecordRow,
} from './records.repository';
import { checkCompanyLink, checkDomains, checkEmailsFree, getRecord, insertNewRecord, toCrmRecords, unique } from './records.service';

type UpsertRecord = z.output<typeof upsertRecordRequestSchema>;

/** Persons (clients, contacts) may become one another; a company never becomes a person. */
export const sameKindGroup = (a: RecordRow['kind'], b: RecordRow['kind']): boolean => (a === 'company') === (b === 'company');

async function ownRecord(db: Db, auth: AuthContext, id: string): Promise<RecordRow> {
  const row = await findRecordRow(db, auth.orgId, id);
  if (!row) throw notFound('The record');
  return row;
}

export async function getRecordDetail(db: Db, auth: AuthContext, id: string): Promise<RecordDetail> {
  const row = await ownRecord(db, auth, id);
  const [[record], filingCount, contactCount] = await Promise.all([
    toCrmRecords(db, [row]),
    countRecordFilings(db, id),
    row.kind === 'company' ? countCompanyContacts(db, auth.orgId, id) : 0,
  ]);
  if (!record) throw new Error('record mapping lost a row');
  return { ...record, externalId: row.external_id, filingCount, contactCount };
}

/** Deletes the record with its filings; a company's contacts stay, without a company. */
export async function deleteRecord(db: Db, auth: AuthContext, id: string): Promise<void> {
  const row = await ownRecord(db, auth, id);
  const filings = await countRecordFilings(db, id);
  await deleteRecordRow(db, auth.orgId, id);
  await recordAudit(db, {
    orgId: auth.orgId, actorId: auth.userId, action: 'record.deleted', subjectType: 'record', subjectId: id,
    detail: { kind: row.kind, name: row.name, filings },
  });
}

/**
 * Merges `mergeId` into `keepId`: the merged record's emails, domains, filings (a message filed to
 * both stays filed once) and contacts move to the kept one, which also takes its phone, company
 * and external id where it has none; then the merged record is deleted.
 */
export async function mergeRecords(db: Db, auth: AuthContext, keepId: string, mergeId: string): Promise<RecordDetail> {
  if (keepId === mergeId) throw invalid('mergeId', 'Choose another record to merge into this one: a record cannot be merged with itself.');
  await lockOrganisation(db, auth.orgId);
  const keep = await ownRecord(db, auth, keepId);
  const merged = await ownRecord(db, auth, mergeId);
  if (!sameKindGroup(keep.kind, merged.kind)) {
    throw invalid('mergeId', 'A company and a person cannot be merged: merge companies with companies, and clients or contacts with each other.');
  }
  const [keepEmails, keepDomains, mergedEmails, mergedDomains] = await Promise.all([
    recordEmailsOf(db, keepId), recordDomainsOf(db, keepId), recordEmailsOf(db, mergeId), recordDomainsOf(db, mergeId),
  ]);
  await addRecordEmails(db, keepId, mergedEmails.filter((e) => !keepEmails.includes(e)));
  await addRecordDomains(db, keepId, mergedDomains.filter((d) => !keepDomains.includes(d)));
  const filingsMoved = await moveRecordFilings(db, mergeId, keepId);
  const contactsMoved = keep.kind === 'company' ? await moveCompanyContacts(db, auth.orgId, mergeId, keepId) : 0;
  await deleteRecordRow(db, auth.orgId, mergeId);
  // After the delete: the external id is unique in the organisation.
  await updateRecordRow(db, auth.orgId, keepId, {
    ...(keep.phone === null && merged.phone !== null ? { phone: merged.phone } : {}),
    ...(keep.company_id === null && merged.company_id !== null && merged.company_id !== keepId ? { company_id: merged.company_id } : {}),
    ...(keep.external_id === null && merged.external_id !== null ? { external_id: merged.external_id } : {}),
  });
  await recordAudit(db, {
    orgId: auth.orgId, actorId: auth.userId, action: 'record.merged', subjectType: 'record', subjectId: keepId,
    detail: { mergedId: mergeId, mergedName: merged.name, filingsMoved, contactsMoved },
  });
  return getRecordDetail(db, auth, keepId);
}

/**
 * Creates or replaces the record known to another system as `externalId`; `created` says which.
 * The body is the whole record: fields left out take their defaults, as on create.
 */
export async function upsertRecordByExternalId(
  db: Db, auth: AuthContext, externalId: string, input: UpsertRecord,
): Promise<{ record: CrmRecord; created: boolean }> {
  await lockOrganisation(db, auth.orgId);
  const existing = await findRecordByExternalId(db, auth.orgId, externalId);
  if (!existing) {
    const id = newId();
    await insertNewRecord(db, auth, id, input, externalId);
    return { record: await getRecord(db, auth, id), created: true };
  }
  if (!sameKindGroup(existing.kind, input.kind)) {
    throw invalid('kind', existing.kind === 'company' ? 'This record is a company: it cannot become a person.' : 'This record is a person: it cannot become a company.');
  }
  checkDomains(input.kind, input.domains);
  if (input.companyId === existing.id) throw invalid('companyId', 'A record cannot be its own company.');
  await checkCompanyLink(db, auth.orgId, input.kind, input.companyId);
  const emails = unique(input.emails);
  if (!input.allowDuplicateEmail) await checkEmailsFree(db, auth.orgId, emails, existing.id);
  await updateRecordRow(db, auth.orgId, existing.id, {
    kind: input.kind, name: input.name, name_folded: foldText(input.name), phone: input.phone || null, company_id: input.companyId,
  });
  await replaceRecordEmails(db, existing.id, emails);
  await replaceRecordDomains(db, existing.id, unique(input.domains));
  await recordAudit(db, {
    orgId: auth.orgId, actorId: auth.userId, action: 'record.updated', subjectType: 'record', subjectId: existing.id,
    detail: { externalId, fields: ['kind', 'name', 'emails', 'phone', 'companyId', 'domains'] },
  });
  return { record: await getRecord(db, auth, existing.id), created: false };
}
