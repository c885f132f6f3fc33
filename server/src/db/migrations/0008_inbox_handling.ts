import type { Kysely } from 'kysely';

// The shared inbox: synced mail no rule filed waits in its account for someone to deal with it.
// Who holds a message and whether it is done is per account (the same mail reaching sales@ and
// support@ is handled by each team on its own), so the state lives on message_accounts; what
// happened, and who did it, goes to inbox_events so every user sees the same history.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  // SQLite adds a column with REFERENCES only when its default is NULL: these have no default.
  await db.schema
    .alterTable('message_accounts')
    .addColumn('assigned_to', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('message_accounts')
    .addColumn('assigned_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('message_accounts').addColumn('assigned_at', 'text').execute();
  await db.schema
    .alterTable('message_accounts')
    .addColumn('handled_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  // Handled is `handled_at IS NOT NULL`: it stays handled if the user who did it is deleted.
  await db.schema.alterTable('message_accounts').addColumn('handled_at', 'text').execute();
  // "Assigned to me" reads this index instead of the account's whole mail.
  await db.schema
    .createIndex('message_accounts_assignee_idx')
    .on('message_accounts')
    .columns(['assigned_to', 'account_id'])
    .execute();

  await db.schema
    .createTable('inbox_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('email_accounts.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    // 'assigned' | 'unassigned' | 'handled' | 'reopened'
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inbox_events_message_idx')
    .on('inbox_events')
    .columns(['account_id', 'message_id', 'at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbox_events').ifExists().execute();
  await db.schema.dropIndex('message_accounts_assignee_idx').ifExists().execute();
  for (const column of ['handled_at', 'handled_by', 'assigned_at', 'assigned_by', 'assigned_to']) {
    await db.schema.alterTable('message_accounts').dropColumn(column).execute();
  }
}
