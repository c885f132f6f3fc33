import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { createSqliteDialect } from './sqlite-dialect';

export type Db = Kysely<Database>;

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** DATABASE_URL selects PostgreSQL; otherwise the SQLite file `mailroom.sqlite` in the data dir. */
export function databaseTarget(config: { databaseUrl: string | null; dataDir: string }): DatabaseTarget {
  if (config.databaseUrl) return { kind: 'postgres', url: config.databaseUrl };
  return { kind: 'sqlite', file: path.join(config.dataDir, 'mailroom.sqlite') };
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
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (target.file !== ':memory:') fs.mkdirSync(path.dirname(target.file), { recursive: true });
  const sqlite = new SQLite(target.file);
  // WAL lets readers run during a write; FKs are off by default in SQLite and our cascades need them.
  if (target.file !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: createSqliteDialect(sqlite) });
}

/** Quick liveness probe used by start-up and tests. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
