/**
 * Sync ingest throughput: realistic raw mail (plain replies, styled HTML, 1 in 10 with a small
 * attachment, a third from known contacts or companies so classification files them, replies that
 * follow a thread) through `ingestBatch` into a migrated SQLite file, in batches of 200 — beside
 * the floor: mailparser alone on the same messages. The end-to-end rate from Dovecot is measured
 * by the sync runner's bench; this one says how much of its budget ingest takes. A third run
 * parses on the sync's parse pool (worker threads), a batch ahead, as the runner does.
 * Run: `npm run bench -- sync-ingest`. BENCH_QUICK=1 for a smoke run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { insertAccount } from '../server/src/accounts/accounts.repository';
import { defaultParseThreads } from '../server/src/config';
import { createDatabase } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { newId, nowIso } from '../server/src/db/values';
import { insertOrganisation } from '../server/src/orgs/orgs.repository';
import { insertRecord, replaceRecordDomains, replaceRecordEmails } from '../server/src/records/records.repository';
import { ingestBatch, type IngestInput } from '../server/src/sync/ingest.service';
import { createParsePool } from '../server/src/sync/parse-pool';
import { parseInputs } from '../server/src/sync/sync-batch';
import { rawMail } from './datasets/realistic-mail';

const quick = process.env.BENCH_QUICK === '1';
const total = quick ? 1_000 : 10_000;
const batchSize = 200;
const goal = 1_000;

const dir = mkdtempSync(path.join(os.tmpdir(), 'mailroom-ingest-bench-'));
const db = createDatabase({ kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
await migrateToLatest(db);
const orgId = newId();
const accountId = newId();
const now = nowIso();
await insertOrganisation(db, { id: orgId, name: 'Bench', quota: 10, created_at: now });
await insertAccount(db, {
  id: accountId, org_id: orgId, address: 'sales@acme.test', display_name: 'Sales', active: 1, in_protocol: 'imap', in_host: 'localhost', in_port: 143,
  in_security: 'none', in_username: 'sales', in_password_enc: 'x', out_host: null, out_port: null, out_security: null, out_username: null,
  out_password_enc: null, last_sync_at: null, last_sync_error: null, created_at: now, updated_at: now,
});
for (let i = 0; i < 1_000; i++) {
  const id = newId();
  const company = i % 10 === 0;
  await insertRecord(db, { id, org_id: orgId, kind: company ? 'company' : 'contact', name: `Record ${i}`, name_folded: `record ${i}`, phone: null, company_id: null, created_at: now });
  if (company) await replaceRecordDomains(db, id, [`company${i}.test`]);
  else await replaceRecordEmails(db, id, [`person${i}@people.test`]);
}

const perSec = (n: number) => `${Math.round(n).toLocaleString('en')}/s`;
const mails = (run: string) => Array.from({ length: total }, (_, i) => rawMail(i, run));

// Floor: mailparser alone, same options as ingest, after a warm-up so the JIT is not measured.
const floorMails = mails('floor');
await Promise.all(floorMails.slice(0, batchSize).map((raw) => simpleParser(raw)));
let t0 = performance.now();
for (let i = 0; i < floorMails.length; i += batchSize) {
  await Promise.all(floorMails.slice(i, i + batchSize).map((raw) => simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true })));
}
const floor = total / ((performance.now() - t0) / 1000);

const run = mails('ingest');
const inputs: IngestInput[] = run.map((raw) => ({ orgId, accountId, folder: 'INBOX', direction: 'received', raw }));
let filed = 0;
t0 = performance.now();
for (let i = 0; i < inputs.length; i += batchSize) {
  for (const r of await ingestBatch({ db }, inputs.slice(i, i + batchSize))) if (r.outcome !== 'skipped' && r.filedTo.length) filed++;
}
const ingest = total / ((performance.now() - t0) / 1000);

t0 = performance.now();
for (let i = 0; i < inputs.length; i += batchSize) await ingestBatch({ db }, inputs.slice(i, i + batchSize));
const replay = total / ((performance.now() - t0) / 1000);

// As the sync runs it: parsed on the parse pool's threads, the next batch parsed while this one is written.
// At least one thread, whatever the default on this machine, so the figure says what a thread gives.
const parser = createParsePool(Math.max(1, defaultParseThreads()));
parser.warm(batchSize);
const pooledInputs: IngestInput[] = mails('pooled').map((raw) => ({ orgId, accountId, folder: 'INBOX', direction: 'received', raw }));
const batchAt = (i: number) => parseInputs({ parser }, pooledInputs.slice(i, i + batchSize));
t0 = performance.now();
let next = batchAt(0);
for (let i = 0; i < pooledInputs.length; i += batchSize) {
  const batch = await next;
  if (i + batchSize < pooledInputs.length) next = batchAt(i + batchSize);
  await ingestBatch({ db }, batch);
}
const pooled = total / ((performance.now() - t0) / 1000);
await parser.close();

console.log(`messages: ${total} (${(run.reduce((n, b) => n + b.length, 0) / total / 1024).toFixed(1)} KB average), batches of ${batchSize}, SQLite file`);
console.table([
  { figure: 'mailparser alone (floor)', measured: perSec(floor), goal: '' },
  { figure: 'ingestBatch, new mail', measured: perSec(ingest), goal: `≥ ${perSec(goal)}`, met: ingest >= goal },
  { figure: 'ingestBatch, new mail, parsed on the pool ahead', measured: perSec(pooled), goal: `≥ ${perSec(goal)}`, met: pooled >= goal },
  { figure: 'ingestBatch, same mail again (duplicates)', measured: perSec(replay), goal: `≥ ${perSec(goal)}`, met: replay >= goal },
  { figure: 'filed by classification or thread', measured: `${filed} of ${total}`, goal: '' },
]);
console.log('Figures on a shared machine are noisy; HTML bodies are left pending (sanitized by the worker pool later).');
await db.destroy();
rmSync(dir, { recursive: true, force: true });
