import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * A few statements differ between the databases (row locks, blob type). Ask the adapter rather
 * than the config so a transaction handle answers the same as the root handle.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
