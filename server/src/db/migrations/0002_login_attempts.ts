import type { Kysely } from 'kysely';

// Login rate-limit counters live in the database, not in the API process, so several API
// processes behind a load balancer share one limit (server/src/auth/login-limit.service.ts).
// One row per client key and its current fixed window; stale rows are pruned by the service.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_attempts')
    // sha256 hex of "<client IP>|<normalised email>": bounded length, and a dump does not list who
    // tried to sign in from where.
    .addColumn('client_key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_window_idx').on('login_attempts').column('window_start').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_attempts').ifExists().execute();
}
