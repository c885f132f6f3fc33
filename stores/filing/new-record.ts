/**
 * "Create and file": what the form gives, turned into the API's `newRecord` (with the ids the
 * client chooses, so the queue can resend it without creating the record twice), and the record
 * as the view shows it before (or without) the server's answer.
 */
import type { CreateRecordRequest, CrmRecord, NewRecordRequest } from '@/contract';

/** What the create form gives: the record, and a company to create with a person (by name). */
export interface NewRecordInput {
  record: CreateRecordRequest;
  company?: { name: string; domains: string[] };
}

const newUuid = () => globalThis.crypto.randomUUID();

export function toNewRecordRequest(input: NewRecordInput): NewRecordRequest {
  return {
    ...input.record,
    id: newUuid(),
    ...(input.company && { company: { id: newUuid(), name: input.company.name, domains: input.company.domains } }),
  };
}

/** The record as it will be stored; `companyName` from the form (an existing company's or a new one's). */
export function localRecord(req: NewRecordRequest, companyName: string | null): CrmRecord {
  return {
    id: req.id,
    kind: req.kind,
    name: req.name,
    emails: [...new Set((req.emails ?? []).map((e) => e.trim().toLowerCase()))],
    phone: req.phone ?? null,
    companyId: req.company?.id ?? req.companyId ?? null,
    companyName,
    domains: req.domains ?? [],
    createdAt: new Date().toISOString(),
  };
}
