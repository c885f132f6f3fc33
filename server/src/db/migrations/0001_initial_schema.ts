import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

// The first cut of the whole schema (DESIGN.md "Data model"). Dialect-neutral on purpose: text ids,
// ISO-8601 text timestamps, integer 0/1 booleans, so both databases sort and compare the same.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  const blob = isPostgres(db) ? sql`bytea` : sql`blob`;

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quota', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('job_title', 'text')
    .addColumn('phone', 'text')
    .addColumn('mobile', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_org_idx').on('users').column('org_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('email_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('in_protocol', 'text', (c) => c.notNull())
    .addColumn('in_host', 'text', (c) => c.notNull())
    .addColumn('in_port', 'integer', (c) => c.notNull())
    .addColumn('in_security', 'text', (c) => c.notNull())
    .addColumn('in_username', 'text', (c) => c.notNull())
    .addColumn('in_password_enc', 'text', (c) => c.notNull())
    .addColumn('out_host', 'text')
    .addColumn('out_port', 'integer')
    .addColumn('out_security', 'text')
    .addColumn('out_username', 'text')
    .addColumn('out_password_enc', 'text')
    .addColumn('last_sync_at', 'text')
    .addColumn('last_sync_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('email_accounts_org_address_uq')
    .unique()
    .on('email_accounts')
    .columns(['org_id', 'address'])
    .execute();

  await db.schema
    .createTable('signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('email_accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('signatures_account_idx').on('signatures').column('account_id').execute();

  await db.schema
    .createTable('account_access')
    .addColumn('account_id', 'text', (c) => c.notNull().references('email_accounts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    // Deleting a signature simply leaves the user without a default signature.
    .addColumn('default_signature_id', 'text', (c) => c.references('signatures.id').onDelete('set null'))
    .addColumn('expires_at', 'text')
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_access_pk', ['account_id', 'user_id'])
    .execute();
  await db.schema.createIndex('account_access_user_idx').on('account_access').column('user_id').execute();
  // Backstop for the service rule "at most one default account per user" (both dialects support
  // partial indexes).
  await db.schema
    .createIndex('account_access_one_default_uq')
    .unique()
    .on('account_access')
    .column('user_id')
    .where(sql.ref('is_default'), '=', 1)
    .execute();

  await db.schema
    .createTable('records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('company_id', 'text', (c) => c.references('records.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('records_org_name_idx').on('records').columns(['org_id', 'name_folded']).execute();
  await db.schema.createIndex('records_company_idx').on('records').column('company_id').execute();

  await db.schema
    .createTable('record_emails')
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_emails_pk', ['record_id', 'email'])
    .execute();
  await db.schema.createIndex('record_emails_email_idx').on('record_emails').column('email').execute();

  await db.schema
    .createTable('record_domains')
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_domains_pk', ['record_id', 'domain'])
    .execute();
  await db.schema.createIndex('record_domains_domain_idx').on('record_domains').column('domain').execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('message_key', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('thread_id', 'text')
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('from_name', 'text')
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('to_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('cc_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('snippet', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html', 'text')
    .addColumn('body_text', 'text')
    .addColumn('attachments_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('messages_org_key_uq')
    .unique()
    .on('messages')
    .columns(['org_id', 'message_key'])
    .execute();
  await db.schema.createIndex('messages_org_thread_idx').on('messages').columns(['org_id', 'thread_id']).execute();

  await db.schema
    .createTable('message_accounts')
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('email_accounts.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('message_accounts_pk', ['message_id', 'account_id'])
    .execute();
  await db.schema.createIndex('message_accounts_account_idx').on('message_accounts').column('account_id').execute();

  await db.schema
    .createTable('filings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('record_id', 'text', (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('filed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addUniqueConstraint('filings_message_record_uq', ['message_id', 'record_id'])
    .execute();
  await db.schema.createIndex('filings_record_idx').on('filings').column('record_id').execute();

  await db.schema
    .createTable('attachment_blobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', blob, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachment_blobs_message_idx').on('attachment_blobs').column('message_id').execute();

  await db.schema
    .createTable('presence')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('email_accounts.id').onDelete('cascade'))
    .addColumn('thread_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('presence_pk', ['org_id', 'account_id', 'thread_key', 'user_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    // No FK: the trail outlives the user who acted.
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('detail_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_org_at_idx').on('audit_log').columns(['org_id', 'at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'presence',
    'attachment_blobs',
    'filings',
    'message_accounts',
    'messages',
    'record_domains',
    'record_emails',
    'records',
    'account_access',
    'signatures',
    'email_accounts',
    'sessions',
    'users',
    'organisations',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
