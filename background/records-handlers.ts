/**
 * The Records messages: editing a record (any user), and the administration of the options page's
 * Records view: detail, delete, merge, CSV import (checked, then run with its progress broadcast
 * to the pages) and export.
 */
import { broadcast } from './broadcast';
import type { Handlers } from './handlers';
import type { Session } from './session';

type RecordsMessage =
  | 'records.update'
  | 'admin.records.detail'
  | 'admin.records.delete'
  | 'admin.records.merge'
  | 'admin.records.import'
  | 'admin.records.export';

/** The file's bytes from the base64 the page sent (messages carry JSON only). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function createRecordsHandlers(session: Session): Pick<Handlers, RecordsMessage> {
  const api = () => session.api();
  return {
    'records.update': async ({ id, patch }) => (await api()).updateRecord(id, patch),
    'admin.records.detail': async ({ id }) => (await api()).recordDetail(id),
    'admin.records.delete': async ({ id }) => (await api()).deleteRecord(id),
    'admin.records.merge': async ({ id, mergeId }) => (await api()).mergeRecords(id, mergeId),
    'admin.records.import': async ({ csv, dryRun, importId }) => {
      const a = await api();
      const bytes = base64ToBytes(csv);
      if (dryRun) return a.checkImport(bytes);
      return a.runImport(bytes, (done, total) => broadcast({ broadcast: 'records.importProgress', importId, done, total }));
    },
    'admin.records.export': async ({ kind }) => ({ csv: await (await api()).exportRecords(kind) }),
  };
}
