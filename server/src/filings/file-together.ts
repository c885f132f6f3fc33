/**
 * New filings of one group commit, written together: a batch of N filings of new messages costs a
 * few multi-row statements (read the keys, accounts and records once, insert the messages, their
 * account links, filings and audit entries, read the filings back) instead of N times a dozen.
 * The result of each is what `fileMessage` would have returned for it alone.
 *
 * Only the common case is handled here: a message with a Message-ID that is not stored yet (under
 * its key or its fingerprint), filed to existing records through an account the filer may use,
 * without "create and file". Everything else — a retry, a copy to reconcile, a refusal (404, 422),
 * two members of the batch filing the same message — is sent back to run `fileMessage` alone, in
 * its own savepoint after this one, so refusals and races keep exactly that code's answers.
 */
import type { FilingState } from '../../../contract/filings';
import { findVisibleAccount } from '../accounts/accounts.access-rules';
import { filingOrigin } from '../auth/actor';
import { recordAudits, type AuditEvent } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { TogetherOutcome } from '../db/group-commit';
import type { EmailAccountRow } from '../db/tables/accounts.table';
import type { NewFiling, NewMessage } from '../db/tables/content.table';
import { newId, nowIso } from '../db/values';
import type { AuthContext } from '../http/request-context';
import { findRecordRows } from '../records/records.repository';
import { toFiling, toStoredMessage } from './filings.mapper';
import { findMessagesByKeys, insertFilings, insertMessagesIfAbsent, linkMessageAccounts, listFilingsOfMessages } from './filings.repository';
import type { FileRequest, PreparedMessage } from './filings.service';

export interface FilingInput {
  auth: AuthContext;
  request: Pick<FileRequest, 'accountId' | 'recordIds' | 'newRecord'>;
  prepared: PreparedMessage;
}

export interface FilingResult {
  state: FilingState;
  changed: boolean;
  bodyPending: boolean;
}

type Candidate = { input: FilingInput; index: number };

const chunksOf = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** The accounts each candidate's filer may file through (null: refused, the alone path says why). */
async function usableAccounts(db: Db, candidates: Candidate[]): Promise<Map<string, EmailAccountRow | null>> {
  const byPair = new Map<string, EmailAccountRow | null>();
  for (const { input } of candidates) {
    const pair = accountPair(input);
    if (byPair.has(pair)) continue;
    byPair.set(pair, await findVisibleAccount(db, input.auth, input.request.accountId).catch(() => null));
  }
  return byPair;
}

const accountPair = ({ auth, request }: FilingInput) => `${auth.role}\u0000${auth.userId}\u0000${request.accountId}`;

async function existingRecordIds(db: Db, orgId: string, candidates: Candidate[]): Promise<Set<string>> {
  const ids = [...new Set(candidates.flatMap(({ input }) => input.request.recordIds))];
  const found = new Set<string>();
  for (const part of chunksOf(ids, 500)) for (const r of await findRecordRows(db, orgId, part)) found.add(r.id);
  return found;
}

async function storedKeys(db: Db, orgId: string, candidates: Candidate[]): Promise<Set<string>> {
  const keys = [...new Set(candidates.flatMap(({ input }) => [input.prepared.key, input.prepared.fingerprint]))];
  const found = new Set<string>();
  for (const part of chunksOf(keys, 500)) for (const m of await findMessagesByKeys(db, orgId, part)) found.add(m.message_key);
  return found;
}

/** Files one organisation's candidates; their outcomes go into `outcomes` (the others stay "alone"). */
async function fileOrganisation(db: Db, orgId: string, candidates: Candidate[], outcomes: TogetherOutcome<FilingResult>[]): Promise<void> {
  const stored = await storedKeys(db, orgId, candidates);
  const accounts = await usableAccounts(db, candidates);
  const records = await existingRecordIds(db, orgId, candidates);

  const taken = new Set<string>();
  const chosen: (Candidate & { account: EmailAccountRow; row: NewMessage & { id: string }; recordIds: string[] })[] = [];
  const createdAt = nowIso();
  for (const c of candidates) {
    const { key, fingerprint, row } = c.input.prepared;
    const account = accounts.get(accountPair(c.input));
    const recordIds = [...new Set(c.input.request.recordIds)];
    // A copy stored under the fingerprint is to reconcile; two members with one Message-ID race.
    // (Different mail may share a fingerprint: same sender, second and subject.)
    if (stored.has(key) || stored.has(fingerprint) || taken.has(key)) continue;
    if (!account || !recordIds.every((id) => records.has(id))) continue;
    taken.add(key);
    chosen.push({ ...c, account, recordIds, row: { ...row, id: newId(), org_id: orgId, created_at: createdAt } });
  }
  if (chosen.length === 0) return;

  // Another writer (the sync, say) may have stored one of them since the read: it goes alone.
  const created = await insertMessagesIfAbsent(db, chosen.map((c) => c.row));
  const made = chosen.filter((c) => created.has(c.row.id));
  await linkMessageAccounts(db, made.map((c) => ({ message_id: c.row.id, account_id: c.account.id })));
  const filedAt = nowIso();
  const filings: NewFiling[] = [];
  const events: AuditEvent[] = [];
  for (const c of made) {
    for (const recordId of c.recordIds) {
      const id = newId();
      filings.push({ id, message_id: c.row.id, record_id: recordId, filed_at: filedAt, ...filingOrigin(c.input.auth) });
      events.push({
        orgId,
        actorId: c.input.auth.userId,
        action: 'message.filed',
        subjectType: 'filing',
        subjectId: id,
        detail: { messageId: c.row.id, messageKey: c.row.message_key, recordId, accountId: c.account.id },
      });
    }
  }
  await insertFilings(db, filings);
  await recordAudits(db, events);

  const filed = await listFilingsOfMessages(db, made.map((c) => c.row.id));
  for (const c of made) {
    const state: FilingState = {
      message: toStoredMessage({ ...c.row, from_name: c.row.from_name ?? null, message_id: c.row.message_id ?? null, thread_id: c.row.thread_id ?? null }),
      filings: filed.filter((f) => f.message_id === c.row.id).map(toFiling),
    };
    outcomes[c.index] = { ok: true, value: { state, changed: true, bodyPending: c.row.body_html_pending != null } };
  }
}

/** `RunMany` for the filings' group commit (db/group-commit.ts). */
export async function fileMessagesTogether(db: Db, inputs: FilingInput[]): Promise<TogetherOutcome<FilingResult>[]> {
  const outcomes: TogetherOutcome<FilingResult>[] = inputs.map(() => ({ alone: true }));
  const byOrg = new Map<string, Candidate[]>();
  inputs.forEach((input, index) => {
    // A fingerprint-only message may have a twin stored under its Message-ID (a fuzzy search);
    // "create and file" writes a record first: both take the full path.
    if (input.request.newRecord || input.prepared.key === input.prepared.fingerprint) return;
    const list = byOrg.get(input.auth.orgId) ?? [];
    list.push({ input, index });
    byOrg.set(input.auth.orgId, list);
  });
  for (const [orgId, candidates] of byOrg) await fileOrganisation(db, orgId, candidates, outcomes);
  return outcomes;
}
