/**
 * What happens to one raw message the sync reads from a shared mailbox: parsed, stored once per
 * organisation, linked to the account it reached, and filed to the CRM records it concerns.
 *
 * Contract (the sync worker calls only this; the signatures are stable):
 *
 *   ingestMail(deps, mail): Promise<IngestResult>
 *   ingestBatch(deps, mails, options?): Promise<IngestResult[]>   — one result per mail, in order
 *
 *   deps  = { db, pendingBodies?, log? }     pendingBodies: kicked after commit so HTML bodies are
 *                                             sanitized on the worker pool, never on the event loop
 *   mail  = { orgId, accountId, folder, direction: 'received' | 'sent', raw: Buffer, receivedAt?, parsed? }
 *   IngestResult =
 *     | { outcome: 'stored',    messageId, filedTo }  new message of the organisation
 *     | { outcome: 'linked',    messageId, filedTo }  known message (another account, the extension)
 *                                                     now linked to this account too
 *     | { outcome: 'duplicate', messageId, filedTo }  already linked to this account: nothing written
 *     | { outcome: 'skipped',   reason }              not mail (empty, unreadable); logged, nothing written
 *   filedTo = ids of the records this call filed the message to (source 'sync', filed_by null).
 *
 * A batch is one transaction: either every mail of it is stored, linked and filed, or (a database
 * failure) none is and the promise rejects — the caller retries the batch without moving its
 * checkpoint. `options.alsoInTransaction(trx, results)` runs in that same transaction, so the
 * worker can write its checkpoint atomically with the mail. One bad message never rejects the
 * batch: it comes back `skipped`.
 *
 * Identity: the key is the normalised Message-ID, or the fingerprint (sender, date, subject) when
 * there is none — the same key the extension computes (contract/message-key.ts), so a message
 * filed from the webmail and later synced is one row. Classification and thread following happen
 * only when a message is new to the organisation, or known but filed nowhere yet: mail a user
 * unfiled is never filed again by a later sync of the same message.
 */
import type { FastifyBaseLogger } from 'fastify';
import { recordAudits } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { MessageRow, NewFiling, NewMessage } from '../db/tables/content.table';
import { newId, nowIso } from '../db/values';
import { findMessagesInSecond } from '../filings/filings.repository';
import { serverFingerprint } from '../filings/fingerprint';
import type { PendingBodies } from '../filings/pending-bodies';
import { loadClassifier } from './classify';
import {
  filedRecordsByKeys,
  filedRecordsOfMessages,
  fillThreadHeaders,
  findMessagesByKeys,
  insertFilings,
  insertMessages,
  insertSyncLinks,
  linkedMessageIds,
  orgAccountAddresses,
  rekeyMessage,
} from './ingest.repository';
import { parseRawMail, type ParsedForStorage, type ParseResult } from './parse-mail';

export interface IngestDeps {
  db: Db;
  /** Kicked after a commit that stored HTML bodies (they wait in `body_html_pending`). */
  pendingBodies?: Pick<PendingBodies, 'kick'>;
  log?: Pick<FastifyBaseLogger, 'warn'>;
}

export interface IngestInput {
  orgId: string;
  accountId: string;
  /** Mailbox path (`INBOX`, `Sent`...), or `INBOX` for POP3. */
  folder: string;
  /** `sent` mail is classified by its recipients, `received` mail by its sender and the others. */
  direction: 'received' | 'sent';
  raw: Buffer;
  /** When the account received it (IMAP INTERNALDATE); now when unknown. */
  receivedAt?: Date;
  /** `raw` already parsed (the sync parses on worker threads, the next batch while this one is written); parsed here otherwise. */
  parsed?: ParseResult;
}

export type IngestResult =
  | { outcome: 'stored' | 'linked' | 'duplicate'; messageId: string; filedTo: string[] }
  | { outcome: 'skipped'; reason: string };

export interface IngestOptions {
  /** Runs inside the batch's transaction after the mail is written (the sync checkpoint, say). */
  alsoInTransaction?: (trx: Db, results: IngestResult[]) => Promise<void>;
}

interface Resolved {
  input: IngestInput;
  parsed: ParsedForStorage;
  message: Pick<MessageRow, 'id' | 'message_key'>;
  isNew: boolean;
}

const emptyReferences = '[]';

/** Who the mail is about: never the organisation's own shared addresses. */
function participantsOf(input: IngestInput, parsed: ParsedForStorage, own: Set<string>): string[] {
  const people =
    input.direction === 'sent'
      ? [...parsed.to, ...parsed.cc, ...parsed.bcc]
      : [...(parsed.from ? [parsed.from] : []), ...parsed.to, ...parsed.cc];
  return [...new Set(people.map((p) => p.address).filter((a) => a.includes('@') && !own.has(a)))];
}

async function findFingerprintTwin(trx: Db, orgId: string, parsed: ParsedForStorage): Promise<MessageRow | undefined> {
  const second = parsed.row.date.replace(/\.\d{3}Z$/, 'Z');
  const candidates = await findMessagesInSecond(trx, orgId, second);
  return candidates.find((m) => serverFingerprint({ from: m.from_address, date: m.date, subject: m.subject }) === parsed.fingerprint);
}

/** Finds or prepares the stored row of each mail, in order, so copies within the batch are one. */
async function resolveMessages(trx: Db, orgId: string, items: { input: IngestInput; parsed: ParsedForStorage }[]): Promise<Resolved[]> {
  const keys = items.flatMap(({ parsed }) => [parsed.key, parsed.fingerprint]);
  const byKey = new Map((await findMessagesByKeys(trx, orgId, keys)).map((m) => [m.message_key, m]));
  const inserts: NewMessage[] = [];
  const createdAt = nowIso();
  const resolved: Resolved[] = [];
  for (const { input, parsed } of items) {
    let stored = byKey.get(parsed.key);
    const underFingerprint = parsed.key !== parsed.fingerprint ? byKey.get(parsed.fingerprint) : undefined;
    if (!stored && underFingerprint && parsed.row.message_id) {
      // Filed without a readable Message-ID (the extension could not see one), now known by it.
      await rekeyMessage(trx, underFingerprint.id, parsed.key, parsed.row.message_id);
      byKey.delete(parsed.fingerprint);
      stored = { ...underFingerprint, message_key: parsed.key, message_id: parsed.row.message_id };
      byKey.set(parsed.key, stored);
    }
    // No Message-ID now, but the same mail may be stored under one (read by the extension, or a
    // copy that had it): same sender, second and subject. Rare, hence a query of its own.
    if (!stored && parsed.key === parsed.fingerprint) stored = await findFingerprintTwin(trx, orgId, parsed);
    if (stored) {
      if (stored.in_reply_to === null && stored.references_json === emptyReferences && (parsed.inReplyTo || parsed.references.length)) {
        await fillThreadHeaders(trx, stored.id, parsed.row.in_reply_to ?? null, parsed.row.references_json ?? emptyReferences);
        stored = { ...stored, in_reply_to: parsed.row.in_reply_to ?? null, references_json: parsed.row.references_json ?? emptyReferences };
        byKey.set(parsed.key, stored);
      }
      resolved.push({ input, parsed, message: stored, isNew: false });
      continue;
    }
    const row = { ...parsed.row, id: newId(), org_id: orgId, created_at: createdAt };
    inserts.push(row);
    // Later copies in this batch (another folder, another account) find it here.
    byKey.set(parsed.key, { ...row, thread_id: null, in_reply_to: row.in_reply_to ?? null, references_json: row.references_json ?? emptyReferences } as MessageRow);
    resolved.push({ input, parsed, message: row, isNew: true });
  }
  if (inserts.length === 0) return resolved;
  await insertMessages(trx, inserts);
  // A concurrent writer (the extension, another worker on PostgreSQL) may have stored a key first:
  // its row is the message then, and ours was never inserted.
  const actual = new Map((await findMessagesByKeys(trx, orgId, inserts.map((r) => r.message_key))).map((m) => [m.message_key, m]));
  return resolved.map((r) => {
    const row = actual.get(r.message.message_key);
    return !row || row.id === r.message.id ? r : { ...r, message: row, isNew: false };
  });
}

async function ingestOrg(trx: Db, orgId: string, items: { index: number; input: IngestInput; parsed: ParsedForStorage }[], results: IngestResult[]): Promise<boolean> {
  const resolved = await resolveMessages(trx, orgId, items);
  const now = nowIso();

  // Links: per account, which known messages already reached it.
  const accountIds = [...new Set(resolved.map((r) => r.input.accountId))];
  const linkedBefore = new Map<string, Set<string>>();
  for (const accountId of accountIds) {
    const known = resolved.filter((r) => !r.isNew && r.input.accountId === accountId).map((r) => r.message.id);
    linkedBefore.set(accountId, known.length ? await linkedMessageIds(trx, accountId, known) : new Set());
  }
  const links: Parameters<typeof insertSyncLinks>[1] = [];
  const firstSeen = new Set<string>();
  const outcomes = resolved.map((r) => {
    const linkKey = `${r.message.id}\n${r.input.accountId}`;
    const already = linkedBefore.get(r.input.accountId)!.has(r.message.id) || firstSeen.has(linkKey);
    if (!already) {
      firstSeen.add(linkKey);
      links.push({ message_id: r.message.id, account_id: r.input.accountId, folder: r.input.folder, received_at: (r.input.receivedAt ?? new Date()).toISOString() });
    }
    // Only the first copy of a key in the batch is new; later ones found it in resolveMessages.
    return r.isNew ? 'stored' : already ? 'duplicate' : 'linked';
  });
  await insertSyncLinks(trx, links);

  // Filing: classification by participants and thread following, for messages filed nowhere yet.
  const own = await orgAccountAddresses(trx, orgId);
  const participants = resolved.map((r) => participantsOf(r.input, r.parsed, own));
  const threadKeys = resolved.flatMap((r) => [...(r.parsed.inReplyTo ? [r.parsed.inReplyTo] : []), ...r.parsed.references]);
  const [classifier, threadRecords, filedBefore] = await Promise.all([
    loadClassifier(trx, orgId, [...new Set(participants.flat())]),
    filedRecordsByKeys(trx, orgId, threadKeys),
    filedRecordsOfMessages(trx, resolved.filter((r) => !r.isNew).map((r) => r.message.id)),
  ]);
  const filings: NewFiling[] = [];
  const filedNow = new Map<string, Set<string>>();
  resolved.forEach((r, i) => {
    const outcome = outcomes[i]!;
    const filed = filedNow.get(r.message.id) ?? new Set(filedBefore.get(r.message.id));
    filedNow.set(r.message.id, filed);
    const filedTo: string[] = [];
    const eligible = outcome === 'stored' || (outcome === 'linked' && filed.size === 0);
    if (eligible) {
      // The thread's records first: a reply belongs where its conversation was filed.
      const parents = [r.parsed.inReplyTo, ...[...r.parsed.references].reverse()].filter((k): k is string => k !== null);
      const fromThread = parents.flatMap((k) => threadRecords.get(k) ?? []);
      for (const recordId of new Set([...fromThread, ...classifier.recordsFor(participants[i]!)])) {
        if (filed.has(recordId)) continue;
        filed.add(recordId);
        filedTo.push(recordId);
        filings.push({ id: newId(), message_id: r.message.id, record_id: recordId, filed_by: null, filed_at: now, source: 'sync' });
      }
      // A reply later in this batch follows this message's filings.
      if (filed.size) threadRecords.set(r.message.message_key, [...filed]);
    }
    results[items[i]!.index] = { outcome, messageId: r.message.id, filedTo };
  });
  await insertFilings(trx, filings);
  // The trail says what the sync filed, as it does for a person (actor null: the system).
  const keyOf = new Map(resolved.map((r) => [r.message.id, r.message.message_key]));
  const accountOf = new Map(resolved.map((r) => [r.message.id, r.input.accountId]));
  await recordAudits(
    trx,
    filings.map((f) => ({
      orgId,
      actorId: null,
      action: 'message.filed',
      subjectType: 'filing' as const,
      subjectId: f.id,
      detail: { messageId: f.message_id, messageKey: keyOf.get(f.message_id), recordId: f.record_id, accountId: accountOf.get(f.message_id), source: 'sync' },
    })),
  );
  return resolved.some((r, i) => outcomes[i] === 'stored' && r.parsed.row.body_html_pending);
}

/** Ingests many messages in one transaction; one result per mail, in order (see the header). */
export async function ingestBatch(deps: IngestDeps, mails: IngestInput[], options: IngestOptions = {}): Promise<IngestResult[]> {
  const parsed: ParseResult[] = await Promise.all(mails.map((m) => m.parsed ?? parseRawMail(m.raw, m.receivedAt ?? new Date())));
  const results: IngestResult[] = new Array<IngestResult>(mails.length);
  const byOrg = new Map<string, { index: number; input: IngestInput; parsed: ParsedForStorage }[]>();
  parsed.forEach((p, index) => {
    const input = mails[index]!;
    if (!p.ok) {
      results[index] = { outcome: 'skipped', reason: p.reason };
      deps.log?.warn({ accountId: input.accountId, folder: input.folder, reason: p.reason }, 'sync: message skipped');
      return;
    }
    byOrg.set(input.orgId, [...(byOrg.get(input.orgId) ?? []), { index, input, parsed: p.mail }]);
  });
  let bodiesPending = false;
  if (byOrg.size > 0 || options.alsoInTransaction) {
    await deps.db.transaction().execute(async (trx) => {
      for (const [orgId, items] of byOrg) if (await ingestOrg(trx, orgId, items, results)) bodiesPending = true;
      await options.alsoInTransaction?.(trx, results);
    });
  }
  if (bodiesPending) deps.pendingBodies?.kick();
  return results;
}

/** One message (see the header); prefer `ingestBatch` for many. */
export async function ingestMail(deps: IngestDeps, mail: IngestInput): Promise<IngestResult> {
  const [result] = await ingestBatch(deps, [mail]);
  return result!;
}
