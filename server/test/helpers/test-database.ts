import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Db } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';

/** The database tests run on: SQLite in memory, or PostgreSQL when MAILROOM_TEST_DATABASE_URL is set. */
export const testDialect: 'sqlite' | 'postgres' = process.env.MAILROOM_TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/**
 * A fresh, migrated database. On PostgreSQL each call creates its own database (dropped by
 * `drop()`), so test files running in parallel never see each other's rows.
 */
export async function createTestDatabase(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const empty = await createEmptyDatabaseUrl();
  const db = empty.url ? createDatabase({ kind: 'postgres', url: empty.url }) : createDatabase({ kind: 'sqlite', file: ':memory:' });
  await migrateToLatest(db);
  return {
    db,
    drop: async () => {
      await db.destroy();
      await empty.drop();
    },
  };
}

/**
 * An empty database for a server process started by a test (PostgreSQL: a fresh database and its
 * URL for DATABASE_URL; SQLite: null, the process uses the file in its data dir).
 */
export async function createEmptyDatabaseUrl(): Promise<{ url: string | null; drop: () => Promise<void> }> {
  const adminUrl = process.env.MAILROOM_TEST_DATABASE_URL;
  if (!adminUrl) return { url: null, drop: async () => {} };
  const name = `mailroom_t_${randomBytes(6).toString('hex')}`;
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
