import { sql } from 'kysely';
import type { Db } from './database';
import { isPostgres } from './dialect';

/** Kysely's bookkeeping table of applied migrations. */
const MIGRATION_TABLE = 'kysely_migration';

/** Names of the migrations the database has run (none on a database never migrated). */
export async function appliedMigrationNames(db: Db): Promise<Set<string>> {
  const exists = isPostgres(db)
    ? await sql<{ t: string | null }>`select to_regclass(${MIGRATION_TABLE}) as t`.execute(db).then((r) => r.rows[0]?.t != null)
    : await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${MIGRATION_TABLE}`
        .execute(db)
        .then((r) => Number(r.rows[0]?.n) > 0);
  if (!exists) return new Set();
  const rows = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db);
  return new Set(rows.rows.map((r) => r.name));
}

/** A round trip to the database: throws if it cannot be reached. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
