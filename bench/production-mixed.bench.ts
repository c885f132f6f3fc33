/**
 * The mixed load of the production shape: 200 connections against 2 API processes on one
 * PostgreSQL (100 on each, what a round-robin proxy spreads), every connection cycling through
 * record suggestions and searches, reads of filed messages (one, and five at once), the user's
 * accounts and new filings (10 %: 5 KB styled HTML, 1 in 50 a 150 KB newsletter). Beside it, in the same run and with the same connections, the floor: the
 * empty route `GET /api/health`. Goals: 0 errors, p99 ≤ 2 × the floor's p99, throughput ≥ 0.25 × the floor's.
 * PostgreSQL: MAILROOM_TEST_DATABASE_URL; unset, the bench re-runs itself under
 * scripts/with-postgres.mjs. Prints figure | measured | goal | floor | met? and writes
 * bench/results/production-mixed.json. Run: `npm run bench -- production-mixed`.
 * BENCH_QUICK=1 shortens every phase (a smoke run, not figures).
 */
import fs from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { newFilingBodies } from './filings/bodies';
import { startProductionCluster } from './production/cluster';
import { printTable, type TableRow } from './production/table';
import { onPostgres } from './production/on-postgres';

onPostgres(import.meta.url);

const quick = process.env.BENCH_QUICK === '1';
const seconds = quick ? 3 : 10;
const connections = 200;
const filedBefore = quick ? 40 : 200;
const recordsBefore = quick ? 50 : 300;

const cluster = await startProductionCluster();
const { apis, member, admin, accountId, recordIds, call } = cluster;

// Data to read and search: records with searchable names, messages filed to them.
for (let i = 0; i < recordsBefore; i += 25) {
  await Promise.all(
    Array.from({ length: Math.min(25, recordsBefore - i) }, (_, k) => call('POST', '/api/records', admin, { kind: 'contact', name: `Bench person ${i + k} Dupont`, emails: [`person${i + k}@people.test`] })),
  );
}
const filedIds = Array.from({ length: filedBefore }, (_, i) => `<filed-${i}@bench.test>`);
for (let i = 0; i < filedIds.length; i += 20) {
  await Promise.all(
    filedIds.slice(i, i + 20).map((messageId) =>
      call('POST', '/api/filings', member, {
        accountId,
        recordIds,
        message: { messageId, subject: 'Re: devis', from: { address: 'client@customer.test' }, to: [{ address: 'sales@bench.test' }], date: '2026-11-30T09:15:00Z', snippet: 'Bonjour', bodyText: 'Bonjour' },
      }),
    ),
  );
}

let n = 0;
const nextFiled = () => encodeURIComponent(filedIds[n++ % filedIds.length]!);
const searches = ['dupont', 'bench person 1', 'person 42', 'client'];
const newFiling = newFilingBodies({ accountId, recordIds }, `mixed-${Date.now()}`);
type Slot = { method: 'GET' | 'POST'; path?: string; setupRequest?: (req: Record<string, unknown>) => Record<string, unknown> };
const read: Slot = { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/filings?messageId=${nextFiled()}` }) };
const lookup: Slot = { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/filings/lookup?${Array.from({ length: 5 }, () => `messageId=${nextFiled()}`).join('&')}` }) };
const search: Slot = { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/records?q=${encodeURIComponent(searches[n++ % searches.length]!)}&limit=20` }) };
const suggest: Slot = { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/records/suggest?email=${encodeURIComponent(`person${n++ % recordsBefore}@people.test`)}&email=someone%40gmail.com` }) };
const accounts: Slot = { method: 'GET', path: '/api/me/accounts' };
const filing: Slot = { method: 'POST', path: '/api/filings', setupRequest: (req) => ({ ...req, body: newFiling() }) };
// 20 slots in about the extension's proportions (filings-throughput.bench.ts: suggest and search
// most, filing 10 %); autocannon sends them in turn on every connection.
const mixed: Slot[] = [
  ...Array<Slot>(6).fill(suggest), ...Array<Slot>(6).fill(search), ...Array<Slot>(2).fill(filing),
  read, read, read, lookup, accounts, accounts,
];
const drive = (duration: number, requests: Slot[]): Promise<Result[]> =>
  Promise.all(
    apis.map((api) =>
      autocannon({
        url: api.base,
        connections: connections / apis.length,
        duration,
        timeout: 10,
        headers: { authorization: `Bearer ${member}`, 'content-type': 'application/json' },
        requests,
      }),
    ),
  );
const health: Slot[] = [{ method: 'GET', path: '/api/health' }];

// The floor first, before any filing leaves HTML bodies for the background sanitizing; each
// phase warmed up first (JIT, pools filling), as a process in production has long been.
await drive(quick ? 1 : 3, health);
const floor = await drive(seconds, health);
await drive(quick ? 2 : 5, mixed);
const load = await drive(seconds, mixed);
const codes = await cluster.stop();

/** What the figures read of an autocannon result. */
type Result = { '2xx': number; errors: number; timeouts: number; non2xx: number; latency: { p50: number; p99: number } };
const summary = (rs: Result[]) => ({
  perSecond: rs.reduce((s, r) => s + r['2xx'], 0) / seconds,
  errors: rs.reduce((s, r) => s + r.errors + r.timeouts + r.non2xx, 0),
  p50: Math.max(...rs.map((r) => r.latency.p50)),
  p99: Math.max(...rs.map((r) => r.latency.p99)),
});
const f = summary(floor);
const m = summary(load);
const perSec = (x: number) => `${Math.round(x).toLocaleString('en')}/s`;
const rows: TableRow[] = [
  { figure: `empty route (GET /api/health), ${connections} connections over 2 APIs`, measured: `${perSec(f.perSecond)} (p50 ${f.p50} ms, p99 ${f.p99} ms, errors ${f.errors})`, goal: '(floor)', floor: '', met: null },
  { figure: 'mixed load (suggest, search, read, lookup, filing), requests/s', measured: perSec(m.perSecond), goal: '≥ 0.25 × floor', floor: perSec(f.perSecond), met: m.perSecond >= 0.25 * f.perSecond },
  { figure: '  … p50 latency', measured: `${m.p50} ms`, goal: '(reference)', floor: `${f.p50} ms`, met: null },
  { figure: '  … p99 latency', measured: `${m.p99} ms`, goal: '≤ 2 × floor', floor: `${f.p99} ms`, met: m.perSecond > 0 && m.p99 <= 2 * f.p99 },
  { figure: '  … errors + timeouts + non-2xx', measured: String(m.errors), goal: '0', floor: String(f.errors), met: m.errors === 0 },
  { figure: 'API processes exit code after SIGTERM', measured: codes.join(', '), goal: '0, 0', floor: '', met: codes.every((c) => c === 0) },
];
printTable(rows);
if (quick) console.log('(BENCH_QUICK: short phases, not figures to report)');

fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(
  'bench/results/production-mixed.json',
  `${JSON.stringify({ at: new Date().toISOString(), quick, seconds, connections, loadAverage: os.loadavg(), floor: f, mixed: m, exitCodes: codes, table: rows }, null, 2)}\n`,
);
