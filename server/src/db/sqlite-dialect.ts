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
 * minutes of event-loop delay under 200 connections). Before a statement, if the loop has not
 * turned for `sliceMs`, the statement waits one `setImmediate` first. That holds inside
 * transactions too (a group commit of a hundred filings is a chain of statements on one held
 * connection); other queries wait for the connection meanwhile, so nothing interleaves with it.
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

function yielding(driver: Driver, use: ConnectionUse, beforeDestroy: () => Promise<void>): Driver {
  let lastTurn = performance.now();
  const giveTurn = async () => {
    if (performance.now() - lastTurn > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      lastTurn = performance.now();
    }
  };
  const turnTaking = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const taking = (connection: DatabaseConnection): DatabaseConnection => {
    let wrapped = turnTaking.get(connection);
    if (!wrapped) {
      wrapped = {
        executeQuery: async (query) => {
          await giveTurn();
          return connection.executeQuery(query);
        },
        streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
      };
      turnTaking.set(connection, wrapped);
    }
    return wrapped;
  };
  const acquireConnection = async (): Promise<DatabaseConnection> => {
    use.waiting++;
    let connection: DatabaseConnection;
    try {
      connection = await driver.acquireConnection();
    } finally {
      use.waiting--;
    }
    use.inUse++;
    return taking(connection);
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
      if (prop === 'destroy') return async () => {
        await beforeDestroy();
        await target.destroy();
      };
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** `beforeDestroy`: what ends with the database, before its connection closes (the checkpointer). */
export function createSqliteDialect(
  sqlite: SQLite.Database,
  use: ConnectionUse = { inUse: 0, waiting: 0 },
  beforeDestroy: () => Promise<void> = async () => undefined,
): Dialect {
  const base = new SqliteDialect({ database: withStatementCache(sqlite) });
  return {
    createAdapter: () => base.createAdapter(),
    createDriver: () => yielding(base.createDriver(), use, beforeDestroy),
    createIntrospector: (db) => base.createIntrospector(db),
    createQueryCompiler: () => base.createQueryCompiler(),
  };
}
