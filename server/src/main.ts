import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createSecretBox, loadKey } from './accounts/secret-box';
import { buildApp } from './app';
import { loadConfig } from './config';
import { createDatabase, databaseTarget, optimizeDatabase } from './db/database';
import { assertSchemaCurrent, migrateToLatest, SchemaBehindError } from './db/migrate';
import { DEMO_ADMIN, DEMO_MEMBER, seedDemo } from './demo/demo.seed';
import { closeGracefully } from './http/close-gracefully';
import { exitOnSignals } from './lifecycle/shutdown';
import { startMetricsServer, type MetricsServer } from './metrics/metrics-server';
import { bootstrapFirstOrg, BootstrapError } from './orgs/bootstrap';
import { createSyncRunner, type SyncRunner } from './sync/sync-runner';

// CLI contract (the e2e harness relies on it): `node --import tsx server/src/main.ts [--demo]`
// (`npm run serve`); env PORT (0 = a free port), HOST, MAILROOM_DATA_DIR, DATABASE_URL,
// MAILROOM_SECRET, MAILROOM_DEMO_PASSWORD; once listening it prints
// `Mailroom API listening on http://<host>:<port>`.
// Without --demo the schema must be current (`npm run migrate` first): with several processes
// sharing one database, migrating is one step of an upgrade, not a side effect of every start.
// --demo (`npm start`) migrates by itself, so a fresh clone runs with one command.
// Run in one process (not the tsx CLI, whose signal relay SIGKILLs a child slow to acknowledge):
// the SIGTERM sent to what `npm run serve` started reaches this code.
// The mail sync runs in this process too (every active account), unless MAILROOM_SYNC=off leaves it
// to `npm run worker`.

async function main(): Promise<void> {
  const demo = process.argv.slice(2).includes('--demo');
  const config = loadConfig();
  // The demo runs on a laptop against local test servers: let its connection test reach them.
  if (demo) config.allowPrivateHosts = true;
  const target = databaseTarget(config);
  const db = createDatabase(target);
  // Filled once started; the shutdown handler below is installed before that.
  const running: { app?: FastifyInstance; metrics?: MetricsServer; sync?: SyncRunner } = {};

  // Installed first, so a signal during start-up also ends cleanly (exit 0, database closed).
  const shutdown = exitOnSignals(
    async () => {
      // The sync first: its batches in hand finish and its leases are let go while the database is open.
      await running.sync?.stop();
      if (running.app) await closeGracefully(running.app, config.shutdownGraceMs);
      await running.metrics?.close();
      await db.destroy();
    },
    { hardLimitMs: config.shutdownGraceMs + 5_000 },
  );

  if (demo) await migrateToLatest(db);
  else await assertSchemaCurrent(db);
  // Statistics for the planner, on a database migrated just now or never analysed.
  await optimizeDatabase(db);

  if (demo) {
    if (await seedDemo(db, config.demoPassword)) {
      console.log('Created the demo organisation (quota 3 email accounts).');
      console.log(`  admin:  ${DEMO_ADMIN} / ${config.demoPassword}`);
      console.log(`  member: ${DEMO_MEMBER} / ${config.demoPassword}`);
    }
  } else {
    const created = await bootstrapFirstOrg(db, process.env);
    if (created) console.log(`Created the first organisation; its administrator is ${created}.`);
  }

  const secretBox = createSecretBox(loadKey(config));
  const app = await buildApp({ config, db, secretBox });
  running.app = app;
  if (shutdown.requested) return;
  if (config.metricsPort !== null) {
    running.metrics = await startMetricsServer({ port: config.metricsPort, host: config.metricsHost, db });
    console.log(`Metrics on http://${config.metricsHost}:${running.metrics.port}/metrics`);
  }
  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as AddressInfo;
  const where = target.kind === 'sqlite' ? target.file : 'PostgreSQL (DATABASE_URL)';
  console.log(`Database: ${where}`);
  if (config.sync.enabled && !shutdown.requested) {
    running.sync = createSyncRunner({ db, secretBox, log: app.log, settings: config.sync, pendingBodies: app.pendingBodies });
    running.sync.start();
  }
  console.log(`Mail sync: ${config.sync.enabled ? 'on, in this process' : 'off (MAILROOM_SYNC=off)'}`);
  console.log(`Mailroom API listening on http://${config.host}:${port}`);
}

main().catch((err: unknown) => {
  if (err instanceof BootstrapError || err instanceof SchemaBehindError) console.error(err.message);
  else console.error('Mailroom API failed to start:', err);
  process.exit(1);
});
