/**
 * CSV import and export of records: 100,000 rows (bench/datasets' generated organisation: one
 * company per 20 people, contacts at their company's domain, clients on free mail; half the rows
 * with an external id) posted to the real app (server/src/app.ts) listening on a loopback port, on
 * a fresh SQLite file. Measured: the first import (everything created), the same file again (every
 * row unchanged: reads only), the dry run, and the export. Floor: csv-parse reading the same file
 * alone (no checks, no database, no HTTP).
 *
 * Goal: 100,000 rows imported in ≤ 30 s on SQLite. Run: `npm run bench -- import`
 * (MAILROOM_BENCH_IMPORT_ROWS to choose the size). Results: bench/results/records-import-<date>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { createSecretBox } from '../server/src/accounts/secret-box';
import { buildApp } from '../server/src/app';
import { openSession } from '../server/src/auth/sessions.service';
import { createDatabase } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { createOrganisationWithAdmin } from '../server/src/orgs/orgs.service';
import type { RecordImportResult } from '../contract/records';
import { testConfig } from '../server/test/helpers/test-app';
import { generateOrgRecords } from './datasets/generate';
import { printTable, saveResults, type GoalRow } from './server-percentiles';

const ROWS = Number(process.env.MAILROOM_BENCH_IMPORT_ROWS ?? 100_000);
const GOAL_S = 30;

/** The generated organisation as the CSV a CRM export would give (French headers, `;`). */
function buildCsv(rows: number): Buffer {
  const names = new Map<string, string>();
  const lines: string[][] = [['ID externe', 'Type', 'Nom', 'E-mail', 'Téléphone', 'Société', 'Domaine']];
  let i = 0;
  for (const r of generateOrgRecords(0, rows)) {
    if (r.kind === 'company') names.set(r.id, r.name);
    lines.push([
      i % 2 === 0 ? `CRM-${i}` : '',
      r.kind === 'company' ? 'Société' : r.kind,
      r.name,
      r.emails.join('; '),
      i % 3 === 0 ? `+33 1 ${String(i).padStart(8, '0')}` : '',
      r.companyId ? (names.get(r.companyId) ?? '') : '',
      r.domains.join('; '),
    ]);
    i++;
  }
  return Buffer.from(stringify(lines, { delimiter: ';' }), 'utf8');
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-bench-import-'));
const db = createDatabase({ kind: 'sqlite', file: path.join(tmp, 'bench.sqlite') });
await migrateToLatest(db);
const { adminId } = await createOrganisationWithAdmin(db, { name: 'Import bench', quota: 5 }, {
  email: 'admin@import.bench', firstName: 'Ada', lastName: 'Admin', password: 'bench password',
});
const { token } = await openSession(db, adminId, 1);
const app = await buildApp({ config: testConfig(), db, secretBox: createSecretBox(Buffer.alloc(32, 7)), logger: false });
const base = await app.listen({ port: 0, host: '127.0.0.1' });

const csv = buildCsv(ROWS);
console.log(`${ROWS.toLocaleString('en')} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MB`);

let t0 = performance.now();
parse(csv.toString('utf8'), { delimiter: ';', relax_column_count: true, info: true });
const floorS = seconds(t0);

async function post(query = ''): Promise<{ s: number; result: RecordImportResult }> {
  const start = performance.now();
  const res = await fetch(`${base}/api/records/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`import: ${res.status} ${body.slice(0, 300)}`);
  return { s: seconds(start), result: JSON.parse(body) as RecordImportResult };
}

const dry = await post('?dryRun=true');
console.log(`dry run ${dry.s.toFixed(1)} s`, { ...dry.result, refused: dry.result.refused.length });
const first = await post();
console.log(`import ${first.s.toFixed(1)} s`, { ...first.result, refused: first.result.refused.length });
const again = await post();
console.log(`again ${again.s.toFixed(1)} s`, { ...again.result, refused: again.result.refused.length });

t0 = performance.now();
const exported = await fetch(`${base}/api/records/export`, { headers: { authorization: `Bearer ${token}` } });
const exportedBytes = (await exported.arrayBuffer()).byteLength;
const exportS = seconds(t0);

await app.close();
await db.destroy();
fs.rmSync(tmp, { recursive: true, force: true });

const label = ROWS >= 1000 ? `${ROWS / 1000}k` : String(ROWS);
const floor = `csv-parse alone ${floorS.toFixed(1)} s`;
const atGoal = ROWS === 100_000;
const rows: GoalRow[] = [
  { figure: `import @${label} rows, all created = ${first.s.toFixed(1)} s (${Math.round(ROWS / first.s).toLocaleString('en')} rows/s)`, goal: `≤ ${GOAL_S} s`, floor, met: atGoal ? first.s <= GOAL_S : null },
  { figure: `same file again, all unchanged = ${again.s.toFixed(1)} s`, goal: '—', floor, met: null },
  { figure: `dry run on an empty organisation = ${dry.s.toFixed(1)} s`, goal: '—', floor, met: null },
  { figure: `export @${label} = ${exportS.toFixed(1)} s (${(exportedBytes / 1024 / 1024).toFixed(1)} MB)`, goal: '—', floor: '—', met: null },
];
console.log('');
printTable(rows);
console.log(`(wall-clock on a shared machine: load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores at the end)`);
const file = saveResults('records-import', {
  rows: ROWS, bytes: csv.length, floorS, import: first, again, dryRun: dry, exportS, exportedBytes, table: rows,
});
console.log(`\nsaved ${path.relative(process.cwd(), file)}`);
