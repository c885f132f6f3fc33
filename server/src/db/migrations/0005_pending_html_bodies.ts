import { sql, type Kysely } from 'kysely';

// Filing stores a message's HTML body as received, in `body_html_pending`, and a background job
// sanitizes it on worker threads into `body_html` (server/src/filings/pending-bodies.ts): the
// request never waits for DOMPurify. `body_html` only ever holds sanitized HTML; nothing reads the
// pending column but that job. The partial index keeps "what is left to do" cheap to find.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('body_html_pending', 'text').execute();
  await db.schema
    .createIndex('messages_body_html_pending_idx')
    .on('messages')
    .column('id')
    .where(sql.ref('body_html_pending'), 'is not', null)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_body_html_pending_idx').ifExists().execute();
  await db.schema.alterTable('messages').dropColumn('body_html_pending').execute();
}
