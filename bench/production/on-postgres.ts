import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The production benches run on PostgreSQL: without MAILROOM_TEST_DATABASE_URL the bench at
 * `benchUrl` (its import.meta.url) runs again under scripts/with-postgres.mjs, and this process
 * exits with its status.
 */
export function onPostgres(benchUrl: string): void {
  if (process.env.MAILROOM_TEST_DATABASE_URL) return;
  const r = spawnSync('node', ['scripts/with-postgres.mjs', 'npx', 'tsx', fileURLToPath(benchUrl)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
