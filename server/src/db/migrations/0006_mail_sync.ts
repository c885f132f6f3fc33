import type { Kysely } from 'kysely';

// Mail sync: each account's folders are read by UID from a checkpoint (UIDVALIDITY + last UID) so a
// restart resumes with no gap and no duplicate; POP3 has no UIDs, so the UIDLs already taken are
// kept instead. `sync_state` holds what the admin sees (state, progress, last error) and the row
// lease that gives each account to exactly one worker at a time (`lease_owner` until
// `lease_expires_at`; a dead worker's lease simply runs out). Messages keep In-Reply-To and
// References so a reply follows its thread to the records the first message was filed to.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('in_reply_to', 'text').execute();
  await db.schema
    .alterTable('messages')
    .addColumn('references_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  // How the message reached the account: 'manual' (filed from the extension) or 'sync'; the folder
  // and the date it arrived are known only for synced mail.
  await db.schema
    .alterTable('message_accounts')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual'))
    .execute();
  await db.schema.alterTable('message_accounts').addColumn('folder', 'text').execute();
  await db.schema.alterTable('message_accounts').addColumn('received_at', 'text').execute();
  await db.schema
    .createIndex('message_accounts_account_received_idx')
    .on('message_accounts')
    .columns(['account_id', 'received_at'])
    .execute();

  await db.schema
    .createTable('sync_folders')
    .addColumn('account_id', 'text', (c) => c.notNull().references('email_accounts.id').onDelete('cascade'))
    .addColumn('folder', 'text', (c) => c.notNull())
    // Both are unsigned 32-bit on the wire: bigint so PostgreSQL's signed integer cannot overflow
    // (pg returns bigint as a string: read them with Number()).
    .addColumn('uid_validity', 'bigint', (c) => c.notNull())
    .addColumn('last_uid', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_folders_pk', ['account_id', 'folder'])
    .execute();

  await db.schema
    .createTable('sync_pop3_seen')
    .addColumn('account_id', 'text', (c) => c.notNull().references('email_accounts.id').onDelete('cascade'))
    .addColumn('uidl', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_pop3_seen_pk', ['account_id', 'uidl'])
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('email_accounts.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('idle'))
    .addColumn('last_sync_at', 'text')
    .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_total', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sync_state_lease_idx')
    .on('sync_state')
    .columns(['lease_expires_at', 'next_attempt_at'])
    .execute();
  // Thread following looks filed messages up by the ids a reply names; message_key is the
  // normalised Message-ID, so the existing unique index serves it. Nothing else to index here.
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sync_state').ifExists().execute();
  await db.schema.dropTable('sync_pop3_seen').ifExists().execute();
  await db.schema.dropTable('sync_folders').ifExists().execute();
  await db.schema.dropIndex('message_accounts_account_received_idx').ifExists().execute();
  await db.schema.alterTable('message_accounts').dropColumn('received_at').execute();
  await db.schema.alterTable('message_accounts').dropColumn('folder').execute();
  await db.schema.alterTable('message_accounts').dropColumn('source').execute();
  await db.schema.alterTable('messages').dropColumn('references_json').execute();
  await db.schema.alterTable('messages').dropColumn('in_reply_to').execute();
}
