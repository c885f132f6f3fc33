import { sql } from 'kysely';
import type { InboxState } from '../../../contract/inbox';
import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';
import type { InboxEventsTable } from '../db/tables/content.table';

/** Where a page starts: after the message received at `at` with id `id` (newest first). */
export interface InboxKey {
  at: string;
  id: string;
}

/**
 * When the account received the message. Synced mail always carries it; the message's own date
 * stands in so a row written without it is still listed, in a place both databases agree on.
 */
const receivedAt = sql<string>`coalesce(ma.received_at, m.date)`;

/** An account's synced mail with its inbox state, as every read of the inbox selects it. */
function syncedMail(db: Db, accountId: string) {
  return db
    .selectFrom('message_accounts as ma')
    .innerJoin('messages as m', 'm.id', 'ma.message_id')
    .selectAll('m')
    .select([
      'ma.folder',
      'ma.assigned_to',
      'ma.assigned_by',
      'ma.assigned_at',
      'ma.handled_by',
      'ma.handled_at',
      receivedAt.as('received_at'),
    ])
    .where('ma.account_id', '=', accountId)
    .where('ma.source', '=', 'sync');
}

export async function listInboxRows(
  db: Db,
  q: { accountId: string; state: InboxState; assigneeId: string | null; after: InboxKey | null; limit: number },
) {
  let query = syncedMail(db, q.accountId);
  if (q.state === 'open' || q.state === 'assigned') {
    query = query
      .where((eb) => eb.not(eb.exists(eb.selectFrom('filings as f').select('f.id').whereRef('f.message_id', '=', 'ma.message_id'))))
      .where('ma.handled_at', 'is', null)
      .where('ma.assigned_to', q.state === 'open' ? 'is' : 'is not', null);
  } else if (q.state === 'handled') {
    query = query.where('ma.handled_at', 'is not', null);
  }
  if (q.assigneeId) query = query.where('ma.assigned_to', '=', q.assigneeId);
  const after = q.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb(receivedAt, '<', after.at), eb.and([eb(receivedAt, '=', after.at), eb('ma.message_id', '<', after.id)])]),
    );
  }
  return query.orderBy(receivedAt, 'desc').orderBy('ma.message_id', 'desc').limit(q.limit).execute();
}
export type InboxRow = Awaited<ReturnType<typeof listInboxRows>>[number];

/**
 * One synced message of the account. `lock` (before a change): on PostgreSQL the link row is held
 * until the transaction ends, so two people acting on the same message at once take turns and
 * the second sees the first's change (SQLite serialises transactions anyway).
 */
export async function findInboxRow(db: Db, accountId: string, messageId: string, { lock = false } = {}): Promise<InboxRow | undefined> {
  let query = syncedMail(db, accountId).where('ma.message_id', '=', messageId);
  if (lock && isPostgres(db)) query = query.modifyEnd(sql`for update of ma`);
  return query.executeTakeFirst();
}

export async function setAssignment(
  db: Db,
  accountId: string,
  messageId: string,
  a: { to: string | null; by: string | null; at: string | null },
): Promise<void> {
  await db
    .updateTable('message_accounts')
    .set({ assigned_to: a.to, assigned_by: a.by, assigned_at: a.at })
    .where('account_id', '=', accountId)
    .where('message_id', '=', messageId)
    .execute();
}

export async function setHandled(db: Db, accountId: string, messageId: string, h: { by: string | null; at: string | null }): Promise<void> {
  await db
    .updateTable('message_accounts')
    .set({ handled_by: h.by, handled_at: h.at })
    .where('account_id', '=', accountId)
    .where('message_id', '=', messageId)
    .execute();
}

export async function insertInboxEvent(db: Db, row: InboxEventsTable): Promise<void> {
  await db.insertInto('inbox_events').values(row).execute();
}

/** The inbox history of several messages of one account, oldest first. */
export async function listInboxEvents(db: Db, accountId: string, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('inbox_events')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('message_id', 'in', messageIds)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function findUsersByIds(db: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'first_name', 'last_name', 'email'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
}

/** Active users whose access to the account has not ended, by name. */
export async function listAccountAssignees(db: Db, accountId: string, now: string) {
  return db
    .selectFrom('account_access as aa')
    .innerJoin('users as u', 'u.id', 'aa.user_id')
    .select(['u.id', 'u.first_name', 'u.last_name', 'u.email'])
    .where('aa.account_id', '=', accountId)
    .where('u.active', '=', 1)
    .where((eb) => eb.or([eb('aa.expires_at', 'is', null), eb('aa.expires_at', '>', now)]))
    .orderBy('u.last_name')
    .orderBy('u.first_name')
    .orderBy('u.email')
    .execute();
}
