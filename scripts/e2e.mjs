#!/usr/bin/env node
// End-to-end run: build the Chrome extension, make sure a Chromium exists, run Playwright.
//   node scripts/e2e.mjs [--no-build] [playwright args...]
// Chromium: CHROMIUM_PATH, else /usr/bin/chromium (Debian), else Playwright's own (installed on
// demand with `npx playwright install chromium`; that needs internet).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build') || process.env.MAILROOM_E2E_SKIP_BUILD === '1';
const playwrightArgs = args.filter((a) => a !== '--no-build');

function run(cmd, cmdArgs, env = process.env) {
  const started = Date.now();
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env });
  console.log(`[e2e] ${cmd} ${cmdArgs.join(' ')}: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status ?? 1;
}

if (!noBuild && run('npx', ['wxt', 'build']) !== 0) process.exit(1);

const env = { ...process.env };
if (!env.CHROMIUM_PATH && existsSync('/usr/bin/chromium')) env.CHROMIUM_PATH = '/usr/bin/chromium';
if (!env.CHROMIUM_PATH) {
  // No system Chromium: use Playwright's, downloading it if it is not there yet.
  const require = createRequire(import.meta.url);
  const { chromium } = require('@playwright/test');
  if (!existsSync(chromium.executablePath())) {
    console.log('[e2e] no Chromium found: npx playwright install chromium');
    if (run('npx', ['playwright', 'install', 'chromium']) !== 0) process.exit(1);
  }
}
console.log(`[e2e] Chromium: ${env.CHROMIUM_PATH ?? "Playwright's own"}`);
process.exit(run('npx', ['playwright', 'test', ...playwrightArgs], env));
