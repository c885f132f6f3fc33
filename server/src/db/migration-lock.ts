import { sql } from 'kysely';
import { isPostgres } from './dialect';
import type { Db } from './database';

/**
 * One process at a time migrates. Kysely's migrator takes its own lock only after creating its
 * bookkeeping tables, and two `CREATE TABLE IF NOT EXISTS` racing on PostgreSQL can fail with a
 * duplicate pg_type row; so the whole run is held by a lock taken first.
 *
 * - PostgreSQL: a session advisory lock on one connection; the run happens on that connection,
 *   and PostgreSQL frees the lock if the process dies.
 * - SQLite: `BEGIN IMMEDIATE` takes the file's write lock (other processes wait, then find
 *   nothing left to do) and makes the run one transaction: a failed or killed migration leaves
 *   the file as it was, where Kysely alone would leave it half-migrated (it runs SQLite
 *   migrations outside transactions).
 */
export async function withMigrationLock<T>(db: Db, run: (conn: Db) => Promise<T>, waitMs = 10 * 60_000): Promise<T> {
  return db.connection().execute(async (conn) => {
    if (isPostgres(conn)) {
      await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
      try {
        return await run(conn);
      } finally {
        await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
      }
    }
    await beginImmediate(conn, waitMs);
    try {
      const result = await run(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

/** Any fixed 64-bit number; this one spells "mailroom" in ASCII, unlikely to clash with another app's. */
const MIGRATION_LOCK_KEY = sql.lit('7881696737372368749');

/**
 * Waits for the write lock without busy_timeout: better-sqlite3 waits synchronously, which would
 * freeze this process's event loop, and with it a migration this same process runs on another
 * connection. So each try fails at once and the wait between tries is a timer.
 */
async function beginImmediate(conn: Db, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  const busyTimeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn).then((r) => Number(r.rows[0]?.timeout ?? 0));
  await sql`pragma busy_timeout = 0`.execute(conn);
  try {
    for (;;) {
      try {
        await sql`begin immediate`.execute(conn);
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    await sql.raw(`pragma busy_timeout = ${busyTimeout}`).execute(conn);
  }
}
