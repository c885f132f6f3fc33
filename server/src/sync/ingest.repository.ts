import type { Db } from '../db/database';
import type { MessageRow, NewFiling, NewMessage } from '../db/tables/content.table';

// Batch queries of the sync ingest: each takes every message of a batch at once, so a batch of
// hundreds of mails costs a handful of statements rather than a handful per mail.

/** Rows per multi-row INSERT: far below SQLite's 32766 bound parameters, even at 18 columns. */
const chunkSize = 200;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += chunkSize) out.push(items.slice(i, i + chunkSize));
  return out;
}

/** Lower-cased addresses of every shared account of the organisation (active or not). */
export async function orgAccountAddresses(db: Db, orgId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('email_accounts').select('address').where('org_id', '=', orgId).execute();
  return new Set(rows.map((r) => r.address.toLowerCase()));
}

/** Messages of the organisation stored under any of `keys`. */
export async function findMessagesByKeys(db: Db, orgId: string, keys: string[]): Promise<MessageRow[]> {
  const out: MessageRow[] = [];
  for (const part of chunks([...new Set(keys)])) {
    out.push(...(await db.selectFrom('messages').selectAll().where('org_id', '=', orgId).where('message_key', 'in', part).execute()));
  }
  return out;
}

/** Inserts the messages, skipping any key already stored (a concurrent writer got there first). */
export async function insertMessages(db: Db, rows: NewMessage[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db.insertInto('messages').values(part).onConflict((oc) => oc.columns(['org_id', 'message_key']).doNothing()).execute();
  }
}

/** A message first stored under its fingerprint, now known by its Message-ID. */
export async function rekeyMessage(db: Db, id: string, key: string, messageId: string): Promise<void> {
  await db.updateTable('messages').set({ message_key: key, message_id: messageId }).where('id', '=', id).execute();
}

/** Thread headers for a message stored before them (filed from the extension, which has none). */
export async function fillThreadHeaders(db: Db, id: string, inReplyTo: string | null, referencesJson: string): Promise<void> {
  await db.updateTable('messages').set({ in_reply_to: inReplyTo, references_json: referencesJson }).where('id', '=', id).execute();
}

/** Which of `messageIds` already reached `accountId`. */
export async function linkedMessageIds(db: Db, accountId: string, messageIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(messageIds)) {
    const rows = await db
      .selectFrom('message_accounts')
      .select('message_id')
      .where('account_id', '=', accountId)
      .where('message_id', 'in', part)
      .execute();
    for (const r of rows) out.add(r.message_id);
  }
  return out;
}

export async function insertSyncLinks(
  db: Db,
  rows: { message_id: string; account_id: string; folder: string; received_at: string }[],
): Promise<void> {
  for (const part of chunks(rows)) {
    await db
      .insertInto('message_accounts')
      .values(part.map((r) => ({ ...r, source: 'sync' as const })))
      .onConflict((oc) => oc.columns(['message_id', 'account_id']).doNothing())
      .execute();
  }
}

/** Records the filed messages stored under `keys` are filed to, by message key. */
export async function filedRecordsByKeys(db: Db, orgId: string, keys: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const part of chunks([...new Set(keys)])) {
    const rows = await db
      .selectFrom('messages as m')
      .innerJoin('filings as f', 'f.message_id', 'm.id')
      .select(['m.message_key', 'f.record_id'])
      .where('m.org_id', '=', orgId)
      .where('m.message_key', 'in', part)
      .execute();
    for (const r of rows) out.set(r.message_key, [...(out.get(r.message_key) ?? []), r.record_id]);
  }
  return out;
}

/** Records each of `messageIds` is already filed to. */
export async function filedRecordsOfMessages(db: Db, messageIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const part of chunks(messageIds)) {
    const rows = await db.selectFrom('filings').select(['message_id', 'record_id']).where('message_id', 'in', part).execute();
    for (const r of rows) {
      const set = out.get(r.message_id) ?? new Set<string>();
      set.add(r.record_id);
      out.set(r.message_id, set);
    }
  }
  return out;
}

export async function insertFilings(db: Db, rows: NewFiling[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db.insertInto('filings').values(part).onConflict((oc) => oc.columns(['message_id', 'record_id']).doNothing()).execute();
  }
}
