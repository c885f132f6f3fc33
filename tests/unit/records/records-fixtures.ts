/** Records answers shaped as `contract/records.ts` says, for the Records view tests. */
import type { CrmRecord, RecordDetail, RecordImportResult } from '@/contract';

let seq = 0;
export function makeRecord(over: Partial<CrmRecord> = {}): CrmRecord {
  seq++;
  return {
    id: `rec-${seq}`,
    kind: 'contact',
    name: `Person ${seq}`,
    emails: [`person${seq}@acme.test`],
    phone: null,
    companyId: null,
    companyName: null,
    domains: [],
    createdAt: '2026-11-01T10:00:00.000Z',
    ...over,
  };
}

export function detailOf(record: CrmRecord, over: Partial<RecordDetail> = {}): RecordDetail {
  return { ...record, externalId: null, filingCount: 0, contactCount: 0, ...over };
}

export function importResult(over: Partial<RecordImportResult> = {}): RecordImportResult {
  return { created: 0, updated: 0, unchanged: 0, refused: [], dryRun: true, ...over };
}
