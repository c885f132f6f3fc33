#!/usr/bin/env node
// `npm test`: every check and suite, in order, stopping at nothing so one run shows all failures.
// Prints one closing line "N passed, N failed" summing the Vitest and Playwright test counts.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const tmp = mkdtempSync(path.join(tmpdir(), 'mailroom-test-'));
const steps = [];
let passed = 0;
let failed = 0;
// Failing tests by name, repeated after the summary: a log that keeps only its tail still says which.
const failures = [];
const firstLine = (text) => String(text ?? '').split('\n').find((l) => l.trim()) ?? '';

function run(name, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  steps.push({ name, ok, seconds });
  return ok;
}

// Two cores here, and most steps leave one idle for long stretches (a type checker, a browser
// waiting on a page, a test waiting on PostgreSQL): such steps run side by side, each into its own
// log, printed whole when it ends so the output still reads one step at a time.
function runConcurrently(name, cmd, args, env = {}) {
  const started = Date.now();
  const logFile = path.join(tmp, `${name.replace(/\W+/g, '-')}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      log.end(() => {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
        process.stdout.write(readFileSync(logFile));
        steps.push({ name, ok: code === 0, seconds });
        resolve(code === 0);
      });
    });
  });
}

function countVitest(file) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  for (const result of report.testResults ?? []) {
    const rel = path.relative(process.cwd(), result.name);
    const failedTests = (result.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests) failures.push(`${rel} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    if (result.status === 'failed' && failedTests.length === 0) failures.push(`${rel}: ${firstLine(result.message)}`);
  }
  return true;
}

function countPlaywright(file) {
  if (!existsSync(file)) return false;
  const { stats, suites } = JSON.parse(readFileSync(file, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.at(-1)?.error?.message;
        failures.push(`${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')}: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  // The top-level suites are the files, already named by spec.file.
  for (const fileSuite of suites ?? []) walk(fileSuite, []);
  return true;
}

await Promise.all([
  runConcurrently('typecheck', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.json']),
  runConcurrently('typecheck server', 'npx', ['tsc', '--noEmit', '-p', 'server/tsconfig.json']).then(() =>
    runConcurrently('lint', 'npx', ['eslint', '.']),
  ),
]);

// A server test file that imports neither the test helpers nor the database layer runs no SQL:
// on PostgreSQL it would only repeat the SQLite run.
const runsNoSql = (file) => !/from '(\.\.?\/)+(helpers|src\/db)\b|from '\.\/helpers/.test(readFileSync(file, 'utf8'));
const sqlFreeServerTests = readdirSync('server/test', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `server/test/${f.split(path.sep).join('/')}`)
  .filter(runsNoSql);

const vitestArgs = (out) => ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
const unitReport = path.join(tmp, 'vitest-unit.json');
const sqliteReport = path.join(tmp, 'vitest-sqlite.json');
const pgReport = path.join(tmp, 'vitest-postgres.json');
const e2eReport = path.join(tmp, 'playwright.json');

// Vitest takes one worker on two cores (cores − 1), and the server suites spend much of their time
// waiting on child processes, Dovecot and PostgreSQL: the extension's suite, the server's on SQLite
// and the server's again on a throwaway PostgreSQL (the same migrations and rules on both) run side
// by side, one worker each.
await Promise.all([
  runConcurrently('vitest (extension)', 'npx', [...vitestArgs(unitReport), '--project', 'unit*', '--maxWorkers=1']),
  runConcurrently('vitest (server on SQLite)', 'npx', [...vitestArgs(sqliteReport), '--project', 'server*', '--maxWorkers=1']),
  runConcurrently('vitest (server on PostgreSQL)', 'node', ['scripts/with-postgres.mjs', 'npx', ...vitestArgs(pgReport), '--project', 'server*', '--maxWorkers=1', ...sqlFreeServerTests.flatMap((f) => ['--exclude', f])]),
]);
for (const report of [unitReport, sqliteReport, pgReport]) if (!countVitest(report)) failed++;

// Then the browser suite on the whole machine: two workers, as it mostly waits on pages (each test
// starts its own API and profile, so the workers share nothing).
run('playwright (built extension in Chromium)', 'node', ['scripts/e2e.mjs'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
  E2E_WORKERS: process.env.E2E_WORKERS ?? '2',
});
if (!countPlaywright(e2eReport)) failed++;

rmSync(tmp, { recursive: true, force: true });
console.log('\nSummary:');
for (const s of steps) console.log(`  ${s.ok ? '✔' : '✘'} ${s.name} (${s.seconds} s)`);
const allOk = steps.every((s) => s.ok);
if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  ✘ ${f}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(allOk && failed === 0 ? 0 : 1);
