import { Migrator, type MigrationResult } from 'kysely';
import type { Db } from './database';
import { withMigrationLock } from './migration-lock';
import { migrations } from './migrations';
import { appliedMigrationNames } from './schema-version.repository';

const migratorOn = (db: Db) => new Migrator({ db, provider: { getMigrations: async () => migrations } });

/**
 * Brings the schema up to date under the migration lock (two processes starting at once: one
 * migrates, the other waits and finds nothing to do); throws with the failing migration's name.
 */
export async function migrateToLatest(db: Db): Promise<MigrationResult[]> {
  return withMigrationLock(db, async (conn) => {
    const { error, results = [] } = await migratorOn(conn).migrateToLatest();
    if (error) {
      const failed = results.find((r) => r.status === 'Error');
      throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
    }
    return results;
  });
}

/**
 * The migrations this code knows that the database has not run. A database migrated by a newer
 * version (names this code does not know) counts as current: during a rolling upgrade the old
 * processes keep serving on the new schema until they are replaced.
 */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const applied = await appliedMigrationNames(db);
  return Object.keys(migrations).sort().filter((name) => !applied.has(name));
}

export class SchemaBehindError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `The database schema is behind this version of Mailroom (${pending.length} migration${pending.length === 1 ? '' : 's'} not applied: ${pending.join(', ')}). ` +
        'Run `npm run migrate` first (with the same DATABASE_URL / MAILROOM_DATA_DIR), then start again.',
    );
    this.name = 'SchemaBehindError';
  }
}

/** For processes that must not migrate by themselves (`npm run serve`, `npm run worker`). */
export async function assertSchemaCurrent(db: Db): Promise<void> {
  const pending = await pendingMigrations(db);
  if (pending.length > 0) throw new SchemaBehindError(pending);
}
