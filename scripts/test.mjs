#!/usr/bin/env node
// `npm test`: every check and suite, in order, stopping at nothing so one run shows all failures.
// Prints one closing line "N passed, N failed" summing the Vitest and Playwright test counts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const tmp = mkdtempSync(path.join(tmpdir(), 'mailroom-test-'));
const steps = [];
let passed = 0;
let failed = 0;

function run(name, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  steps.push({ name, ok, seconds });
  return ok;
}

function countVitest(file) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  return true;
}

function countPlaywright(file) {
  if (!existsSync(file)) return false;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  return true;
}

run('typecheck', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.json']);
run('typecheck server', 'npx', ['tsc', '--noEmit', '-p', 'server/tsconfig.json']);
run('lint', 'npx', ['eslint', '.']);

const vitestArgs = (out) => ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
const sqliteReport = path.join(tmp, 'vitest-sqlite.json');
run('vitest (extension + server on SQLite)', 'npx', vitestArgs(sqliteReport));
if (!countVitest(sqliteReport)) failed++;

// The server suite again on a throwaway PostgreSQL: the same migrations and rules on both.
const pgReport = path.join(tmp, 'vitest-postgres.json');
run('vitest (server on PostgreSQL)', 'node', ['scripts/with-postgres.mjs', 'npx', ...vitestArgs(pgReport), '--project', 'server']);
if (!countVitest(pgReport)) failed++;

const e2eReport = path.join(tmp, 'playwright.json');
run('playwright (built extension in Chromium)', 'node', ['scripts/e2e.mjs'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport });
if (!countPlaywright(e2eReport)) failed++;

rmSync(tmp, { recursive: true, force: true });
console.log('\nSummary:');
for (const s of steps) console.log(`  ${s.ok ? '✔' : '✘'} ${s.name} (${s.seconds} s)`);
const allOk = steps.every((s) => s.ok);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(allOk && failed === 0 ? 0 : 1);
