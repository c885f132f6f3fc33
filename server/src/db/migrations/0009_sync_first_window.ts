import type { Kysely } from 'kysely';

// A folder's first sync reads only the recent window (SEARCH SINCE) and moves its checkpoint batch
// by batch; a worker stopped half-way must resume inside the same window, not read every older
// message above the checkpoint. The window's start is kept until the first sync completes.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_folders').addColumn('first_sync_since', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_folders').dropColumn('first_sync_since').execute();
}
