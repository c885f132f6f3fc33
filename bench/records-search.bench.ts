/**
 * Records search and suggest at CRM sizes: two organisations of 10k, 100k and 1M records each
 * (bench/datasets, cached), the real app (server/src/app.ts) listening on a loopback port, a
 * signed-in member, sequential keep-alive requests. Each figure is printed beside its floors from
 * the same run: the raw index lookups of the same query through better-sqlite3 (no ranking, no
 * HTTP) and an empty Fastify route (HTTP alone). PostgreSQL at 100k on a throwaway cluster.
 *
 * Goals: search and suggest p95 ≤ 5 ms at 1M on SQLite; growth 10k → 1M ≤ 2×.
 * Run: `npm run bench -- records` (all sizes), MAILROOM_BENCH_SIZES=10000,100000 to choose,
 * MAILROOM_BENCH_RUNS (default 60 per query), MAILROOM_BENCH_PG=0 to skip PostgreSQL.
 * Results: bench/results/records-search-<date>.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { createSecretBox } from '../server/src/accounts/secret-box';
import { buildApp } from '../server/src/app';
import { openSession } from '../server/src/auth/sessions.service';
import { createDatabase, optimizeDatabase, type Db } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { foldText } from '../server/src/records/fold';
import { findUserByEmail } from '../server/src/users/users.repository';
import { testConfig } from '../server/test/helpers/test-app';
import { copyDataset, loadRecordsIntoPostgres, sqliteRecordsDataset, type DatasetOrg } from './datasets/records-dataset';
import { cpuSamples, cpuSince, getJson, ms, percentiles, printTable, saveResults, timeCalls, type GoalRow, type Percentiles } from './server-percentiles';

/** The queries the goal is measured on (what people type), then harder ones reported beside them:
 * many distinct words, a multi-word query led by its rarer word, an address prefix every company has. */
const GOAL_QUERIES = ['a', 'jean', 'dupont', 'acme.fr', 'marie@', 'jean du'];
const QUERIES = [...GOAL_QUERIES, 'dup', 'du jean', 'contact@', 'kerbra'];
const RUNS = Number(process.env.MAILROOM_BENCH_RUNS ?? 60);
const SIZES = (process.env.MAILROOM_BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const PG_SIZE = 100_000;
const GOAL_MS = 5;
const GOAL_GROWTH = 2;
const upper = (p: string) => `${p}\u{10FFFF}`;

interface RunResult {
  search: Record<string, Percentiles & { total: number; totalCapped: boolean; cpuP50: number; cpuP95: number }>;
  /** Over GOAL_QUERIES. */
  searchAll: Percentiles;
  suggest: Percentiles;
  /** CPU time per request (server + client, this process) — robust to a busy machine. */
  cpu: { search: Percentiles; suggest: Percentiles };
  floors?: { search: Percentiles; suggest: Percentiles };
}

/** Participants of 40 messages: a known contact, a colleague at a known company, a stranger on free mail. */
function suggestSets(known: string[]): string[][] {
  return known.slice(0, 40).map((email, i) => {
    const domain = email.slice(email.indexOf('@') + 1);
    return [email, `new.colleague${i}@${domain}`, `stranger${i}@gmail.com`];
  });
}

async function measureApp(db: Db, org: DatasetOrg, known: string[]): Promise<Omit<RunResult, 'floors'> & { close: () => Promise<void> }> {
  await optimizeDatabase(db);
  const app = await buildApp({ config: testConfig(), db, secretBox: createSecretBox(Buffer.alloc(32, 7)), logger: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const user = await findUserByEmail(db, org.memberEmail);
  if (!user) throw new Error('no bench member');
  const { token } = await openSession(db, user.id, 1);
  const search: RunResult['search'] = {};
  const all: number[] = [];
  const goalCpu: number[] = [];
  for (const q of QUERIES) {
    const url = `${base}/api/records?q=${encodeURIComponent(q)}&limit=20`;
    const first = (await getJson(url, token)) as { items: unknown[]; total: number; totalCapped: boolean };
    const mark = cpuSamples.length;
    const samples = await timeCalls(RUNS, () => getJson(url, token));
    if (GOAL_QUERIES.includes(q)) all.push(...samples);
    const cpu = percentiles(cpuSince(mark));
    if (GOAL_QUERIES.includes(q)) goalCpu.push(...cpuSince(mark));
    search[q] = { ...percentiles(samples), total: first.total, totalCapped: first.totalCapped, cpuP50: cpu.p50, cpuP95: cpu.p95 };
  }
  const searchCpuAll = percentiles(goalCpu);
  const sets = suggestSets(known);
  let i = 0;
  const suggestCpu = cpuSamples.length;
  const suggest = percentiles(
    await timeCalls(Math.max(RUNS, sets.length), () => {
      const set = sets[i++ % sets.length]!;
      return getJson(`${base}/api/records/suggest?${set.map((e) => `email=${encodeURIComponent(e)}`).join('&')}`, token);
    }),
  );
  const cpu = { search: searchCpuAll, suggest: percentiles(cpuSince(suggestCpu)) };
  return { search, searchAll: percentiles(all), suggest, cpu, close: () => app.close() };
}

/** The raw index reads a ranked search needs at least, and suggest's address lookup, via better-sqlite3. */
function sqliteFloors(file: string, org: DatasetOrg, known: string[]) {
  const raw = new SQLite(file, { readonly: true });
  const byName = raw.prepare('select id from records where org_id = ? and name_folded >= ? and name_folded < ? limit 21');
  const byWord = raw.prepare('select record_id from record_words where org_id = ? and word >= ? and word < ? limit 21');
  const byEmail = raw.prepare('select record_id from record_emails where email >= ? and email < ? limit 21');
  const suggest = raw.prepare(`select r.id from record_emails e cross join records r
    where r.id = e.record_id and e.email in (?, ?, ?) and r.org_id = ?`);
  const companies = raw.prepare(`select r.id from record_domains d cross join records r
    where r.id = d.record_id and d.domain in (?, ?, ?) and r.org_id = ?`);
  const search: number[] = [];
  return (async () => {
    for (const q of QUERIES) {
      const folded = foldText(q);
      const word = folded.split(' ').sort((a, b) => b.length - a.length)[0] ?? '';
      search.push(...(await timeCalls(RUNS, () => {
        byName.all(org.id, folded, upper(folded));
        byWord.all(org.id, word, upper(word));
        byEmail.all(q, upper(q));
      })));
    }
    const sets = suggestSets(known);
    let i = 0;
    const s = await timeCalls(Math.max(RUNS, sets.length), () => {
      const set = sets[i++ % sets.length]!;
      suggest.all(...set, org.id);
      companies.all(...set.map((e) => e.slice(e.indexOf('@') + 1)), org.id);
    });
    raw.close();
    return { search: percentiles(search), suggest: percentiles(s) };
  })();
}

/** Addresses of contacts of the organisation, spread over the data set. */
async function knownEmails(db: Db, org: DatasetOrg): Promise<string[]> {
  const rows = await db
    .selectFrom('record_emails as e')
    .innerJoin('records as r', 'r.id', 'e.record_id')
    .select('e.email')
    .where('r.org_id', '=', org.id)
    .where('r.kind', '=', 'contact')
    .where('e.email', '>=', 'd')
    .orderBy('e.email')
    .limit(400)
    .execute();
  return rows.filter((_, i) => i % 10 === 0).map((r) => r.email);
}

async function emptyRouteFloor(): Promise<Percentiles & { cpu: Percentiles }> {
  const app = Fastify({ logger: false });
  app.get('/empty', async () => ({}));
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const mark = cpuSamples.length;
  const p = percentiles(await timeCalls(RUNS * 3, () => getJson(`${base}/empty`, 'x')));
  await app.close();
  return { ...p, cpu: percentiles(cpuSince(mark)) };
}

async function sqliteRun(size: number, tmp: string): Promise<RunResult & { buildMs: number | null; buildCpuMs: number | null }> {
  const set = await sqliteRecordsDataset(size);
  const file = copyDataset(set, tmp);
  const org = set.orgs[0]!;
  const db = createDatabase({ kind: 'sqlite', file });
  await migrateToLatest(db);
  const known = await knownEmails(db, org);
  const floors = await sqliteFloors(file, org, known);
  const result = await measureApp(db, org, known);
  await result.close();
  await db.destroy();
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}-wal`, { force: true });
  fs.rmSync(`${file}-shm`, { force: true });
  return { search: result.search, searchAll: result.searchAll, suggest: result.suggest, cpu: result.cpu, floors, buildMs: set.buildMs, buildCpuMs: set.buildCpuMs };
}

/** Child process under scripts/with-postgres.mjs: loads 100k × 2 into a fresh database and measures. */
async function postgresChild(out: string): Promise<void> {
  const admin = process.env.MAILROOM_TEST_DATABASE_URL;
  if (!admin) throw new Error('run through scripts/with-postgres.mjs');
  const url = new URL(admin);
  url.pathname = '/postgres';
  const db = createDatabase({ kind: 'postgres', url: url.toString() });
  await migrateToLatest(db);
  const t0 = performance.now();
  const [org] = await loadRecordsIntoPostgres(db, PG_SIZE);
  const loadMs = performance.now() - t0;
  const known = await knownEmails(db, org!);
  const result = await measureApp(db, org!, known);
  await result.close();
  await db.destroy();
  fs.writeFileSync(out, JSON.stringify({ search: result.search, searchAll: result.searchAll, suggest: result.suggest, cpu: result.cpu, loadMs }));
}

if (process.argv[2] === '--postgres') {
  await postgresChild(process.argv[3]!);
  process.exit(0);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-bench-records-'));
const emptyRoute = await emptyRouteFloor();
const runs: Record<number, RunResult & { buildMs: number | null; buildCpuMs: number | null }> = {};
for (const size of SIZES) {
  console.log(`\n--- SQLite, 2 organisations × ${size.toLocaleString('en')} records`);
  runs[size] = await sqliteRun(size, tmp);
  const r = runs[size];
  for (const [q, p] of Object.entries(r.search)) {
    console.log(`search ${JSON.stringify(q).padEnd(11)} p50 ${ms(p.p50).padStart(9)}  p95 ${ms(p.p95).padStart(9)}  p99 ${ms(p.p99).padStart(9)}  max ${ms(p.max).padStart(9)}  cpu p50 ${ms(p.cpuP50)} p95 ${ms(p.cpuP95)}  (total ${p.total}${p.totalCapped ? '+' : ''})`);
  }
  console.log(`suggest (3 participants) p50 ${ms(r.suggest.p50)}  p95 ${ms(r.suggest.p95)}  p99 ${ms(r.suggest.p99)}  max ${ms(r.suggest.max)}  cpu p50 ${ms(r.cpu.suggest.p50)} p95 ${ms(r.cpu.suggest.p95)}`);
  console.log(`load average now ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
}

let pg: (Omit<RunResult, 'floors'> & { loadMs: number }) | undefined;
if (process.env.MAILROOM_BENCH_PG !== '0') {
  console.log(`\n--- PostgreSQL, 2 organisations × ${PG_SIZE.toLocaleString('en')} records`);
  const out = path.join(tmp, 'pg.json');
  const child = spawnSync('node', ['scripts/with-postgres.mjs', 'npx', 'tsx', 'bench/records-search.bench.ts', '--postgres', out], { stdio: 'inherit' });
  if (child.status === 0 && fs.existsSync(out)) pg = JSON.parse(fs.readFileSync(out, 'utf8'));
  else console.log('PostgreSQL run failed or unavailable: no PostgreSQL figures.');
}
fs.rmSync(tmp, { recursive: true, force: true });

const rows: GoalRow[] = [];
const floorText = (f: Percentiles | undefined) => `index ${f ? ms(f.p95) : '—'} p95; empty route ${ms(emptyRoute.p50)} p50`;
const biggest = Math.max(...SIZES);
const smallest = Math.min(...SIZES);
for (const size of SIZES) {
  const r = runs[size]!;
  const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
  const goal = size === 1_000_000 ? `≤ ${GOAL_MS} ms` : '—';
  const met = (v: number) => (size === 1_000_000 ? v <= GOAL_MS : null);
  rows.push({ figure: `search p95 @${label} (${GOAL_QUERIES.join(', ')}) = ${ms(r.searchAll.p95)}`, goal, floor: floorText(r.floors?.search), met: met(r.searchAll.p95) });
  rows.push({ figure: `  same, CPU time per request = ${ms(r.cpu.search.p95)}`, goal, floor: `empty route CPU ${ms(emptyRoute.cpu.p95)} p95`, met: met(r.cpu.search.p95) });
  rows.push({ figure: `suggest p95 @${label} = ${ms(r.suggest.p95)}`, goal, floor: floorText(r.floors?.suggest), met: met(r.suggest.p95) });
  rows.push({ figure: `  same, CPU time per request = ${ms(r.cpu.suggest.p95)}`, goal, floor: `empty route CPU ${ms(emptyRoute.cpu.p95)} p95`, met: met(r.cpu.suggest.p95) });
  if (r.buildMs !== null) rows.push({ figure: `data set build @${label} = ${(r.buildMs / 1000).toFixed(1)} s (CPU ${((r.buildCpuMs ?? 0) / 1000).toFixed(1)} s)`, goal: size === 1_000_000 ? '< 120 s' : '—', floor: '—', met: size === 1_000_000 ? r.buildMs < 120_000 : null });
}
if (biggest > smallest) {
  const g = (f: (r: RunResult) => number) => f(runs[biggest]!) / f(runs[smallest]!);
  const span = `${smallest / 1000}k→${biggest >= 1_000_000 ? `${biggest / 1_000_000}M` : `${biggest / 1000}k`}`;
  for (const [what, f] of [
    ['search p95', (r: RunResult) => r.searchAll.p95],
    ['  same, CPU', (r: RunResult) => r.cpu.search.p95],
    ['suggest p95', (r: RunResult) => r.suggest.p95],
    ['  same, CPU', (r: RunResult) => r.cpu.suggest.p95],
  ] as const) {
    rows.push({ figure: `${what} growth ${span} = ${g(f).toFixed(2)}×`, goal: `≤ ${GOAL_GROWTH}×`, floor: '1×', met: g(f) <= GOAL_GROWTH });
  }
}
for (const q of QUERIES.filter((x) => !GOAL_QUERIES.includes(x))) {
  const p = runs[biggest]!.search[q]!;
  rows.push({ figure: `  harder: search ${JSON.stringify(q)} p95 @${biggest / 1000}k = ${ms(p.p95)} (CPU ${ms(p.cpuP95)})`, goal: '—', floor: '—', met: null });
}
const worst = Math.max(...Object.values(runs[biggest]!.search).map((p) => p.max), runs[biggest]!.suggest.max);
rows.push({ figure: `worst single request @${biggest / 1000}k = ${ms(worst)}`, goal: '—', floor: '—', met: null });
if (pg) {
  rows.push({ figure: `PostgreSQL search p95 @100k = ${ms(pg.searchAll.p95)} (CPU ${ms(pg.cpu.search.p95)})`, goal: '—', floor: `empty route ${ms(emptyRoute.p50)} p50`, met: null });
  rows.push({ figure: `PostgreSQL suggest p95 @100k = ${ms(pg.suggest.p95)} (CPU ${ms(pg.cpu.suggest.p95)})`, goal: '—', floor: `empty route ${ms(emptyRoute.p50)} p50`, met: null });
}
console.log('');
printTable(rows);
console.log(`(CPU time: this process's user+system time per request, server and client together; wall-clock waits for a core when the machine is shared — load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores at the end)`);
const file = saveResults('records-search', { queries: QUERIES, goalQueries: GOAL_QUERIES, runsPerQuery: RUNS, emptyRoute, sqlite: runs, postgres100k: pg ?? null, table: rows });
console.log(`\nsaved ${path.relative(process.cwd(), file)}`);
