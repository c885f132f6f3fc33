/**
 * The SQLite dialect the app runs on: Kysely's, with two changes for a server under load.
 *
 * Prepared statements are kept. Kysely's driver prepares every query afresh; on the filing path
 * (about fifteen small statements per filing) preparing cost as much as running. The app's
 * queries are a fixed set of SQL texts (values are bound, never spliced), so keeping them is safe
 * and bounded; the least recently used go past `maxStatements` (IN lists of varying length,
 * batch inserts). Nothing in the app streams (`iterate`), which a shared statement could not
 * serve twice at once.
 *
 * Queries give the event loop a turn. better-sqlite3 answers synchronously and Kysely hands the
 * one connection from query to query through promises, so a backlog of queries runs as one chain
 * of microtasks: timers, sockets and new requests wait until the backlog is gone (seen as
 * minutes of event-loop delay under 200 connections). Once a connection is acquired and the loop
 * has not turned for `sliceMs`, the query waits one `setImmediate` first.
 */
import type SQLite from 'better-sqlite3';
import { SqliteDialect, type DatabaseConnection, type Dialect, type Driver, type SqliteDatabase, type SqliteStatement } from 'kysely';

const maxStatements = 256;
const sliceMs = 4;

function withStatementCache(db: SQLite.Database): SqliteDatabase {
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
        if (cache.size >= maxStatements) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/** The one connection's use, for the pool metric: held by a query or transaction, callers queued. */
export interface ConnectionUse {
  inUse: number;
  waiting: number;
}

function yielding(driver: Driver, use: ConnectionUse): Driver {
  let lastTurn = performance.now();
  const acquireConnection = async (): Promise<DatabaseConnection> => {
    use.waiting++;
    let connection: DatabaseConnection;
    try {
      connection = await driver.acquireConnection();
    } finally {
      use.waiting--;
    }
    use.inUse++;
    if (performance.now() - lastTurn > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      lastTurn = performance.now();
    }
    return connection;
  };
  const releaseConnection = async (connection: DatabaseConnection): Promise<void> => {
    use.inUse--;
    await driver.releaseConnection(connection);
  };
  // Everything else as Kysely's driver does it (its methods use private fields: bind them).
  return new Proxy(driver, {
    get(target, prop) {
      if (prop === 'acquireConnection') return acquireConnection;
      if (prop === 'releaseConnection') return releaseConnection;
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function createSqliteDialect(sqlite: SQLite.Database, use: ConnectionUse = { inUse: 0, waiting: 0 }): Dialect {
  const base = new SqliteDialect({ database: withStatementCache(sqlite) });
  return {
    createAdapter: () => base.createAdapter(),
    createDriver: () => yielding(base.createDriver(), use),
    createIntrospector: (db) => base.createIntrospector(db),
    createQueryCompiler: () => base.createQueryCompiler(),
  };
}
