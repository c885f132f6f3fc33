/**
 * `npm run worker`: a sync-only process (no API), for running the sync apart from the API or on
 * several machines against one PostgreSQL — accounts are shared out by the row leases. Same
 * environment as the API (DATABASE_URL, MAILROOM_DATA_DIR, MAILROOM_SECRET, MAILROOM_SYNC_*).
 * SIGTERM/SIGINT: each session finishes its batch in hand, the leases are let go, exit 0.
 * Refuses to start on a schema that is behind (`npm run migrate` first).
 * Prints `Mailroom sync worker <owner> started` once running.
 */
import { pino } from 'pino';
import { createSecretBox, loadKey } from '../accounts/secret-box';
import { loadConfig } from '../config';
import { createDatabase, databaseTarget } from '../db/database';
import { assertSchemaCurrent, SchemaBehindError } from '../db/migrate';
import { createPendingBodies } from '../filings/pending-bodies';
import { exitOnSignals } from '../lifecycle/shutdown';
import { createSanitizePool } from '../sanitize/sanitize-pool';
import { createSyncRunner, type SyncRunner } from './sync-runner';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  const db = createDatabase(databaseTarget(config));
  const pool = createSanitizePool();
  const pendingBodies = createPendingBodies(db, pool, log);
  const running: { runner?: SyncRunner } = {};

  // Installed first, so a signal during start-up also ends cleanly.
  const shutdown = exitOnSignals(
    async () => {
      await running.runner?.stop();
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
  runner.start();
  pendingBodies.kick();
  console.log(`Mailroom sync worker ${runner.owner} started`);
}

main().catch((err: unknown) => {
  if (err instanceof SchemaBehindError) console.error(err.message);
  else console.error('Mailroom sync worker failed to start:', err);
  process.exit(1);
});
