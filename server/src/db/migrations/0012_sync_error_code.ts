import type { Kysely } from 'kysely';

// Why an account's sync fails, as a code the extension words in the admin's language; the English
// sentence beside it stays for the API's other readers and the logs.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_state').addColumn('last_error_code', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_state').dropColumn('last_error_code').execute();
}
