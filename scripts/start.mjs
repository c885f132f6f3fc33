#!/usr/bin/env node
// `npm start`: build the extension, start the API with demo data on the SQLite file, then say how
// to load the extension in Chrome and which logins to use. Ctrl+C stops the API cleanly.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(import.meta.dirname, '..');
const password = process.env.MAILROOM_DEMO_PASSWORD || 'demo';

console.log('▶ Building the extension (wxt build)…');
const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
const built = build.status === 0;
if (!built) console.error('\n✘ The extension build failed (see above); starting the API anyway.\n');

console.log('▶ Starting the API with demo data…');
// `node --import tsx` rather than the tsx CLI: one process, so Ctrl+C always shuts it down cleanly.
const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', '--demo'], {
  cwd: root,
  stdio: ['inherit', 'pipe', 'inherit'],
  env: process.env,
});

const lines = readline.createInterface({ input: server.stdout });
lines.on('line', (line) => {
  console.log(line);
  const m = /^Mailroom API listening on (\S+)/.exec(line);
  if (!m) return;
  const out = path.join(root, '.output', 'chrome-mv3');
  console.log(`
────────────────────────────────────────────────────────────────────────
 Mailroom is running.  API: ${m[1]}   OpenAPI docs: ${m[1]}/docs
${built ? '' : ' (The extension did not build: fix the error above and run `npx wxt build`.)\n'}
 Load the extension in Chrome:
   1. open chrome://extensions
   2. switch on "Developer mode" (top right)
   3. click "Load unpacked" and choose ${out}
   4. open Gmail or Outlook on the web and sign in to Mailroom from the toolbar button

 Demo logins (password "${password}"):
   admin   admin@demo.test   (manages email accounts and access; quota 3 accounts)
   member  alice@demo.test
 The demo organisation has a few clients, contacts and companies and no email account yet.

 Press Ctrl+C to stop.
────────────────────────────────────────────────────────────────────────`);
});

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
