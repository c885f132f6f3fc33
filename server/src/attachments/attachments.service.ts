import type { AttachmentList, AttachmentListQuery, StoredAttachment, UploadAttachmentRequest } from '../../../contract/attachments';
import { limits } from '../../../contract/common';
import { lookupKey } from '../../../contract/message-key';
import { findUsableAccount } from '../accounts/accounts.access-rules';
import type { Db } from '../db/database';
import { newId, nowIso } from '../db/values';
import { ApiError, invalid, notFound } from '../http/api-error';
import type { AuthContext } from '../http/request-context';
import {
  findBlobOnAccount,
  findMessageOnAccount,
  findSameSizeBlobs,
  insertAttachmentBlob,
  listAttachmentMeta,
  lockMessage,
  sumAttachmentBytes,
} from './attachments.repository';

const MESSAGE = 'The filed message';
const maxBytes = limits.attachmentBytesPerMessage;

/** "25 MB", "3.4 MB", "812 kB": sizes as people read them in the error messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.ceil(n / 1024)} kB`;
  return `${n} bytes`;
}

export function tooLarge(detail: string): ApiError {
  return new ApiError(413, 'payload_too_large', `Attachments can keep at most ${formatBytes(maxBytes)} per message: ${detail}`);
}

/** The message the caller filed from an account they can use; 404 for anything else. */
async function findFiledMessage(db: Db, auth: AuthContext, accountId: string, rawMessageId: string) {
  await findUsableAccount(db, auth, accountId);
  const key = lookupKey(rawMessageId);
  if (!key) throw invalid('messageId', 'This is neither a Message-ID nor a message fingerprint.');
  const message = await findMessageOnAccount(db, auth.orgId, key, accountId);
  if (!message) throw notFound(MESSAGE);
  return message;
}

type MetaRow = { id: string; name: string; content_type: string; size: number; created_at: string };
const toStored = (r: MetaRow): StoredAttachment => ({
  id: r.id,
  name: r.name,
  contentType: r.content_type,
  size: Number(r.size),
  createdAt: r.created_at,
});

/**
 * Keeps one attachment's content with a filed message. The cap counts everything already stored
 * for the message. Uploading the same file again (a retry after a lost answer) returns the stored
 * copy instead of a duplicate; `created` says which happened.
 */
export async function uploadAttachment(
  trx: Db,
  auth: AuthContext,
  req: UploadAttachmentRequest,
): Promise<{ attachment: StoredAttachment; created: boolean }> {
  const content = Buffer.from(req.contentBase64, 'base64');
  if (content.length > maxBytes) throw tooLarge(`this file is ${formatBytes(content.length)}.`);
  const message = await findFiledMessage(trx, auth, req.accountId, req.messageId);
  await lockMessage(trx, message.id);

  for (const same of await findSameSizeBlobs(trx, message.id, req.name, content.length)) {
    if (Buffer.from(same.content).equals(content)) return { attachment: toStored(same), created: false };
  }
  const stored = await sumAttachmentBytes(trx, message.id);
  if (stored + content.length > maxBytes) {
    throw tooLarge(
      `${formatBytes(stored)} is already kept for this message and this file adds ${formatBytes(content.length)}.`,
    );
  }
  const row = {
    id: newId(),
    message_id: message.id,
    name: req.name,
    content_type: req.contentType.toLowerCase(),
    size: content.length,
    content,
    created_at: nowIso(),
  };
  await insertAttachmentBlob(trx, row);
  return { attachment: toStored(row), created: true };
}

export async function listAttachments(db: Db, auth: AuthContext, q: AttachmentListQuery): Promise<AttachmentList> {
  const message = await findFiledMessage(db, auth, q.accountId, q.messageId);
  const rows = await listAttachmentMeta(db, message.id);
  const items = rows.map(toStored);
  return { items, totalBytes: items.reduce((n, i) => n + i.size, 0), maxBytes };
}

/**
 * Types a browser may render inline from the API's origin without running anything. Everything
 * else (HTML, SVG, scripts...) is served as a download, so a filed attachment can never run code
 * on the API's origin.
 */
const inlineSafeTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain']);

export async function downloadAttachment(db: Db, auth: AuthContext, accountId: string, id: string) {
  await findUsableAccount(db, auth, accountId);
  const blob = await findBlobOnAccount(db, auth.orgId, id, accountId);
  if (!blob) throw notFound('The attachment');
  const contentType = inlineSafeTypes.has(blob.content_type) ? blob.content_type : 'application/octet-stream';
  return { name: blob.name, contentType, content: Buffer.from(blob.content) };
}
