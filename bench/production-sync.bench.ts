/**
 * Sync workers in the production shape: the same set of accounts (6 mailboxes of realistic mail,
 * bench/datasets/realistic-mail.ts, in a local Dovecot) synced from scratch into PostgreSQL by one
 * sync worker process (`server/src/sync/worker-main.ts`), then by two on a set of the same size and
 * mail. Each worker takes its share of the accounts (MAILROOM_SYNC_MAX_ACCOUNTS: all of them for
 * one worker, half each for two), as an operator sizes them. Goal: 2 workers ≥ 1.6 × one's
 * messages per second. Timed from the workers' start lines to the last message stored.
 * PostgreSQL: MAILROOM_TEST_DATABASE_URL; unset, the bench re-runs itself under
 * scripts/with-postgres.mjs. Writes bench/results/production-sync.json.
 * Run: `npm run bench -- production-sync`. BENCH_QUICK=1: fewer messages (a smoke run, not figures).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { insertAccount } from '../server/src/accounts/accounts.repository';
import { createSecretBox, loadKey } from '../server/src/accounts/secret-box';
import { createDatabase } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { newId, nowIso } from '../server/src/db/values';
import { insertOrganisation } from '../server/src/orgs/orgs.repository';
import { startDovecot } from '../server/test/helpers/dovecot';
import { startWorkerProcess } from '../server/test/helpers/server-processes';
import { createEmptyDatabaseUrl } from '../server/test/helpers/test-database';
import { mailbox } from '../server/test/sync/sync-kit';
import { rawMail } from './datasets/realistic-mail';
import { printTable, type TableRow } from './production/table';
import { onPostgres } from './production/on-postgres';

onPostgres(import.meta.url);

const quick = process.env.BENCH_QUICK === '1';
const accountsPerRun = 6;
const perAccount = quick ? 100 : 1_000;
const goal = 1.6;
const secret = 'bench-sync-secret';

const sets = [1, 2].map((workers) =>
  Array.from({ length: accountsPerRun }, (_, a) => ({ workers, user: `w${workers}-box${a}@acme.test`, password: `box-Pa55-${a}` })),
);
const dv = await startDovecot(sets.flat());

// Delivered as a local delivery agent does (files in new/), then indexed by a first SELECT, so
// neither run pays for Dovecot's indexing.
for (const u of sets.flat()) {
  const c = await mailbox(dv, u);
  await c.mailboxOpen('INBOX');
  await c.logout();
  const dir = path.join(dv.maildir(u.user), 'new');
  fs.mkdirSync(dir, { recursive: true });
  const account = u.user.split('@')[0]!.split('-')[1]!;
  for (let i = 0; i < perAccount; i++) fs.writeFileSync(path.join(dir, `${1_700_000_000 + i}.M${i}P1.bench`), rawMail(i, account));
  const again = await mailbox(dv, u);
  await again.mailboxOpen('INBOX');
  await again.logout();
}

/** Messages per second for `set` synced by `workers` worker processes, on a database of its own. */
async function syncRate(set: (typeof sets)[number], workers: number): Promise<{ perSecond: number; seconds: number; stored: number; exitCodes: (number | null)[] }> {
  const empty = await createEmptyDatabaseUrl();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-bench-sync-'));
  const db = createDatabase({ kind: 'postgres', url: empty.url! });
  await migrateToLatest(db);
  const orgId = newId();
  const now = nowIso();
  await insertOrganisation(db, { id: orgId, name: 'Bench', quota: 50, created_at: now });
  const box = createSecretBox(loadKey({ secret, dataDir }));
  const ids: string[] = [];
  for (const u of set) {
    const id = newId();
    ids.push(id);
    await insertAccount(db, {
      id, org_id: orgId, address: u.user, display_name: '', active: 1, in_protocol: 'imap', in_host: dv.host, in_port: dv.imapPort,
      in_security: 'none', in_username: u.user, in_password_enc: box.seal(u.password), out_host: null, out_port: null, out_security: null,
      out_username: null, out_password_enc: null, last_sync_at: null, last_sync_error: null, created_at: now, updated_at: now,
    });
  }
  const env = {
    ...process.env,
    DATABASE_URL: empty.url!,
    MAILROOM_DATA_DIR: dataDir,
    MAILROOM_SECRET: secret,
    LOG_LEVEL: 'warn',
    MAILROOM_SYNC_TICK_MS: '200',
    MAILROOM_SYNC_MAX_ACCOUNTS: String(Math.ceil(set.length / workers)),
  };
  const procs = await Promise.all(Array.from({ length: workers }, () => startWorkerProcess(env)));
  const t0 = performance.now();
  const total = set.length * perAccount;
  let stored = 0;
  const deadline = t0 + 600_000;
  while (stored < total && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    const row = await db
      .selectFrom('message_accounts')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('account_id', 'in', ids)
      .executeTakeFirstOrThrow();
    stored = Number(row.n);
  }
  const seconds = (performance.now() - t0) / 1000;
  for (const p of procs) p.child.kill('SIGTERM');
  const exitCodes = await Promise.all(procs.map((p) => p.exited));
  procs.forEach((p, i) => exitCodes[i] !== 0 && console.error(`worker ${i + 1} of ${workers} exited ${exitCodes[i]}:\n${p.output().slice(-2000)}`));
  await db.destroy();
  await empty.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { perSecond: stored / seconds, seconds, stored, exitCodes };
}

const one = await syncRate(sets[0]!, 1);
const two = await syncRate(sets[1]!, 2);
await dv.stop();

const total = accountsPerRun * perAccount;
const perSec = (x: number) => `${Math.round(x).toLocaleString('en')}/s`;
const ratio = two.perSecond / one.perSecond;
const rows: TableRow[] = [
  { figure: `1 sync worker, ${accountsPerRun} accounts × ${perAccount} messages`, measured: `${perSec(one.perSecond)} (${one.stored}/${total} in ${one.seconds.toFixed(1)} s)`, goal: '(floor)', floor: '', met: null },
  { figure: `2 sync workers, ${accountsPerRun} accounts × ${perAccount} messages`, measured: `${perSec(two.perSecond)} (${two.stored}/${total} in ${two.seconds.toFixed(1)} s)`, goal: `≥ ${goal} × 1 worker`, floor: perSec(goal * one.perSecond), met: ratio >= goal },
  { figure: '  … ÷ one worker', measured: ratio.toFixed(2), goal: `≥ ${goal}`, floor: '', met: ratio >= goal },
  { figure: '  … every message stored', measured: `${one.stored === total && two.stored === total}`, goal: 'true', floor: '', met: one.stored === total && two.stored === total },
  { figure: 'workers exit code after SIGTERM', measured: [...one.exitCodes, ...two.exitCodes].join(', '), goal: '0 each', floor: '', met: [...one.exitCodes, ...two.exitCodes].every((c) => c === 0) },
];
printTable(rows);
console.log(`On a machine of ${os.availableParallelism()} cores (load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}): two workers can only beat one by what the cores left free allow.`);
if (quick) console.log('(BENCH_QUICK: few messages, not figures to report)');

fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(
  'bench/results/production-sync.json',
  `${JSON.stringify({ at: new Date().toISOString(), quick, accountsPerRun, perAccount, loadAverage: os.loadavg(), oneWorker: one, twoWorkers: two, ratio, goal, table: rows }, null, 2)}\n`,
);
