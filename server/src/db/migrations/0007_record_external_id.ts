import type { Kysely } from 'kysely';

// A record's id in another system (an ERP, a spreadsheet): what an integration upserts by
// (`PUT /api/records/by-external-id/:id`) and a CSV import dedupes by first. Unique within the
// organisation; NULLs (most records) never collide on either database.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('records').addColumn('external_id', 'text').execute();
  await db.schema
    .createIndex('records_org_external_id_uq')
    .unique()
    .on('records')
    .columns(['org_id', 'external_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('records_org_external_id_uq').ifExists().execute();
  await db.schema.alterTable('records').dropColumn('external_id').execute();
}
