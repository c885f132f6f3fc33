/**
 * A CSV import of records, one step at a time: the file is checked first (a dry run: what would be
 * created, updated, left unchanged, refused and why, nothing written), then, once confirmed, run
 * with its progress (the background broadcasts each batch written), and ends with the counts.
 * The file's bytes are kept only between the check and the run.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { RECORD_IMPORT_MAX_BYTES, type RecordImportResult } from '@/contract';
import { onBroadcast } from '@/composables/useBroadcast';
import { protocolError } from '@/composables/useErrorMessage';
import { send } from '@/messaging/client';
import type { ProtocolError } from '@/messaging/protocol';
import { fileToBase64 } from '@/utils/file-base64';

export type ImportStep =
  | { step: 'idle' }
  | { step: 'checking'; fileName: string }
  | { step: 'checked'; fileName: string; result: RecordImportResult }
  | { step: 'running'; fileName: string; done: number; total: number }
  | { step: 'done'; fileName: string; result: RecordImportResult }
  /** `during`: the check (nothing written) or the run (`done` rows were written before it stopped). */
  | { step: 'failed'; fileName: string; error: ProtocolError; during: 'check' | 'run'; done: number };

const tooLarge = (): ProtocolError => ({
  code: 'payload_too_large',
  message: `The file is larger than ${RECORD_IMPORT_MAX_BYTES} bytes.`,
});

export const useRecordsImportStore = defineStore('recordsImport', () => {
  const state = ref<ImportStep>({ step: 'idle' });
  let csv: string | null = null;
  /** Tells this import's progress broadcasts from another page's import. */
  let importId = '';
  /** A newer choice of file makes the answer to an older check stale. */
  let attempt = 0;

  function reset(): void {
    attempt++;
    csv = null;
    state.value = { step: 'idle' };
  }

  /** Reads the file and checks it (dry run). */
  async function check(file: File): Promise<void> {
    const mine = ++attempt;
    const fileName = file.name;
    csv = null;
    if (file.size > RECORD_IMPORT_MAX_BYTES) {
      state.value = { step: 'failed', fileName, error: tooLarge(), during: 'check', done: 0 };
      return;
    }
    state.value = { step: 'checking', fileName };
    try {
      const content = await fileToBase64(file);
      const result = await send('admin.records.import', { csv: content, dryRun: true, importId: '' });
      if (mine !== attempt) return;
      csv = content;
      state.value = { step: 'checked', fileName, result };
    } catch (e) {
      if (mine !== attempt) return;
      state.value = { step: 'failed', fileName, error: protocolError(e), during: 'check', done: 0 };
    }
  }

  /** Runs the checked import; resolves once it ended (done or failed, in `state`). */
  async function run(): Promise<void> {
    const current = state.value;
    if (current.step !== 'checked' || csv === null) return;
    const mine = ++attempt;
    const fileName = current.fileName;
    const rows = current.result.created + current.result.updated + current.result.unchanged;
    importId = crypto.randomUUID();
    const id = importId;
    state.value = { step: 'running', fileName, done: 0, total: rows };
    const stop = onBroadcast('records.importProgress', (p) => {
      if (p.importId === id && state.value.step === 'running') state.value = { step: 'running', fileName, done: p.done, total: p.total };
    });
    try {
      const result = await send('admin.records.import', { csv, dryRun: false, importId: id });
      if (mine === attempt) state.value = { step: 'done', fileName, result };
    } catch (e) {
      const done = state.value.step === 'running' ? state.value.done : 0;
      if (mine === attempt) state.value = { step: 'failed', fileName, error: protocolError(e), during: 'run', done };
    } finally {
      stop();
      csv = null;
    }
  }

  return { state, check, run, reset };
});
