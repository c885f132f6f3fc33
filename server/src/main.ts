import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createSecretBox, loadKey } from './accounts/secret-box';
import { buildApp } from './app';
import { loadConfig } from './config';
import { createDatabase, databaseTarget, optimizeDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { DEMO_ADMIN, DEMO_MEMBER, seedDemo } from './demo/demo.seed';
import { bootstrapFirstOrg, BootstrapError } from './orgs/bootstrap';

// CLI contract (the e2e harness relies on it): `tsx server/src/main.ts [--demo]`; env PORT (0 = a
// free port), HOST, MAILROOM_DATA_DIR, DATABASE_URL, MAILROOM_SECRET, MAILROOM_DEMO_PASSWORD; once
// listening it prints `Mailroom API listening on http://<host>:<port>`.
// Note: the `tsx` CLI relays a signal to this process and SIGKILLs it if it does not acknowledge
// within 30 ms, which a very busy machine can miss; `node --import tsx server/src/main.ts` runs in
// one process and always shuts down cleanly.

async function main(): Promise<void> {
  const demo = process.argv.slice(2).includes('--demo');
  const config = loadConfig();
  // The demo runs on a laptop against local test servers: let its connection test reach them.
  if (demo) config.allowPrivateHosts = true;
  const target = databaseTarget(config);
  const db = createDatabase(target);
  // Filled once built; the shutdown handler below is installed before that.
  const running: { app?: FastifyInstance } = {};

  // Installed first, so a signal during start-up also ends cleanly (exit 0, database closed).
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    running.app?.log.info(`${signal}: closing`);
    try {
      await running.app?.close(); // stops accepting, lets in-flight requests finish
      await db.destroy();
      process.exit(0);
    } catch (err) {
      console.error(err);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await migrateToLatest(db);
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

  const app = await buildApp({ config, db, secretBox: createSecretBox(loadKey(config)) });
  running.app = app;
  if (closing) return;
  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as AddressInfo;
  const where = target.kind === 'sqlite' ? target.file : 'PostgreSQL (DATABASE_URL)';
  console.log(`Database: ${where}`);
  console.log(`Mailroom API listening on http://${config.host}:${port}`);
}

main().catch((err: unknown) => {
  if (err instanceof BootstrapError) console.error(err.message);
  else console.error('Mailroom API failed to start:', err);
  process.exit(1);
});
