import { sql } from 'kysely';
import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';
import type { AttachmentBlobsTable } from '../db/tables/content.table';
import { toCount } from '../db/values';

/** A filed message of the organisation, by key, if it is linked to the given account. */
export async function findMessageOnAccount(db: Db, orgId: string, messageKey: string, accountId: string) {
  return db
    .selectFrom('messages')
    .innerJoin('message_accounts', 'message_accounts.message_id', 'messages.id')
    .select(['messages.id'])
    .where('messages.org_id', '=', orgId)
    .where('messages.message_key', '=', messageKey)
    .where('message_accounts.account_id', '=', accountId)
    .executeTakeFirst();
}

/**
 * Serialises uploads to one message so two of them cannot both pass the size cap (PostgreSQL row
 * lock; SQLite transactions are serialised already).
 */
export async function lockMessage(trx: Db, messageId: string): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`select id from messages where id = ${messageId} for update`.execute(trx);
}

export async function sumAttachmentBytes(db: Db, messageId: string): Promise<number> {
  const row = await db
    .selectFrom('attachment_blobs')
    .select((eb) => eb.fn.sum<number | string | null>('size').as('total'))
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return toCount(row?.total);
}

/** Metadata only: the content stays in the database until someone downloads it. */
export async function listAttachmentMeta(db: Db, messageId: string) {
  return db
    .selectFrom('attachment_blobs')
    .select(['id', 'name', 'content_type', 'size', 'created_at'])
    .where('message_id', '=', messageId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Stored blobs with this name and size: the candidates for "already uploaded". */
export async function findSameSizeBlobs(db: Db, messageId: string, name: string, size: number) {
  return db
    .selectFrom('attachment_blobs')
    .select(['id', 'name', 'content_type', 'size', 'created_at', 'content'])
    .where('message_id', '=', messageId)
    .where('name', '=', name)
    .where('size', '=', size)
    .execute();
}

export async function insertAttachmentBlob(db: Db, row: AttachmentBlobsTable): Promise<void> {
  await db.insertInto('attachment_blobs').values(row).execute();
}

/** A blob of the organisation with the account its message is linked to (for access checks). */
export async function findBlobOnAccount(db: Db, orgId: string, blobId: string, accountId: string) {
  return db
    .selectFrom('attachment_blobs')
    .innerJoin('messages', 'messages.id', 'attachment_blobs.message_id')
    .innerJoin('message_accounts', 'message_accounts.message_id', 'messages.id')
    .select(['attachment_blobs.name', 'attachment_blobs.content_type', 'attachment_blobs.size', 'attachment_blobs.content'])
    .where('attachment_blobs.id', '=', blobId)
    .where('messages.org_id', '=', orgId)
    .where('message_accounts.account_id', '=', accountId)
    .executeTakeFirst();
}
