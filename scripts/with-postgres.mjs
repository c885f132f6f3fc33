#!/usr/bin/env node
// `node scripts/with-postgres.mjs <command...>`: starts a throwaway PostgreSQL (Debian's 15 by
// default; PG_BIN overrides the bin dir) on a free loopback port with trust auth, runs the command
// with MAILROOM_TEST_DATABASE_URL set, then stops the server and deletes its files.
// initdb refuses to run as root, so as root the server runs as the `postgres` user via runuser.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node scripts/with-postgres.mjs <command> [args...]');
  process.exit(2);
}

const bin = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';
if (!fs.existsSync(path.join(bin, 'initdb'))) {
  console.error(`No PostgreSQL in ${bin} (apt-get install postgresql-15, or set PG_BIN).`);
  process.exit(2);
}

const asRoot = process.getuid?.() === 0;
const wrap = (exe, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args]);
function runPg(exe, args) {
  const [cmd, argv] = wrap(path.join(bin, exe), args);
  execFileSync(cmd, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-pg-'));
const data = path.join(dir, 'data');
if (asRoot) {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  fs.chownSync(dir, uid, gid);
}

let started = false;
function cleanup() {
  if (started) {
    try {
      runPg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      /* already gone */
    }
    started = false;
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

const port = await freePort();
try {
  runPg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  // Durability off: this cluster lives for one test run.
  const opts = [
    '-c listen_addresses=127.0.0.1',
    `-p ${port}`,
    `-k ${dir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  runPg('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'postgres.log'), '-w', 'start']);
  started = true;
} catch (err) {
  const log = path.join(dir, 'postgres.log');
  if (fs.existsSync(log)) console.error(fs.readFileSync(log, 'utf8'));
  console.error('Could not start PostgreSQL:', err.message);
  cleanup();
  process.exit(2);
}

const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
console.log(`PostgreSQL ${spawnSync(path.join(bin, 'postgres'), ['--version']).stdout.toString().trim()} on ${url}`);
const child = spawn(command[0], command.slice(1), {
  stdio: 'inherit',
  env: { ...process.env, MAILROOM_TEST_DATABASE_URL: url },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 1 : 0));
});
