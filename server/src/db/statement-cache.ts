/**
 * Kysely's SQLite driver prepares every query afresh; on the filing path (about fifteen small
 * statements per filing) preparing cost as much as running. The app's queries are a fixed set of
 * SQL texts (values are bound, never spliced), so keeping their prepared statements is safe and
 * bounded; the least recently used are dropped past `max` (IN lists of varying length, batch
 * inserts). Nothing in the app streams (`iterate`), which a shared statement could not serve twice at once.
 */
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export function withStatementCache(db: SQLite.Database, max = 256): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        // Re-inserted: Map order is then least recently used first.
        cache.delete(sql);
      } else {
        stmt = db.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}
