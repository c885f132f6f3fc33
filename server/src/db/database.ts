import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { isPostgres } from './dialect';
import type { Database } from './schema';
import { createSqliteDialect, type ConnectionUse } from './sqlite-dialect';
import { startWalCheckpointer } from './wal-checkpointer';

export type Db = Kysely<Database>;

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** DATABASE_URL selects PostgreSQL; otherwise the SQLite file `mailroom.sqlite` in the data dir. */
export function databaseTarget(config: { databaseUrl: string | null; dataDir: string }): DatabaseTarget {
  if (config.databaseUrl) return { kind: 'postgres', url: config.databaseUrl };
  return { kind: 'sqlite', file: path.join(config.dataDir, 'mailroom.sqlite') };
}

/** How a process's database connections are used (for the metrics). */
export interface PoolUse {
  total: number;
  idle: number;
  waiting: number;
}

const poolUse = new WeakMap<Db, () => PoolUse>();

export function databasePoolUse(db: Db): PoolUse {
  return poolUse.get(db)?.() ?? { total: 0, idle: 0, waiting: 0 };
}

export function createDatabase(target: DatabaseTarget): Db {
  if (target.kind === 'postgres') {
    // COUNT(*) and bigint come back as strings from pg; repositories convert with Number().
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle client losing its connection (server restart, admin termination 57P01) emits 'error'
    // on the pool; unhandled, that would crash the process. The pool replaces the client itself.
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') console.error(`PostgreSQL connection lost: ${err.message}`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    poolUse.set(db, () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }));
    return db;
  }
  if (target.file !== ':memory:') createPrivateFile(target.file);
  const sqlite = new SQLite(target.file);
  tuneSqlite(sqlite, target.file !== ':memory:');
  const use: ConnectionUse = { inUse: 0, waiting: 0 };
  const checkpointer = target.file !== ':memory:' ? startWalCheckpointer(sqlite, target.file) : undefined;
  const db = new Kysely<Database>({ dialect: createSqliteDialect(sqlite, use, async () => checkpointer?.stop()) });
  poolUse.set(db, () => ({ total: 1, idle: use.inUse > 0 ? 0 : 1, waiting: use.waiting }));
  return db;
}

/**
 * The SQLite settings of the one connection (README "SQLite settings" says what they cost):
 * - WAL: readers never wait for a writer; one fsync per checkpoint rather than per commit, and
 *   checkpoints run on a worker thread (wal-checkpointer.ts), not inside a request's commit.
 * - synchronous = NORMAL: in WAL mode a commit does not fsync; a power loss (not a process crash)
 *   may lose the last transactions, but the database is never corrupted.
 * - cache_size 64 MiB of pages and mmap_size 1 GiB: a 1M-record organisation's indexes are read
 *   from memory instead of through read() calls.
 * - temp_store = MEMORY: sorts and temporary b-trees never touch the disk.
 * - busy_timeout: another process holding the write lock (a backup, the CLI) is waited for 5 s.
 * - foreign_keys: off by default in SQLite, and our cascades need them.
 * - optimize = 0x10002: at open, analyses the tables that need it (cheap: limited analysis), so
 *   the planner has statistics on a database that never had them (https://sqlite.org/pragma.html#pragma_optimize).
 */
function tuneSqlite(sqlite: SQLite.Database, onDisk: boolean): void {
  if (onDisk) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('mmap_size = 1073741824');
  }
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('optimize = 0x10002');
}

/**
 * Refreshes the planner's statistics: `PRAGMA optimize` on SQLite (only tables whose size changed
 * much are analysed), `ANALYZE` of the search tables on PostgreSQL (autovacuum also does it, later).
 * Called after migrations at start-up; services call it after bulk changes (an import, a merge of
 * many records).
 */
export async function optimizeDatabase(db: Db): Promise<void> {
  if (isPostgres(db)) {
    await sql`analyze records, record_emails, record_domains, record_words`.execute(db);
  } else {
    await sql`pragma optimize`.execute(db);
  }
}

/**
 * The database holds sessions, people's data and the sealed account passwords: like the key file,
 * only the server's user may read it. SQLite gives its -wal and -shm files the mode of the
 * database file, so creating that one 0600 (before SQLite creates it 0644) covers all three; a
 * file left by an older version is narrowed to 0600 too.
 */
function createPrivateFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}
