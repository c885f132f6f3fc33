/**
 * `npm run migrate`: applies the schema migrations this version brings, then exits. Run it once per
 * upgrade before starting (or rolling) the API and worker processes, which refuse a schema that is
 * behind. Safe to run from several machines at once: one migrates, the others wait for it.
 */
import { loadConfig } from '../config';
import { createDatabase, databaseTarget, optimizeDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';

async function main(): Promise<void> {
  const config = loadConfig();
  const target = databaseTarget(config);
  const db = createDatabase(target);
  try {
    const results = await migrateToLatest(db);
    const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
    const where = target.kind === 'sqlite' ? target.file : 'PostgreSQL (DATABASE_URL)';
    if (applied.length === 0) console.log(`Database ${where}: schema already current.`);
    else console.log(`Database ${where}: applied ${applied.length} migration(s): ${applied.join(', ')}.`);
    // Planner statistics for the tables a migration just filled or rebuilt.
    await optimizeDatabase(db);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`Migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
