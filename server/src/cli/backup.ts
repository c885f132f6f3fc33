/**
 * `npm run backup -- <file>`: a consistent copy of the SQLite database, taken while the API runs
 * (SQLite's online backup API). Restoring is copying it back while the API is stopped. The copy
 * holds the sealed mailbox passwords but not the key that opens them (secret.key or
 * MAILROOM_SECRET): keep that apart. On PostgreSQL use pg_dump / pg_restore (README, Deployment).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../config';
import { databaseTarget } from '../db/database';

class UsageError extends Error {}

/**
 * The whole database in one backup step: one read transaction, so the copy is the database as
 * of one commit (every filing acknowledged before it is there) and, in WAL mode, writers go on
 * meanwhile. With smaller steps a write by the API between two steps restarts the copy, which
 * under steady filing might never finish.
 */
const ALL_PAGES = 0x7fffffff;

async function backup(source: string, dest: string): Promise<{ pages: number; bytes: number }> {
  const partial = `${dest}.partial`;
  // Sealed passwords and people's data: only the server's user reads the copy, as the original.
  fs.rmSync(partial, { force: true });
  fs.closeSync(fs.openSync(partial, 'wx', 0o600));
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const { totalPages } = await db.backup(partial, { progress: () => ALL_PAGES });
    const copy = new SQLite(partial, { fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy fails PRAGMA integrity_check: ${String(check)}`);
      // A self-contained file: no -wal beside it to forget when it is copied back.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fs.renameSync(partial, dest);
    return { pages: totalPages, bytes: fs.statSync(dest).size };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const config = loadConfig();
  if (config.databaseUrl) {
    throw new UsageError('DATABASE_URL is set: back PostgreSQL up with pg_dump (see the README, Deployment → Backups).');
  }
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new UsageError('Usage: npm run backup -- <file>');
  const target = databaseTarget(config);
  if (target.kind !== 'sqlite') throw new UsageError('No SQLite database is configured.');
  const dest = path.resolve(args[0]!);
  if (fs.existsSync(dest)) throw new UsageError(`${dest} exists already: choose a new file name (a backup never overwrites).`);
  if (!fs.existsSync(target.file)) throw new UsageError(`There is no database at ${target.file} (MAILROOM_DATA_DIR).`);
  const started = performance.now();
  const { pages, bytes } = await backup(target.file, dest);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Backed up ${target.file} to ${dest}: ${pages} pages, ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${seconds} s; integrity check ok.`);
  console.log(`To restore: stop the API, remove ${target.file}-wal and -shm, copy the backup to ${target.file}, start the API.`);
}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError ? err.message : `Backup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
