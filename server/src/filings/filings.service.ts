/**
 * Filing mail to CRM records. A message is one row per organisation, keyed by its
 * normalised Message-ID (or fingerprint, see contract/message-key.ts); it links to every shared
 * account it reached and to any number of records. Filing is idempotent on that key: a retried
 * POST after a lost response, or two clients filing at once, changes nothing the second time.
 *
 * Visibility: administrators see every message of their organisation; other users see a message
 * when it reached an account they can use. A message one cannot see reads exactly like a message
 * never filed (`{ message: null, filings: [] }`), so the lookup leaks nothing.
 */
import type { z } from 'zod';
import { fileRequestSchema, type FilingLookup, type FilingState, type RecordMessages } from '../../../contract/filings';
import { lookupKey, normaliseMessageId } from '../../../contract/message-key';
import { findVisibleAccount } from '../accounts/accounts.access-rules';
import { filingOrigin } from '../auth/actor';
import { recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { MessageRow, NewMessage } from '../db/tables/content.table';
import { newId, nowIso } from '../db/values';
import { invalid, notFound } from '../http/api-error';
import type { AuthContext } from '../http/request-context';
import { findRecordRow, findRecordRows } from '../records/records.repository';
import { ensureNewRecord } from '../records/records.service';
import { serverFingerprint } from './fingerprint';
import { fullName, toFiling, toStoredMessage } from './filings.mapper';
import {
  deleteFilingRow,
  findFilingInOrg,
  findMessageById,
  findMessageByKey,
  findMessagesByKeys,
  findMessagesInSecond,
  insertFilingIfAbsent,
  insertMessageIfAbsent,
  linkMessageAccount,
  listFilingsOfMessages,
  listRecordMessages,
  mergeMessageInto,
  messageAccountIds,
  updateMessage,
  userCanSeeMessage,
  visibleMessageIds,
} from './filings.repository';

export type FileRequest = z.output<typeof fileRequestSchema>;

/** A message ready to store: its key(s) computed, outside any transaction. */
export interface PreparedMessage {
  key: string;
  /** The fingerprint, also when the key is a Message-ID: it finds a copy filed without one. */
  fingerprint: string;
  /** `body_html` is always null here: the body goes to `body_html_pending`, sanitized later. */
  row: Omit<NewMessage, 'id' | 'org_id' | 'created_at'>;
}

export { maxHtmlBodyTags } from '../sanitize/sanitize.task';

/**
 * Computes the key. The HTML body is kept as received, for the background job that sanitizes it
 * on worker threads (pending-bodies.ts): sanitizing costs tens of milliseconds per styled body
 * and must not hold up the request, nor the event loop that every other request needs.
 */
export function prepareMessage(input: FileRequest['message']): PreparedMessage {
  const date = new Date(input.date).toISOString();
  const fingerprint = serverFingerprint({ from: input.from.address, date, subject: input.subject });
  const messageId = normaliseMessageId(input.messageId);
  return {
    key: messageId ?? fingerprint,
    fingerprint,
    row: {
      message_key: messageId ?? fingerprint,
      message_id: messageId,
      thread_id: input.threadId ?? null,
      subject: input.subject,
      from_name: input.from.name ?? null,
      from_address: input.from.address,
      to_json: JSON.stringify(input.to),
      cc_json: JSON.stringify(input.cc),
      date,
      snippet: input.snippet,
      body_html: null,
      body_html_pending: input.bodyHtml || null,
      body_text: input.bodyText ?? null,
      attachments_json: JSON.stringify(input.attachments),
    },
  };
}

async function filingState(db: Db, message: MessageRow): Promise<FilingState> {
  const rows = await listFilingsOfMessages(db, [message.id]);
  return { message: toStoredMessage(message), filings: rows.map(toFiling) };
}

const nothingFiled: FilingState = { message: null, filings: [] };

async function canSee(db: Db, auth: AuthContext, messageId: string): Promise<boolean> {
  return auth.role === 'admin' || userCanSeeMessage(db, auth.userId, messageId, nowIso());
}

async function findByFingerprint(db: Db, orgId: string, prepared: PreparedMessage): Promise<MessageRow | undefined> {
  const second = prepared.row.date.replace(/\.\d{3}Z$/, 'Z');
  for (const m of await findMessagesInSecond(db, orgId, second)) {
    const fp = serverFingerprint({ from: m.from_address, date: m.date, subject: m.subject });
    if (fp === prepared.fingerprint) return m;
  }
  return undefined;
}

/**
 * Finds the stored copy of a message, reconciling a copy filed under its fingerprint (no readable
 * Message-ID at the time) with its real Message-ID now that one is known.
 */
async function findOrCreateMessage(db: Db, orgId: string, prepared: PreparedMessage): Promise<{ message: MessageRow; created: boolean }> {
  const byKey = await findMessageByKey(db, orgId, prepared.key);
  if (prepared.key !== prepared.fingerprint) {
    const byFingerprint = await findMessageByKey(db, orgId, prepared.fingerprint);
    if (byFingerprint && byKey) {
      await mergeMessageInto(db, byFingerprint.id, byKey.id);
    } else if (byFingerprint) {
      await updateMessage(db, byFingerprint.id, { message_key: prepared.key, message_id: prepared.row.message_id });
      return { message: { ...byFingerprint, message_key: prepared.key, message_id: prepared.row.message_id ?? null }, created: false };
    }
  }
  if (byKey) return { message: byKey, created: false };
  if (prepared.key === prepared.fingerprint) {
    // No Message-ID now, but the same mail may be stored under its id already (filed by a client
    // that could read it): same sender, second and subject.
    const twin = await findByFingerprint(db, orgId, prepared);
    if (twin) return { message: twin, created: false };
  }

  const created = await insertMessageIfAbsent(db, { ...prepared.row, id: newId(), org_id: orgId, created_at: nowIso() });
  const message = await findMessageByKey(db, orgId, prepared.key);
  // Inserted or found after a concurrent insert; missing now would mean it was deleted meanwhile.
  if (!message) throw new Error('message vanished while filing');
  return { message, created };
}

/**
 * Fills what an earlier, thinner copy lacked (a client that could not read the body, say). The
 * first HTML body stays: one already stored, sanitized or still pending, is never replaced.
 */
async function fillGaps(db: Db, message: MessageRow, prepared: PreparedMessage): Promise<MessageRow> {
  const patch: Parameters<typeof updateMessage>[2] = {};
  if (message.body_html === null && message.body_html_pending === null && prepared.row.body_html_pending) {
    patch.body_html_pending = prepared.row.body_html_pending;
  }
  if (message.body_text === null && prepared.row.body_text) patch.body_text = prepared.row.body_text;
  if (message.thread_id === null && prepared.row.thread_id) patch.thread_id = prepared.row.thread_id;
  if (!message.snippet && prepared.row.snippet) patch.snippet = prepared.row.snippet;
  await updateMessage(db, message.id, patch);
  return { ...message, ...patch };
}

/**
 * Files one message to one or more records; returns the message's filing state, whether anything
 * changed and whether an HTML body now waits to be sanitized.
 */
export async function fileMessage(
  db: Db,
  auth: AuthContext,
  request: Pick<FileRequest, 'accountId' | 'recordIds' | 'newRecord'>,
  prepared: PreparedMessage,
): Promise<{ state: FilingState; changed: boolean; bodyPending: boolean }> {
  const account = await findVisibleAccount(db, auth, request.accountId);
  // "Create and file": the record is written in this transaction, so a failure below leaves none.
  const created = request.newRecord ? await ensureNewRecord(db, auth, request.newRecord) : undefined;
  const recordIds = [...new Set([...request.recordIds, ...(created ? [created] : [])])];
  const records = await findRecordRows(db, auth.orgId, recordIds);
  const missing = recordIds.filter((id) => !records.some((r) => r.id === id));
  if (missing.length > 0) {
    throw invalid('recordIds', `${missing.length === 1 ? 'A record was' : `${missing.length} records were`} not found in your organisation: ${missing.join(', ')}.`);
  }

  const found = await findOrCreateMessage(db, auth.orgId, prepared);
  const pendingBefore = found.created ? null : found.message.body_html_pending;
  const message = await fillGaps(db, found.message, prepared);
  const bodyPending = message.body_html_pending !== null && message.body_html_pending !== pendingBefore;
  await linkMessageAccount(db, message.id, account.id);

  let changed = found.created;
  const filedAt = nowIso();
  for (const recordId of recordIds) {
    const id = newId();
    const isNew = await insertFilingIfAbsent(db, { id, message_id: message.id, record_id: recordId, filed_at: filedAt, ...filingOrigin(auth) });
    if (!isNew) continue;
    changed = true;
    await recordAudit(db, {
      orgId: auth.orgId,
      actorId: auth.userId,
      action: 'message.filed',
      subjectType: 'filing',
      subjectId: id,
      detail: { messageId: message.id, messageKey: message.message_key, recordId, accountId: account.id },
    });
  }
  return { state: await filingState(db, message), changed, bodyPending };
}

/**
 * The answer to a filing that is already complete — the message stored under its key and linked to
 * the account, every record filed, nothing that `fillGaps` would add — read without a transaction,
 * or null when the filing has something to write (then it goes through the group commit). Client
 * retries after a lost answer are this case, and they must not queue behind real writes.
 */
export async function findCompleteFiling(
  db: Db,
  auth: AuthContext,
  request: Pick<FileRequest, 'accountId' | 'recordIds' | 'newRecord'>,
  prepared: PreparedMessage,
): Promise<FilingState | null> {
  // "Create and file" always takes the full path, which is idempotent on the new record's id.
  if (request.newRecord) return null;
  const keys = prepared.key === prepared.fingerprint ? [prepared.key] : [prepared.key, prepared.fingerprint];
  const stored = await findMessagesByKeys(db, auth.orgId, keys);
  // A copy under the fingerprint as well means a reconciliation to do.
  if (stored.length !== 1 || stored[0]!.message_key !== prepared.key) return null;
  const message = stored[0]!;
  const { row } = prepared;
  const hasGaps =
    (!message.has_body_html && !message.has_body_html_pending && row.body_html_pending) ||
    (!message.has_body_text && row.body_text) ||
    (message.thread_id === null && row.thread_id) ||
    (!message.snippet && row.snippet);
  if (hasGaps) return null;
  // Throws the same 404 the full path would for an account the caller cannot see.
  const account = await findVisibleAccount(db, auth, request.accountId);
  if (!(await messageAccountIds(db, message.id)).includes(account.id)) return null;
  const filings = await listFilingsOfMessages(db, [message.id]);
  const filed = new Set(filings.map((f) => f.record_id));
  return request.recordIds.every((id) => filed.has(id)) ? { message: toStoredMessage(message), filings: filings.map(toFiling) } : null;
}

/** The key `raw` (a Message-ID as found in a header, or an `fp:` key) stands for; 422 otherwise. */
function keyOrInvalid(raw: string): string {
  const key = lookupKey(raw);
  if (!key) throw invalid('messageId', 'This is neither a Message-ID nor a message fingerprint (fp:…).');
  return key;
}

/** Where a message is filed (`raw` is a Message-ID as found in a header, or an `fp:` key). */
export async function getFilingState(db: Db, auth: AuthContext, raw: string): Promise<FilingState> {
  const key = keyOrInvalid(raw);
  const message = await findMessageByKey(db, auth.orgId, key);
  if (!message || !(await canSee(db, auth, message.id))) return nothingFiled;
  return filingState(db, message);
}

/**
 * Where each of several messages is filed, in three queries whatever their number (messages,
 * visibility, filings). One entry per asked id, in order; unseen messages read as never filed.
 */
export async function getFilingStates(db: Db, auth: AuthContext, raws: string[]): Promise<FilingLookup> {
  const keys = raws.map(keyOrInvalid);
  const messages = await findMessagesByKeys(db, auth.orgId, [...new Set(keys)]);
  const ids = messages.map((m) => m.id);
  const visible = auth.role === 'admin' ? new Set(ids) : await visibleMessageIds(db, auth.userId, ids, nowIso());
  const shown = messages.filter((m) => visible.has(m.id));
  const filings = await listFilingsOfMessages(db, shown.map((m) => m.id));
  const byKey = new Map(shown.map((m) => [m.message_key, m]));
  return {
    items: raws.map((raw, i) => {
      const message = byKey.get(keys[i]!);
      if (!message) return { messageId: raw, ...nothingFiled };
      return { messageId: raw, message: toStoredMessage(message), filings: filings.filter((f) => f.message_id === message.id).map(toFiling) };
    }),
  };
}

/** Removes one record link; the message stays (other links, attachments, a later refiling). */
export async function unfile(db: Db, auth: AuthContext, filingId: string): Promise<FilingState> {
  const filing = await findFilingInOrg(db, auth.orgId, filingId);
  if (!filing || !(await canSee(db, auth, filing.message_id))) throw notFound('The filing');
  await deleteFilingRow(db, filing.id);
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.userId,
    action: 'message.unfiled',
    subjectType: 'filing',
    subjectId: filing.id,
    detail: { messageId: filing.message_id, recordId: filing.record_id, accountIds: await messageAccountIds(db, filing.message_id) },
  });
  const message = await findMessageById(db, auth.orgId, filing.message_id);
  return message ? filingState(db, message) : nothingFiled;
}

/** A record's filed mail, newest first, limited to what the caller may see. */
export async function recordMessages(
  db: Db,
  auth: AuthContext,
  recordId: string,
  page: { limit: number; offset: number },
): Promise<RecordMessages> {
  if (!(await findRecordRow(db, auth.orgId, recordId))) throw notFound('The record');
  const { rows, total } = await listRecordMessages(db, recordId, auth.role === 'admin' ? null : auth.userId, nowIso(), page);
  return {
    items: rows.map((r) => ({
      ...toStoredMessage(r),
      filedAt: r.filed_at,
      filedBy: r.filer_id ? { id: r.filer_id, fullName: fullName({ first_name: r.filer_first_name, last_name: r.filer_last_name, email: r.filer_email }) } : null,
    })),
    total,
  };
}
