/**
 * `npm run worker`: a sync-only process (no API), for running the sync apart from the API or on
 * several machines against one PostgreSQL — accounts are shared out by the row leases. Same
 * environment as the API (DATABASE_URL, MAILROOM_DATA_DIR, MAILROOM_SECRET, MAILROOM_SYNC_*).
 * SIGTERM/SIGINT: each session finishes its batch in hand, the leases are let go, exit 0.
 * Refuses to start on a schema that is behind (`npm run migrate` first).
 * MAILROOM_WORKER_HEALTH_PORT serves `/api/health` and `/api/ready` (worker-health.ts) and
 * MAILROOM_METRICS_PORT `/metrics` (sync lag per account, queue depth, pool), each on its own port.
 * Prints `Mailroom sync worker <owner> started` once running, after the probe and metrics lines.
 */
import { pino } from 'pino';
import { createSecretBox, loadKey } from '../accounts/secret-box';
import { loadConfig } from '../config';
import { createDatabase, databaseTarget } from '../db/database';
import { assertSchemaCurrent, SchemaBehindError } from '../db/migrate';
import { createPendingBodies } from '../filings/pending-bodies';
import { exitOnSignals } from '../lifecycle/shutdown';
import { startMetricsServer, type MetricsServer } from '../metrics/metrics-server';
import { createSanitizePool } from '../sanitize/sanitize-pool';
import { createSyncRunner, type SyncRunner } from './sync-runner';
import { startWorkerHealthServer, type WorkerHealthServer } from './worker-health';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  const db = createDatabase(databaseTarget(config));
  const pool = createSanitizePool();
  const pendingBodies = createPendingBodies(db, pool, log);
  const running: { runner?: SyncRunner; health?: WorkerHealthServer; metrics?: MetricsServer } = {};

  // Installed first, so a signal during start-up also ends cleanly.
  const shutdown = exitOnSignals(
    async () => {
      await running.runner?.stop();
      await running.health?.close();
      await running.metrics?.close();
      await pendingBodies.close();
      await pool.close();
      await db.destroy();
    },
    { hardLimitMs: 30_000, log: (m) => log.info(m) },
  );

  // Migrating is one step of an upgrade (`npm run migrate`), never a side effect of a worker's start.
  await assertSchemaCurrent(db);
  if (shutdown.requested) return;
  // The worker syncs even when MAILROOM_SYNC=off, which only turns the API's embedded sync off.
  const runner = createSyncRunner({ db, secretBox: createSecretBox(loadKey(config)), log, settings: { ...config.sync, enabled: true }, pendingBodies });
  running.runner = runner;
  if (config.workerHealthPort !== null) {
    running.health = await startWorkerHealthServer({ port: config.workerHealthPort, host: config.host, db, heldAccounts: () => runner.held().length });
    console.log(`Worker health on http://${config.host}:${running.health.port}/api/ready`);
  }
  if (config.metricsPort !== null) {
    running.metrics = await startMetricsServer({ port: config.metricsPort, host: config.metricsHost, db });
    console.log(`Metrics on http://${config.metricsHost}:${running.metrics.port}/metrics`);
  }
  if (shutdown.requested) return;
  runner.start();
  pendingBodies.kick();
  console.log(`Mailroom sync worker ${runner.owner} started`);
}

main().catch((err: unknown) => {
  if (err instanceof SchemaBehindError) console.error(err.message);
  else console.error('Mailroom sync worker failed to start:', err);
  process.exit(1);
});
