/**
 * Filings in the production shape: 2 API processes (`server/src/main.ts`, MAILROOM_SYNC=off) on one
 * PostgreSQL, each driven by its own autocannon at once (what a round-robin proxy spreads), new
 * filings with distinct Message-IDs (5 KB styled HTML, 1 in 50 a 150 KB newsletter), beside
 * PostgreSQL's raw insert rate of the same rows from as many connections, measured in the same
 * run on a database of its own. Goal: filings ≥ 0.3 × the raw rate, 0 errors.
 * PostgreSQL: MAILROOM_TEST_DATABASE_URL (a server where databases may be created); unset, the
 * bench re-runs itself under scripts/with-postgres.mjs (a throwaway PostgreSQL).
 * Prints figure | measured | goal | floor | met? and writes bench/results/production.json.
 * The mixed load and the sync workers of the production shape: production-mixed.bench.ts and
 * production-sync.bench.ts (`npm run bench -- production` runs all three).
 * Run: `npm run bench -- production.bench`. BENCH_QUICK=1 shortens every phase (a smoke run, not figures).
 */
import fs from 'node:fs';
import autocannon from 'autocannon';
import { createEmptyDatabaseUrl } from '../server/test/helpers/test-database';
import { newFilingBodies } from './filings/bodies';
import { rawPostgresInsertRate } from './filings/raw-insert-postgres';
import { startProductionCluster } from './production/cluster';
import { printTable, type TableRow } from './production/table';
import { onPostgres } from './production/on-postgres';

onPostgres(import.meta.url);

const quick = process.env.BENCH_QUICK === '1';
const seconds = quick ? 3 : 10;
const connectionsPerApi = 16;

const rows: TableRow[] = [];
const row = (figure: string, measured: string, goal: string, floor: string, met: boolean | null) => rows.push({ figure, measured, goal, floor, met });
const perSec = (n: number) => `${Math.round(n).toLocaleString('en')}/s`;

// The floor first, on its own database: the raw insert from as many connections as the load has.
const rawDb = await createEmptyDatabaseUrl();
const raw = await rawPostgresInsertRate(rawDb.url!, 2 * connectionsPerApi, seconds);
await rawDb.drop();
row(`raw PostgreSQL insert, one transaction per filing, ${2 * connectionsPerApi} connections`, perSec(raw), '(reference)', '', null);

// --- 2 API processes on one database, migrated once.
const cluster = await startProductionCluster();
const { apis, member, accountId, recordIds } = cluster;

const body = newFilingBodies({ accountId, recordIds }, `prod-${Date.now()}`);
// The same filing without an HTML body: shows how much of the cost is the bodies (sanitizing).
let bare = 0;
const bareBody = () =>
  JSON.stringify({
    accountId,
    recordIds,
    message: { messageId: `<bare-${Date.now()}-${bare++}@bench.test>`, subject: 'Re: devis', from: { address: 'client@customer.test' }, to: [{ address: 'sales@bench.test' }], date: '2026-11-30T09:15:00Z', snippet: 'Bonjour' },
  });
const drive = (duration: number, next: () => string = body) =>
  Promise.all(
    apis.map((api) =>
      autocannon({
        url: api.base,
        connections: connectionsPerApi,
        duration,
        timeout: 10,
        headers: { authorization: `Bearer ${member}`, 'content-type': 'application/json' },
        requests: [{ method: 'POST', path: '/api/filings', setupRequest: (req: Record<string, unknown>) => ({ ...req, body: next() }) }],
      }),
    ),
  );
// A fresh process answers its first requests slowly (JIT, the sanitizer workers, the pool
// filling): warmed up first, as a process in production has long been.
await drive(quick ? 2 : 5);
const results = await drive(seconds);
const bareResults = await drive(seconds, bareBody);
const codes = await cluster.stop();

const filed = results.reduce((sum, r) => sum + r['2xx'], 0) / seconds;
const errors = results.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0);
const p99 = Math.max(...results.map((r) => r.latency.p99));
results.forEach((r, i) => row(`new filings/s through API ${i + 1}, ${connectionsPerApi} connections`, `${perSec(r['2xx'] / seconds)} (p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms)`, '(reference)', '', null));
row('new filings/s through both APIs at once', perSec(filed), '≥ 0.30 × raw', perSec(0.3 * raw), filed >= 0.3 * raw);
row('  … ÷ raw insert rate', (filed / raw).toFixed(2), '≥ 0.30', '', filed >= 0.3 * raw);
row('  … errors + timeouts + non-2xx', String(errors), '0', '', errors === 0);
row('  … worst p99 latency', `${p99} ms`, '(reference)', '', null);
const bareFiled = bareResults.reduce((sum, r) => sum + r['2xx'], 0) / seconds;
const bareErrors = bareResults.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0);
row('(diagnostic) the same through both APIs, no HTML body', `${perSec(bareFiled)} (÷ raw ${(bareFiled / raw).toFixed(2)}, errors ${bareErrors})`, '(reference)', '', null);
row('API processes exit code after SIGTERM', codes.join(', '), '0, 0', '', codes.every((c) => c === 0));

printTable(rows);
if (quick) console.log('(BENCH_QUICK: short phases, not figures to report)');

fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(
  'bench/results/production.json',
  `${JSON.stringify({ at: new Date().toISOString(), quick, seconds, connectionsPerApi, rawInsertPerSecond: raw, filingsPerSecond: filed, ratio: filed / raw, errors, p99, withoutBodyPerSecond: bareFiled, withoutBodyErrors: bareErrors, perApi: results.map((r) => ({ perSecond: r['2xx'] / seconds, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx })), table: rows }, null, 2)}\n`,
);
