/**
 * The process's Prometheus metrics, one registry per process (API or sync worker), served by
 * metrics-server.ts only when MAILROOM_METRICS_PORT is set. The metrics are module-level so any
 * code records into them without being handed a registry; recording costs a map update, so code
 * records whether or not anything scrapes.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { databasePoolUse, type Db } from '../db/database';

export const registry = new Registry();

export const httpRequests = new Counter({
  name: 'mailroom_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: 'mailroom_http_request_duration_seconds',
  help: 'Time from request received to answer sent, by method, route pattern and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const filings = new Counter({
  name: 'mailroom_filings_total',
  help: 'Messages filed to records: source extension or sync; result filed (something new) or already_filed (a retry).',
  labelNames: ['source', 'result'] as const,
  registers: [registry],
});

export function countFiling(source: 'extension' | 'sync', result: 'filed' | 'already_filed', n = 1): void {
  filings.inc({ source, result }, n);
}

// Sync worker figures: the worker sets them, this module only declares them so the API and the
// worker share one set of names.
const syncLag = new Gauge({
  name: 'mailroom_sync_lag_seconds',
  help: 'Per email account, seconds since its mailbox was last synced completely.',
  labelNames: ['account'] as const,
  registers: [registry],
});
const syncQueueDepth = new Gauge({
  name: 'mailroom_sync_queue_depth',
  help: 'Email accounts due for a sync and not yet taken by a worker.',
  registers: [registry],
});

export const syncMetrics = {
  setLag(accountId: string, seconds: number): void {
    syncLag.set({ account: accountId }, seconds);
  },
  /** An account this process no longer syncs (lease lost or released): its figure goes. */
  forgetAccount(accountId: string): void {
    syncLag.remove({ account: accountId });
  },
  setQueueDepth(depth: number): void {
    syncQueueDepth.set(depth);
  },
};

const watchedPools = new Set<Db>();
new Gauge({
  name: 'mailroom_db_pool_connections',
  help: 'Database connections of this process by state: total open, idle, and callers waiting for one (PostgreSQL pool; SQLite uses one connection).',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const db of watchedPools) {
      const use = databasePoolUse(db);
      this.inc({ state: 'total' }, use.total);
      this.inc({ state: 'idle' }, use.idle);
      this.inc({ state: 'waiting' }, use.waiting);
    }
  },
});

/** Reports `db`'s pool in mailroom_db_pool_connections until the returned function is called. */
export function watchDatabasePool(db: Db): () => void {
  watchedPools.add(db);
  return () => watchedPools.delete(db);
}

let processMetrics = false;
/** Node's own figures (event-loop lag, heap, GC, handles), started with the metrics server only. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: registry, prefix: 'mailroom_' });
}
