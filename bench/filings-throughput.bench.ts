/**
 * Filing throughput and a server that no request stalls. Over HTTP on loopback against the real
 * app in its own process (bench/filings/bench-server.ts, SQLite in a temp dir):
 *  - new filings/s (distinct Message-IDs; 5 KB styled HTML, 1 in 50 a 150 KB newsletter) and
 *    replays/s (one Message-ID again and again) at 16 and 64 connections, beside the raw rate of
 *    the same rows inserted with better-sqlite3, one transaction each, in the same run;
 *  - how fast the background job then sanitizes the bodies those filings left pending (for at most
 *    `drainSeconds` after each run: its threads run at low priority, see sanitize-pool.ts);
 *  - 200 connections of the extension's mix (suggest 40 %, search 30 %, filing 10 %, accounts,
 *    signatures and rendering 20 %) on 100 000 records, beside the empty route (/api/health);
 *  - the server's event-loop delay (perf_hooks, inside the server process) during each, and the
 *    CPU its main thread spent per request: on a shared machine requests/s fall with whatever else
 *    runs, CPU per request much less (1000 / that = what one core would serve).
 * Prints figure | measured | goal | floor | met? and writes bench/results/filings-throughput.json.
 * Run: `npm run bench -- filings`. BENCH_QUICK=1 shortens every phase (a smoke run, not figures).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { newFilingBodies, filingBodyMaker, styledReplyHtml } from './filings/bodies';
import { recordEmail } from './filings/dataset';
import { runLoad, startBenchServer, type LoadRequest, type LoadResult } from './filings/load';
import { rawInsertRate } from './filings/raw-insert';

const quick = process.env.BENCH_QUICK === '1';
const filingSeconds = quick ? 3 : 10;
const mixSeconds = quick ? 5 : 60;
const emptySeconds = quick ? 5 : 20;
const mixRecords = quick ? 5_000 : 100_000;
const drainSeconds = quick ? 3 : 20;
const rows: { figure: string; measured: string; goal: string; floor: string; met: boolean | null }[] = [];
const row = (figure: string, measured: string, goal: string, floor: string, met: boolean | null) => rows.push({ figure, measured, goal, floor, met });
const perSec = (n: number) => `${Math.round(n).toLocaleString('en')}/s`;
const msText = (n: number) => `${n.toFixed(1)} ms`;
const mainCpuPerRequest = (r: LoadResult) => r.eventLoop.mainCpuMs / Math.max(1, r.requests);
const loadText = (r: LoadResult) =>
  `${perSec(r.perSecond)} (p50 ${r.p50} ms, p99 ${r.p99} ms, eld p99 ${r.eventLoop.p99} ms, main CPU ${mainCpuPerRequest(r).toFixed(2)} ms/req, errors ${r.errors + r.timeouts + r.non2xx})`;

// The floor first, on an idle machine-state: the raw insert of the same rows.
const raw = await rawInsertRate(quick ? 500 : 3_000);
row('raw SQLite insert, one transaction per filing', perSec(raw), '(reference)', '', null);

// --- Filings: new and replays, 16 and 64 connections.
const server = await startBenchServer(50);
const target = { accountId: server.info.accountId, recordIds: server.info.recordIds };
const filings: Record<string, LoadResult> = {};
let drainMs = 0;
let bodies = { filed: 0, pending: 0 };
for (const connections of [16, 64]) {
  const body = newFilingBodies(target, `new${connections}-${Date.now()}`);
  const r = await runLoad(server, connections, filingSeconds, [{ method: 'POST', path: '/api/filings', body }]);
  filings[`new@${connections}`] = r;
  const drained = await server.command<{ ms: number; filed: number; pending: number }>({ cmd: 'drain', maxMs: drainSeconds * 1000 });
  drainMs += drained.ms;
  bodies = { filed: drained.filed, pending: drained.pending };
}
const replayBody = filingBodyMaker(target, styledReplyHtml)(`<replay-${Date.now()}@bench.test>`);
for (const connections of [16, 64]) {
  filings[`replay@${connections}`] = await runLoad(server, connections, filingSeconds, [{ method: 'POST', path: '/api/filings', body: () => replayBody }]);
}
await server.stop();

const bestNew = Math.max(filings['new@16']!.perSecond, filings['new@64']!.perSecond);
for (const [name, r] of Object.entries(filings)) {
  const kind = name.startsWith('new') ? 'new filings' : 'replays';
  const ok = r.perSecond >= 2_000 && r.errors + r.timeouts + r.non2xx === 0;
  row(`${kind}/s at ${r.connections} connections`, loadText(r), '≥ 2,000/s, 0 errors', '', ok);
}
row('best new filings/s ÷ raw insert rate', (bestNew / raw).toFixed(2), '≥ 0.30', perSec(0.3 * raw), bestNew >= 0.3 * raw);
const worstFilingEld = Math.max(...Object.values(filings).map((r) => r.eventLoop.p99));
row('event-loop delay p99 while filing (server)', msText(worstFilingEld), '≤ 20 ms', '', worstFilingEld <= 20);
for (const [name, r] of Object.entries(filings)) {
  const perReq = mainCpuPerRequest(r);
  row(`  … ${name}: main-thread CPU per request (one core would serve)`, `${perReq.toFixed(3)} ms (${perSec(1000 / perReq)})`, '≤ 0.5 ms (2,000/s)', '', perReq <= 0.5);
}
// Bodies sanitized per second of draining after each load (some were sanitized during it).
row(
  'HTML bodies sanitized by the end of the new-filing runs',
  `${(bodies.filed - bodies.pending).toLocaleString('en')} of ${bodies.filed.toLocaleString('en')} (after ${(drainMs / 1000).toFixed(1)} s of draining)`,
  '(reference)', '', null,
);

// --- The extension's mix at 200 connections, 100k records, beside the empty route.
const mixServer = await startBenchServer(mixRecords);
const mixTarget = { accountId: mixServer.info.accountId, recordIds: mixServer.info.recordIds };
const queries = ['hel', 'dupr', 'mar', 'luc ber', 'chlo', 'paul th', 'ines', 'garn', 'zo', 'eric mor'];
let pick = 0;
const nextQuery = () => encodeURIComponent(queries[pick++ % queries.length]!);
const suggest: LoadRequest = {
  method: 'GET',
  path: () => `/api/records/suggest?email=${encodeURIComponent(recordEmail(2 * Math.floor(Math.random() * (mixRecords / 2))))}&email=someone%40gmail.com`,
};
const search: LoadRequest = { method: 'GET', path: () => `/api/records?q=${nextQuery()}&limit=20` };
const filing: LoadRequest = { method: 'POST', path: '/api/filings', body: newFilingBodies(mixTarget, `mix-${Date.now()}`) };
const accounts: LoadRequest = { method: 'GET', path: '/api/me/accounts' };
const signatures: LoadRequest = { method: 'GET', path: `/api/email-accounts/${mixServer.info.accountId}/signatures` };
const render: LoadRequest = { method: 'GET', path: `/api/signatures/${mixServer.info.signatureId}/rendered` };
// 20 slots in the extension's proportions; autocannon sends them in turn on every connection.
const mix = [
  ...Array<LoadRequest>(8).fill(suggest), ...Array<LoadRequest>(6).fill(search), ...Array<LoadRequest>(2).fill(filing),
  accounts, accounts, signatures, render,
];
const empty = await runLoad(mixServer, 200, emptySeconds, [{ method: 'GET', path: '/api/health' }]);
// The same mix without search and suggest (the costliest reads, several ms of CPU each): what the
// rest of the API does at 200 connections. Run first, so the full mix's backlog cannot weigh on it.
const rest = mix.filter((r) => r !== suggest && r !== search);
const mixedRest = await runLoad(mixServer, 200, emptySeconds, rest);
const mixed = await runLoad(mixServer, 200, mixSeconds, mix);
await mixServer.stop();

const mixErrors = mixed.errors + mixed.timeouts + mixed.non2xx;
row('empty route, 200 connections', loadText(empty), '(reference)', '', null);
row(`mix at 200 connections, ${mixRecords.toLocaleString('en')} records: errors + timeouts`, `${mixed.errors} errors, ${mixed.timeouts} timeouts, ${mixed.non2xx} non-2xx`, '0', '', mixErrors === 0);
row('mix p99 latency', `${mixed.p99} ms`, '≤ 2 × empty p99', `${2 * empty.p99} ms`, mixed.perSecond > 0 && mixed.p99 <= 2 * empty.p99);
row('mix throughput', perSec(mixed.perSecond), '≥ 0.25 × empty', perSec(0.25 * empty.perSecond), mixed.perSecond >= 0.25 * empty.perSecond);
row('mix event-loop delay p99 (server)', msText(mixed.eventLoop.p99), '≤ 20 ms', '', mixed.eventLoop.p99 <= 20);
row('  … main-thread CPU per request, mix (empty route)', `${mainCpuPerRequest(mixed).toFixed(3)} ms (${mainCpuPerRequest(empty).toFixed(3)} ms)`, '(reference)', '', null);
const restErrors = mixedRest.errors + mixedRest.timeouts + mixedRest.non2xx;
row('mix without search/suggest (filing 1/3, accounts, signatures, render)', loadText(mixedRest), '(reference)', '', null);
row('  … errors + timeouts', String(restErrors), '0', '', restErrors === 0);
row('  … p99 latency', `${mixedRest.p99} ms`, '≤ 2 × empty p99', `${2 * empty.p99} ms`, mixedRest.perSecond > 0 && mixedRest.p99 <= 2 * empty.p99);
row('  … throughput', perSec(mixedRest.perSecond), '≥ 0.25 × empty', perSec(0.25 * empty.perSecond), mixedRest.perSecond >= 0.25 * empty.perSecond);
row('  … event-loop delay p99 (server)', msText(mixedRest.eventLoop.p99), '≤ 20 ms', '', mixedRest.eventLoop.p99 <= 20);

const widths = [62, 64, 20, 12, 5];
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores`);
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
console.log(line(['figure', 'measured', 'goal', 'floor', 'met?']));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line([r.figure, r.measured, r.goal, r.floor, r.met === null ? '' : r.met ? 'yes' : 'NO']));
if (quick) console.log('(BENCH_QUICK: short phases, not figures to report)');

mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/filings-throughput.json',
  `${JSON.stringify({ at: new Date().toISOString(), quick, load: os.loadavg(), rawInsertPerSecond: raw, filings, drain: { ...bodies, ms: drainMs }, empty, mixed, mixedWithoutSearch: mixedRest, mixRecords, table: rows }, null, 2)}\n`,
);
