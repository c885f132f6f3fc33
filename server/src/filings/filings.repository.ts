import { sql } from 'kysely';
import { compiledListMax, compiledOnce } from '../db/compiled-once';
import type { Db } from '../db/database';
import type { MessageRow, MessagesTable, NewFiling, NewMessage } from '../db/tables/content.table';
import { shownMessageColumns, type ShownMessageRow } from './filings.mapper';

/**
 * Inserts are `ON CONFLICT DO NOTHING` (both SQLite and PostgreSQL support it): two identical
 * filings racing each other both succeed, one inserting and the other finding the row — no unique
 * violation aborts a PostgreSQL transaction half-way.
 */
const inserted = (r: { numInsertedOrUpdatedRows?: bigint }) => Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;

export async function findMessageByKey(db: Db, orgId: string, key: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('org_id', '=', orgId).where('message_key', '=', key).executeTakeFirst();
}

/** Messages dated within the UTC second starting at `secondIso` (`...:SSZ`), for fingerprint matching. */
export async function findMessagesInSecond(db: Db, orgId: string, secondIso: string): Promise<MessageRow[]> {
  const start = new Date(secondIso);
  const end = new Date(start.getTime() + 1000);
  // Stored dates are all `toISOString()` text, so text order is time order.
  return db
    .selectFrom('messages')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('date', '>=', start.toISOString())
    .where('date', '<', end.toISOString())
    .limit(50)
    .execute();
}

export async function findMessageById(db: Db, orgId: string, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** True when this call created the message; false when it already existed (same org and key). */
export async function insertMessageIfAbsent(db: Db, row: NewMessage): Promise<boolean> {
  const r = await db
    .insertInto('messages')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'message_key']).doNothing())
    .executeTakeFirst();
  return inserted(r);
}

/** Rows of one multi-row message insert: at most this many, and this much text between them. */
const messagesPerInsert = 32;
const textPerInsert = 256 * 1024;

/** `rows` cut into inserts of a few milliseconds each, so the event loop turns between them. */
function insertChunks(rows: NewMessage[]): NewMessage[][] {
  const chunks: NewMessage[][] = [];
  let chunk: NewMessage[] = [];
  let text = 0;
  for (const row of rows) {
    const size = (row.body_html_pending?.length ?? 0) + (row.body_html?.length ?? 0) + (row.body_text?.length ?? 0);
    if (chunk.length > 0 && (chunk.length >= messagesPerInsert || text + size > textPerInsert)) {
      chunks.push(chunk);
      chunk = [];
      text = 0;
    }
    chunk.push(row);
    text += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/**
 * Inserts many messages in a few multi-row statements; returns the ids of the rows it created (a
 * row whose organisation and key already exist is left as it is and its id is not returned).
 */
export async function insertMessagesIfAbsent(db: Db, rows: NewMessage[]): Promise<Set<string>> {
  const created = new Set<string>();
  for (const chunk of insertChunks(rows)) {
    const ids = await db
      .insertInto('messages')
      .values(chunk)
      .onConflict((oc) => oc.columns(['org_id', 'message_key']).doNothing())
      .returning('id')
      .execute();
    for (const r of ids) created.add(r.id);
  }
  return created;
}

export async function updateMessage(
  db: Db,
  id: string,
  patch: Partial<Pick<MessagesTable, 'message_key' | 'message_id' | 'thread_id' | 'body_html_pending' | 'body_text' | 'snippet'>>,
): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('messages').set(patch).where('id', '=', id).execute();
}

export async function deleteMessage(db: Db, id: string): Promise<void> {
  await db.deleteFrom('messages').where('id', '=', id).execute();
}

export async function linkMessageAccount(db: Db, messageId: string, accountId: string): Promise<void> {
  await db
    .insertInto('message_accounts')
    .values({ message_id: messageId, account_id: accountId })
    .onConflict((oc) => oc.columns(['message_id', 'account_id']).doNothing())
    .execute();
}

/** Links many messages to accounts in one statement (links already there stay). */
export async function linkMessageAccounts(db: Db, links: { message_id: string; account_id: string }[]): Promise<void> {
  if (links.length === 0) return;
  await db.insertInto('message_accounts').values(links).onConflict((oc) => oc.columns(['message_id', 'account_id']).doNothing()).execute();
}

const accountIdsOfMessage = compiledOnce((db: Db, messageId: string) =>
  db.selectFrom('message_accounts').select('account_id').where('message_id', '=', messageId));

export async function messageAccountIds(db: Db, messageId: string): Promise<string[]> {
  const rows = await accountIdsOfMessage(db, messageId);
  return rows.map((r) => r.account_id);
}

/** True when this call created the link; false when the message was already filed there. */
export async function insertFilingIfAbsent(db: Db, row: NewFiling): Promise<boolean> {
  const r = await db
    .insertInto('filings')
    .values(row)
    .onConflict((oc) => oc.columns(['message_id', 'record_id']).doNothing())
    .executeTakeFirst();
  return inserted(r);
}

/**
 * New filings, a thousand rows a statement (SQLite binds at most 32,766 values); a duplicate fails
 * the statement, so callers insert only for messages they have just created.
 */
export async function insertFilings(db: Db, rows: NewFiling[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('filings').values(rows.slice(i, i + 1000)).execute();
}

const filingsOfMessagesQuery = (db: Db, messageIds: readonly string[]) =>
  db
    .selectFrom('filings as f')
    .innerJoin('records as r', 'r.id', 'f.record_id')
    .leftJoin('users as u', 'u.id', 'f.filed_by')
    .select([
      'f.id',
      'f.message_id',
      'f.filed_at',
      'f.source',
      'r.id as record_id',
      'r.kind as record_kind',
      'r.name as record_name',
      'u.id as user_id',
      'u.first_name',
      'u.last_name',
      'u.email as user_email',
    ])
    .where('f.message_id', 'in', messageIds)
    .orderBy('f.filed_at')
    .orderBy('r.name_folded')
    .orderBy('f.id');
const filingsOfFewMessages = compiledOnce(filingsOfMessagesQuery, (ids) => String(ids.length));

/** Filings of messages with their record and filer, oldest first (per message). */
export async function listFilingsOfMessages(db: Db, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  if (messageIds.length <= compiledListMax) return filingsOfFewMessages(db, messageIds);
  return filingsOfMessagesQuery(db, messageIds).execute();
}

/**
 * What is read of a stored message to answer a filing or a lookup: the shown columns and whether
 * each body is there, not the bodies (a newsletter's HTML is hundreds of kilobytes, read for
 * nothing on every retry and every lookup).
 */
export type MessageHead = ShownMessageRow & { has_body_html: number; has_body_html_pending: number; has_body_text: number };

const messagesByKeysQuery = (db: Db, orgId: string, keys: readonly string[]) =>
  db
    .selectFrom('messages')
    .select(shownMessageColumns)
    .select([
      sql<number>`case when body_html is null then 0 else 1 end`.as('has_body_html'),
      sql<number>`case when body_html_pending is null then 0 else 1 end`.as('has_body_html_pending'),
      sql<number>`case when body_text is null then 0 else 1 end`.as('has_body_text'),
    ])
    .where('org_id', '=', orgId)
    .where('message_key', 'in', keys);
const messagesByFewKeys = compiledOnce(messagesByKeysQuery, (_orgId, keys) => String(keys.length));

/** The messages stored under any of `keys` (a Message-ID and a fingerprint, say). */
export async function findMessagesByKeys(db: Db, orgId: string, keys: string[]): Promise<MessageHead[]> {
  if (keys.length === 0) return [];
  if (keys.length <= compiledListMax) return messagesByFewKeys(db, orgId, keys);
  return messagesByKeysQuery(db, orgId, keys).execute();
}

/** A filing whose message belongs to `orgId`. */
export async function findFilingInOrg(db: Db, orgId: string, id: string) {
  return db
    .selectFrom('filings as f')
    .innerJoin('messages as m', 'm.id', 'f.message_id')
    .select(['f.id', 'f.message_id', 'f.record_id'])
    .where('m.org_id', '=', orgId)
    .where('f.id', '=', id)
    .executeTakeFirst();
}

export async function deleteFilingRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('filings').where('id', '=', id).execute();
}

/**
 * Moves the accounts and filings of message `fromId` onto `intoId` (the same mail, first known by
 * its fingerprint and now by its Message-ID), then deletes `fromId`.
 */
export async function mergeMessageInto(db: Db, fromId: string, intoId: string): Promise<void> {
  for (const accountId of await messageAccountIds(db, fromId)) await linkMessageAccount(db, intoId, accountId);
  const filings = await db.selectFrom('filings').selectAll().where('message_id', '=', fromId).execute();
  for (const f of filings) {
    await db.deleteFrom('filings').where('id', '=', f.id).execute();
    await insertFilingIfAbsent(db, { ...f, message_id: intoId });
  }
  await db.updateTable('attachment_blobs').set({ message_id: intoId }).where('message_id', '=', fromId).execute();
  await deleteMessage(db, fromId);
}

/**
 * Whether `userId` may see a message: it reached an account that is active and that the user has
 * unexpired access to.
 */
export async function userCanSeeMessage(db: Db, userId: string, messageId: string, now: string): Promise<boolean> {
  return (await visibleMessageIds(db, userId, [messageId], now)).has(messageId);
}

/** Which of `messageIds` `userId` may see (see `userCanSeeMessage`), in one query. */
export async function visibleMessageIds(db: Db, userId: string, messageIds: string[], now: string): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('message_accounts as ma')
    .innerJoin('email_accounts as a', 'a.id', 'ma.account_id')
    .innerJoin('account_access as aa', 'aa.account_id', 'ma.account_id')
    .where('a.active', '=', 1)
    .where('aa.user_id', '=', userId)
    .where((eb) => eb.or([eb('aa.expires_at', 'is', null), eb('aa.expires_at', '>', now)]))
    .select('ma.message_id')
    .distinct()
    .where('ma.message_id', 'in', messageIds)
    .execute();
  return new Set(rows.map((r) => r.message_id));
}

/** A message filed to a record, with when and by whom (null names: sync, or a deleted user). */
export type RecordMessageRow = MessageRow & {
  filed_at: string;
  filer_id: string | null;
  filer_first_name: string | null;
  filer_last_name: string | null;
  filer_email: string | null;
};

/**
 * Messages filed to a record, newest first, with when they were filed there. With `viewerId`,
 * only messages that reached an account the viewer can use (administrators pass null: all).
 */
export async function listRecordMessages(
  db: Db,
  recordId: string,
  viewerId: string | null,
  now: string,
  page: { limit: number; offset: number },
): Promise<{ rows: RecordMessageRow[]; total: number }> {
  let q = db.selectFrom('filings as f').innerJoin('messages as m', 'm.id', 'f.message_id').where('f.record_id', '=', recordId);
  if (viewerId !== null) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('message_accounts as ma')
          .innerJoin('email_accounts as a', 'a.id', 'ma.account_id')
          .innerJoin('account_access as aa', 'aa.account_id', 'ma.account_id')
          .select('ma.account_id')
          .whereRef('ma.message_id', '=', 'm.id')
          .where('a.active', '=', 1)
          .where('aa.user_id', '=', viewerId)
          .where((w) => w.or([w('aa.expires_at', 'is', null), w('aa.expires_at', '>', now)])),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .leftJoin('users as u', 'u.id', 'f.filed_by')
      .selectAll('m')
      .select(['f.filed_at', 'u.id as filer_id', 'u.first_name as filer_first_name', 'u.last_name as filer_last_name', 'u.email as filer_email'])
      .orderBy('m.date', 'desc')
      .orderBy('m.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
