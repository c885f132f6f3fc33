/**
 * The records administration calls (the options page's Records view): a record's detail with what
 * a delete takes with it, edit, delete, merge, and the CSV import (checked first, then run with its
 * progress) and export. Background only, like the rest of the API client.
 */
import {
  crmRecordSchema,
  recordDetailSchema,
  recordImportProgressLineSchema,
  recordImportResultSchema,
  recordPaths,
  type RecordImportResult,
  type RecordKind,
  type UpdateRecordRequest,
} from '@/contract';
import { ApiError } from './errors';
import type { ApiClient } from './client';

/** A dry run reads the whole file before answering: far longer than an ordinary call. */
const IMPORT_CHECK_TIMEOUT_MS = 5 * 60_000;
const CSV = 'text/csv';

export function recordsAdminApi(c: ApiClient) {
  return {
    recordDetail: (recordId: string) => c.json('get', recordPaths.one(recordId), recordDetailSchema),
    updateRecord: (recordId: string, patch: UpdateRecordRequest) =>
      c.json('patch', recordPaths.one(recordId), crmRecordSchema, { json: patch }),
    deleteRecord: (recordId: string) => c.send('delete', recordPaths.one(recordId)),
    /** `mergeId` goes into `keepId`, which is answered. */
    mergeRecords: (keepId: string, mergeId: string) =>
      c.json('post', recordPaths.merge(keepId), crmRecordSchema, { json: { mergeId } }),

    /** What the import would do, nothing written. `csv`: the file's bytes (the server reads its encoding). */
    checkImport: (csv: Uint8Array<ArrayBuffer>) =>
      c.json('post', recordPaths.import, recordImportResultSchema, {
        body: csv,
        contentType: CSV,
        searchParams: { dryRun: 'true' },
        timeoutMs: IMPORT_CHECK_TIMEOUT_MS,
      }),

    /**
     * Runs the import, calling `onProgress` after each batch the server wrote. Rejects with the
     * server's error when a batch failed (the batches before it stay written).
     */
    async runImport(csv: Uint8Array<ArrayBuffer>, onProgress: (done: number, total: number) => void): Promise<RecordImportResult> {
      const lines = c.ndjson('post', recordPaths.import, recordImportProgressLineSchema, {
        body: csv,
        contentType: CSV,
        accept: 'application/x-ndjson',
        searchParams: { dryRun: 'false' },
        timeoutMs: IMPORT_CHECK_TIMEOUT_MS,
      });
      for await (const line of lines) {
        if (line.type === 'progress') onProgress(line.done, line.total);
        else if (line.type === 'result') return line.result;
        else throw new ApiError({ code: line.error.code as ApiError['code'], message: line.error.message });
      }
      throw new ApiError({ code: 'bad_response', message: 'The import ended without its result.' });
    },

    /** The records as CSV (UTF-8), every kind or one. */
    exportRecords: (kind?: RecordKind) =>
      c.text('get', recordPaths.export, { ...(kind && { searchParams: { kind } }), timeoutMs: IMPORT_CHECK_TIMEOUT_MS }),
  };
}
