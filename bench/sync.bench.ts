/**
 * The mail sync end to end: realistic messages (bench/datasets/realistic-mail.ts) delivered to a
 * local Dovecot, then the sync runner (the one `npm start` embeds) reads them over IMAP, parses,
 * stores, classifies and files them into a migrated SQLite file, in batches of 200 with the
 * checkpoint in each batch's transaction, parsing on its pool's worker threads. Beside it, the floor: imapflow alone fetching the same
 * messages' sources in the same UID ranges, in the same run. Then memory over a long first sync
 * (50,000 messages by default): RSS growth, and its anonymous part (RssAnon) — the SQLite file is
 * memory-mapped (mmap_size 1 GiB), so its pages count in RSS without being the process's heap;
 * the anonymous part includes SQLite's page cache, which fills up to its bound (64 MiB) and stays.
 * Run: `npm run bench -- sync.bench`. BENCH_QUICK=1: 1,000 and 5,000 messages;
 * MAILROOM_BENCH_SYNC_N / MAILROOM_BENCH_SYNC_MEMORY_N choose the sizes.
 * Results: bench/results/sync-<date>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { insertAccount } from '../server/src/accounts/accounts.repository';
import { createSecretBox } from '../server/src/accounts/secret-box';
import { loadSyncConfig } from '../server/src/config';
import { createDatabase, type Db } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { newId, nowIso } from '../server/src/db/values';
import { insertOrganisation } from '../server/src/orgs/orgs.repository';
import { insertRecord, replaceRecordDomains, replaceRecordEmails } from '../server/src/records/records.repository';
import { createSyncRunner } from '../server/src/sync/sync-runner';
import { startDovecot, type Dovecot } from '../server/test/helpers/dovecot';
import { rawMail } from './datasets/realistic-mail';

const quick = process.env.BENCH_QUICK === '1';
const total = Number(process.env.MAILROOM_BENCH_SYNC_N ?? (quick ? 1_000 : 10_000));
const memoryTotal = Number(process.env.MAILROOM_BENCH_SYNC_MEMORY_N ?? (quick ? 5_000 : 50_000));
const goal = 1_000;
const memoryGoalMb = 100;
const batchSize = 200;

const users = [
  { user: 'floor@acme.test', password: 'floor-Pa55' },
  { user: 'sales@acme.test', password: 'sales-Pa55' },
  { user: 'memory@acme.test', password: 'memory-Pa55' },
];
const dv: Dovecot = await startDovecot(users);
const client = (u: { user: string; password: string }) =>
  new ImapFlow({ host: dv.host, port: dv.imapPort, secure: false, doSTARTTLS: false, auth: { user: u.user, pass: u.password }, logger: false, disableAutoIdle: true });

/**
 * Delivers `n` messages the way a local delivery agent does: files in the maildir's new/ (an
 * IMAP APPEND per message would take minutes for 50,000). Dovecot gives them UIDs at next access.
 */
async function deliver(u: { user: string; password: string }, n: number, run: string): Promise<number> {
  const c = client(u);
  await c.connect();
  await c.mailboxOpen('INBOX'); // creates the maildir, owned by Dovecot's user
  await c.logout();
  const dir = path.join(dv.maildir(u.user), 'new');
  fs.mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const raw = rawMail(i, run);
    bytes += raw.length;
    fs.writeFileSync(path.join(dir, `${1_700_000_000 + i}.M${i}P1.bench`), raw);
  }
  return bytes;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
function rssAnon(): number {
  const m = /RssAnon:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

async function seed(db: Db, u: { user: string; password: string }, box: ReturnType<typeof createSecretBox>, orgId: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await insertAccount(db, {
    id, org_id: orgId, address: u.user, display_name: '', active: 1, in_protocol: 'imap', in_host: dv.host, in_port: dv.imapPort, in_security: 'none',
    in_username: u.user, in_password_enc: box.seal(u.password), out_host: null, out_port: null, out_security: null, out_username: null,
    out_password_enc: null, last_sync_at: null, last_sync_error: null, created_at: now, updated_at: now,
  });
  return id;
}

async function lastUid(db: Db, accountId: string): Promise<number> {
  const row = await db.selectFrom('sync_folders').select('last_uid').where('account_id', '=', accountId).where('folder', '=', 'INBOX').executeTakeFirst();
  return row ? Number(row.last_uid) : -1;
}

// ---- messages to read
const avgBytes = (await deliver(users[0]!, total, 'floor')) / total;
await deliver(users[1]!, total, 'sync');

// ---- floor: imapflow alone, same UID ranges of 200, sources only
const floorClient = client(users[0]!);
await floorClient.connect();
await floorClient.mailboxOpen('INBOX'); // the first open indexes new/: not part of either figure
let t0 = performance.now();
let fetched = 0;
for (let first = 1; first <= total; first += batchSize) {
  for (const m of await floorClient.fetchAll(`${first}:${Math.min(total, first + batchSize - 1)}`, { uid: true, source: true, internalDate: true }, { uid: true })) {
    if (m.source) fetched++;
  }
}
const floorRate = fetched / ((performance.now() - t0) / 1000);
await floorClient.logout();

// ---- second floor: mailparser alone on the same messages (ingest's largest cost, see sync-ingest)
t0 = performance.now();
for (let i = 0; i < total; i += batchSize) {
  const raws = Array.from({ length: Math.min(batchSize, total - i) }, (_, k) => rawMail(i + k, 'floor'));
  await Promise.all(raws.map((raw) => simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true })));
}
const parseRate = total / ((performance.now() - t0) / 1000);

// ---- the sync runner, into a SQLite file like the embedded default
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-sync-bench-'));
const db = createDatabase({ kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
await migrateToLatest(db);
const box = createSecretBox(Buffer.alloc(32, 1));
const orgId = newId();
await insertOrganisation(db, { id: orgId, name: 'Bench', quota: 10, created_at: nowIso() });
for (let i = 0; i < 1_000; i++) {
  const id = newId();
  const company = i % 10 === 0;
  await insertRecord(db, { id, org_id: orgId, kind: company ? 'company' : 'contact', name: `Record ${i}`, name_folded: `record ${i}`, phone: null, company_id: null, created_at: nowIso() });
  if (company) await replaceRecordDomains(db, id, [`company${i}.test`]);
  else await replaceRecordEmails(db, id, [`person${i}@people.test`]);
}
// Dovecot indexes new/ at the first SELECT: done here so neither figure includes it.
{
  const c = client(users[1]!);
  await c.connect();
  await c.mailboxOpen('INBOX');
  await c.logout();
}
const salesId = await seed(db, users[1]!, box, orgId);
const silent = { info() {}, warn() {}, error() {} };
// MAILROOM_SYNC_PARSE_THREADS compares parsing on threads with parsing in place.
const settings = { ...loadSyncConfig({ MAILROOM_SYNC_PARSE_THREADS: process.env.MAILROOM_SYNC_PARSE_THREADS }), tickMs: 100, batchSize };
const runner = createSyncRunner({ db, secretBox: box, log: silent, settings });
t0 = performance.now();
runner.start();
while ((await lastUid(db, salesId)) < total) await new Promise((r) => setTimeout(r, 20));
const syncRate = total / ((performance.now() - t0) / 1000);
await runner.stop();
const stored = await db.selectFrom('message_accounts').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', salesId).executeTakeFirstOrThrow();
const filed = await db
  .selectFrom('filings as f')
  .innerJoin('message_accounts as ma', 'ma.message_id', 'f.message_id')
  .select((eb) => eb.fn.count<number>('f.message_id').distinct().as('n'))
  .where('ma.account_id', '=', salesId)
  .executeTakeFirstOrThrow();

// ---- memory over a long first sync
await deliver(users[2]!, memoryTotal, 'memory');
{
  const c = client(users[2]!);
  await c.connect();
  await c.mailboxOpen('INBOX');
  await c.logout();
}
const memoryId = await seed(db, users[2]!, box, orgId);
globalThis.gc?.();
const before = { rss: process.memoryUsage().rss, anon: rssAnon(), heap: process.memoryUsage().heapUsed };
const peak = { ...before };
const memoryRunner = createSyncRunner({ db, secretBox: box, log: silent, settings });
t0 = performance.now();
memoryRunner.start();
// Growth by quarter of the run: flat memory levels off, a leak keeps climbing.
const byQuarter: { messages: number; rssAnonGrowthMb: number }[] = [];
for (let done = 0; done < memoryTotal; done = await lastUid(db, memoryId)) {
  await new Promise((r) => setTimeout(r, 200));
  peak.rss = Math.max(peak.rss, process.memoryUsage().rss);
  peak.anon = Math.max(peak.anon, rssAnon());
  peak.heap = Math.max(peak.heap, process.memoryUsage().heapUsed);
  if (done >= ((byQuarter.length + 1) * memoryTotal) / 4) byQuarter.push({ messages: done, rssAnonGrowthMb: mb(rssAnon() - before.anon) });
}
const memoryRate = memoryTotal / ((performance.now() - t0) / 1000);
await memoryRunner.stop();
const growth = { rssMb: mb(peak.rss - before.rss), anonMb: mb(peak.anon - before.anon), heapMb: mb(peak.heap - before.heap) };

const perSec = (n: number) => `${Math.round(n).toLocaleString('en')}/s`;
console.log(`messages: ${total.toLocaleString('en')} (${(avgBytes / 1024).toFixed(1)} KB average) from Dovecot ${dv.host}:${dv.imapPort}, batches of ${batchSize}, SQLite file, parsing on ${settings.parseThreads} worker thread(s)`);
console.table([
  { figure: 'imapflow fetch alone (floor)', measured: perSec(floorRate), goal: '' },
  { figure: 'mailparser alone (floor)', measured: perSec(parseRate), goal: '' },
  { figure: 'synced + classified (runner)', measured: perSec(syncRate), goal: `≥ ${perSec(goal)}`, met: syncRate >= goal },
  { figure: 'stored / filed', measured: `${Number(stored.n)} / ${Number(filed.n)} of ${total}`, goal: '' },
  { figure: `RSS growth over ${memoryTotal.toLocaleString('en')} messages`, measured: `${growth.rssMb} MB`, goal: `< ${memoryGoalMb} MB`, met: growth.rssMb < memoryGoalMb },
  { figure: '  of which anonymous (heap, buffers, SQLite cache)', measured: `${growth.anonMb} MB`, goal: `< ${memoryGoalMb} MB`, met: growth.anonMb < memoryGoalMb },
  { figure: '  of which JS heap (peak)', measured: `${growth.heapMb} MB`, goal: '' },
  { figure: `  rate over the ${memoryTotal.toLocaleString('en')}`, measured: perSec(memoryRate), goal: '' },
]);
console.log(`anonymous growth by quarter: ${byQuarter.map((q) => `${q.messages}: ${q.rssAnonGrowthMb} MB`).join(', ')}`);
console.log('Figures on a shared machine are noisy; HTML bodies are left pending (sanitized by the worker pool later), as in sync-ingest.');

const result = {
  name: 'sync',
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100), node: process.version },
  messages: total,
  averageBytes: Math.round(avgBytes),
  batchSize,
  parseThreads: settings.parseThreads,
  floorMsgPerS: Math.round(floorRate),
  parseFloorMsgPerS: Math.round(parseRate),
  syncMsgPerS: Math.round(syncRate),
  goalMsgPerS: goal,
  stored: Number(stored.n),
  filed: Number(filed.n),
  memory: { messages: memoryTotal, byQuarter, rssGrowthMb: growth.rssMb, rssAnonGrowthMb: growth.anonMb, heapPeakGrowthMb: growth.heapMb, goalMb: memoryGoalMb, msgPerS: Math.round(memoryRate) },
};
const out = path.resolve(import.meta.dirname, 'results', `sync-${result.date.replace(/:/g, '-').replace(/\..*/, '')}.json`);
fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.log(`Saved ${path.relative(process.cwd(), out)}`);

await db.destroy();
fs.rmSync(dir, { recursive: true, force: true });
await dv.stop();
