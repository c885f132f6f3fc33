// @vitest-environment node
/**
 * The background's Records messages against WXT's fakeBrowser and a real HTTP stub of the API:
 * the paths and bodies of edit, detail, delete, merge and export; the CSV import sent as the
 * file's own bytes (a Windows-1252 é stays one byte), its dry run, its NDJSON progress broadcast
 * to the pages line by line, and a batch failing after others were written.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { createDispatcher } from '@/background/dispatch';
import { createHandlers } from '@/background/handlers';
import { base64ToBytes } from '@/background/records-handlers';
import { createSession } from '@/background/session';
import type { Envelope, MessageName, Reply, RequestOf } from '@/messaging/protocol';
import { meAdmin } from '../background/samples';
import { startStubApi, type StubApi } from '../background/stub-api';
import { detailOf, importResult, makeRecord } from './records-fixtures';

let stub: StubApi;
let dispatch: ReturnType<typeof createDispatcher>;
let broadcasts: unknown[];

beforeEach(async () => {
  fakeBrowser.reset();
  broadcasts = [];
  fakeBrowser.runtime.sendMessage = vi.fn(async (m: unknown) => {
    broadcasts.push(m);
    return undefined;
  }) as unknown as typeof fakeBrowser.runtime.sendMessage;
  stub = await startStubApi();
  const session = createSession({ retryDelayMs: 0, retryLimit: 0, timeoutMs: 2_000 });
  dispatch = createDispatcher(createHandlers(session), session.serverUrl);
  stub.route('POST /api/auth/login', () => ({ body: { token: 'tok', expiresAt: '2026-12-27T00:00:00.000Z', user: meAdmin.user, mustChangePassword: false } }));
  stub.route('GET /api/me', () => ({ body: meAdmin }));
  await ok('session.signIn', { serverUrl: stub.url, email: meAdmin.user.email, password: 'pw' });
  broadcasts.length = 0; // the sign-in's own
});
afterEach(() => stub.close());

const noSender: Browser.runtime.MessageSender = {};
async function call<N extends MessageName>(name: N, req?: RequestOf<N>): Promise<Reply<N>> {
  return (await dispatch({ name, req } as Envelope<N>, noSender)) as Reply<N>;
}
async function ok<N extends MessageName>(name: N, req?: RequestOf<N>) {
  const reply = await call(name, req);
  if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.res;
}
const last = () => {
  const r = stub.requests.at(-1)!;
  const q = r.query.toString();
  return `${r.method} ${r.path}${q ? `?${q}` : ''}`;
};

/** "Nom;Ville\nÉlodie;Lyon" in Windows-1252, as Excel saves it: é and É are one byte each. */
const latin1Csv = Buffer.from('Name;Email\n\xc9lodie Caf\xe9;elodie@cafe.example\n', 'latin1');
const csvBase64 = latin1Csv.toString('base64');

describe('records messages', () => {
  it('edits, reads the detail, deletes and merges at the contract’s paths', async () => {
    const claire = makeRecord({ id: 'r-claire', name: 'Claire' });
    stub.route('PATCH /api/records/r-claire', ({ body }) => ({ body: { ...claire, ...(body as object) } }));
    await expect(ok('records.update', { id: 'r-claire', patch: { name: 'Claire M.' } })).resolves.toMatchObject({ name: 'Claire M.' });
    expect(stub.requests.at(-1)!.body).toEqual({ name: 'Claire M.' });

    stub.route('GET /api/records/r-claire', () => ({ body: detailOf(claire, { filingCount: 3 }) }));
    await expect(ok('admin.records.detail', { id: 'r-claire' })).resolves.toMatchObject({ filingCount: 3, contactCount: 0 });

    stub.route('DELETE /api/records/r-claire', () => ({ status: 204 }));
    await ok('admin.records.delete', { id: 'r-claire' });
    expect(last()).toBe('DELETE /api/records/r-claire');

    stub.route('POST /api/records/r-bob/merge', () => ({ body: detailOf(makeRecord({ id: 'r-bob', name: 'Bob' }), { filingCount: 3 }) }));
    await expect(ok('admin.records.merge', { id: 'r-bob', mergeId: 'r-claire' })).resolves.toMatchObject({ id: 'r-bob' });
    expect(stub.requests.at(-1)!.body).toEqual({ mergeId: 'r-claire' });
  });

  it('checks an import with the file’s own bytes, as text/csv, writing nothing', async () => {
    const answer = importResult({ created: 1, refused: [{ line: 3, code: 'name_missing', reason: 'The row has no name.' }] });
    stub.route('POST /api/records/import', () => ({ body: answer }));
    await expect(ok('admin.records.import', { csv: csvBase64, dryRun: true, importId: '' })).resolves.toEqual(answer);
    const sent = stub.requests.at(-1)!;
    expect(last()).toBe('POST /api/records/import?dryRun=true');
    expect(sent.headers['content-type']).toBe('text/csv');
    expect(sent.raw.equals(latin1Csv)).toBe(true);
    expect(broadcasts.filter((b) => (b as { broadcast: string }).broadcast === 'records.importProgress')).toEqual([]);
  });

  it('runs an import as NDJSON: each progress line is broadcast with the import’s id, then the result answered', async () => {
    const result = importResult({ created: 2000, updated: 500, dryRun: false });
    stub.route('POST /api/records/import', () => ({
      raw: {
        contentType: 'application/x-ndjson; charset=utf-8',
        // Split mid-line on purpose: lines are read across chunks.
        chunks: ['{"type":"progress","done":1000,"total":2500}\n{"type":"prog', 'ress","done":2000,"total":2500}\n', `${JSON.stringify({ type: 'result', result })}\n`],
      },
    }));
    await expect(ok('admin.records.import', { csv: csvBase64, dryRun: false, importId: 'imp-1' })).resolves.toEqual(result);
    expect(last()).toBe('POST /api/records/import?dryRun=false');
    expect(stub.requests.at(-1)!.headers.accept).toBe('application/x-ndjson');
    expect(broadcasts).toEqual([
      { broadcast: 'records.importProgress', importId: 'imp-1', done: 1000, total: 2500 },
      { broadcast: 'records.importProgress', importId: 'imp-1', done: 2000, total: 2500 },
    ]);
  });

  it('a batch failing mid-import answers the server’s error code', async () => {
    stub.route('POST /api/records/import', () => ({
      raw: {
        contentType: 'application/x-ndjson',
        chunks: ['{"type":"progress","done":1000,"total":3000}\n', '{"type":"error","error":{"code":"internal","message":"The import stopped on a server error."}}\n'],
      },
    }));
    const reply = await call('admin.records.import', { csv: csvBase64, dryRun: false, importId: 'imp-2' });
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'The import stopped on a server error.' } });
    expect(broadcasts).toHaveLength(1);
  });

  it('an unreadable file is refused before any stream, as an ordinary error answer', async () => {
    stub.route('POST /api/records/import', () => ({ status: 422, body: { error: { code: 'validation_failed', message: 'The file has no Name column.' } } }));
    const reply = await call('admin.records.import', { csv: csvBase64, dryRun: false, importId: 'imp-3' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'validation_failed', status: 422 } });
  });

  it('exports the CSV text of one kind', async () => {
    stub.route('GET /api/records/export', () => ({ raw: { contentType: 'text/csv; charset=utf-8', chunks: ['\ufeffExternal ID,Kind,Name\r\n', ',company,Acme\r\n'] } }));
    const { csv } = await ok('admin.records.export', { kind: 'company' });
    expect(last()).toBe('GET /api/records/export?kind=company');
    expect(csv).toBe('External ID,Kind,Name\r\n,company,Acme\r\n');
  });
});

it('base64ToBytes gives back the bytes', () => {
  expect(Buffer.from(base64ToBytes(csvBase64)).equals(latin1Csv)).toBe(true);
});
