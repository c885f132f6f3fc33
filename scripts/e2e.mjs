#!/usr/bin/env node
// End-to-end run: build the Chrome extension, make sure a Chromium exists, run Playwright.
//   node scripts/e2e.mjs [--no-build] [playwright args...]
// Chromium: CHROMIUM_PATH, else /usr/bin/chromium (Debian), else Playwright's own (installed on
// demand with `npx playwright install chromium`; that needs internet).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

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
// Run against a private copy of the build: another `wxt build` in the same tree (a teammate, a
// watcher) empties .output/ and would pull the extension from under the browser mid-run.
let privateCopy;
if (!env.MAILROOM_EXTENSION_DIR) {
  if (!existsSync('.output/chrome-mv3/manifest.json')) {
    console.error('[e2e] no build in .output/chrome-mv3: run without --no-build');
    process.exit(1);
  }
  privateCopy = mkdtempSync(path.join(tmpdir(), 'mailroom-e2e-extension-'));
  cpSync('.output/chrome-mv3', privateCopy, { recursive: true });
  env.MAILROOM_EXTENSION_DIR = privateCopy;
}
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
const status = run('npx', ['playwright', 'test', ...playwrightArgs], env);
if (privateCopy) rmSync(privateCopy, { recursive: true, force: true });
process.exit(status);
