/**
 * The shared inbox of an account: its synced mail that no rule filed, which its users share out
 * (assign), deal with (file it, or mark it handled) and reopen. Only users who can use the account
 * now — active account, access not ended — see it or act on it (404 otherwise, as every
 * account-scoped route); administrators too need access. Every change is audited and kept in the
 * message's history, in the caller's transaction.
 */
import type { Filing } from '../../../contract/filings';
import type { AssignRequest, InboxAssignees, InboxEvent, InboxMessage, InboxPage, InboxPerson, InboxQuery } from '../../../contract/inbox';
import { inboxQuerySchema } from '../../../contract/inbox';
import { findUsableAccount, isUnexpired } from '../accounts/accounts.access-rules';
import { findAccess } from '../accounts/access.repository';
import { recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { InboxEventsTable } from '../db/tables/content.table';
import { fromFlag, newId, nowIso } from '../db/values';
import { invalid, notFound } from '../http/api-error';
import type { AuthContext } from '../http/request-context';
import { listFilingsOfMessages } from '../filings/filings.repository';
import { findUserInOrg } from '../users/users.repository';
import { fullName } from '../users/users.mapper';
import { decodeInboxCursor, encodeInboxCursor } from './inbox-cursor';
import {
  findInboxRow,
  findUsersByIds,
  insertInboxEvent,
  listAccountAssignees,
  listInboxEvents,
  listInboxRows,
  setAssignment,
  setHandled,
  type InboxRow,
} from './inbox.repository';

function parseJsonArray<T>(text: string): T[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

type FilingRow = Awaited<ReturnType<typeof listFilingsOfMessages>>[number];

/** Turns rows into the contract's messages with their filings and history, in four queries. */
async function describe(db: Db, orgId: string, accountId: string, rows: InboxRow[]): Promise<InboxMessage[]> {
  const ids = rows.map((r) => r.id);
  const [filings, events] = await Promise.all([listFilingsOfMessages(db, ids), listInboxEvents(db, accountId, ids)]);
  const userIds = new Set<string>();
  for (const r of rows) for (const u of [r.assigned_to, r.assigned_by, r.handled_by]) if (u) userIds.add(u);
  for (const e of events) for (const u of [e.actor_id, e.assignee_id]) if (u) userIds.add(u);
  const users = new Map((await findUsersByIds(db, orgId, [...userIds])).map((u) => [u.id, { id: u.id, fullName: fullName(u) }]));
  const person = (id: string | null): InboxPerson | null => (id ? (users.get(id) ?? null) : null);

  return rows.map((r) => {
    const own = filings.filter((f) => f.message_id === r.id);
    const history: InboxEvent[] = [
      ...events
        .filter((e) => e.message_id === r.id)
        .map((e): InboxEvent => ({
          action: e.action,
          by: person(e.actor_id),
          at: e.at,
          ...(e.action === 'assigned' ? { assignee: person(e.assignee_id) } : {}),
        })),
      ...own.map((f): InboxEvent => ({ action: 'filed', by: filer(f), at: f.filed_at, record: record(f) })),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return {
      id: r.id,
      key: r.message_key,
      messageId: r.message_id,
      threadId: r.thread_id,
      subject: r.subject,
      from: r.from_name ? { name: r.from_name, address: r.from_address } : { address: r.from_address },
      to: parseJsonArray(r.to_json),
      cc: parseJsonArray(r.cc_json),
      date: r.date,
      receivedAt: r.received_at,
      folder: r.folder,
      snippet: r.snippet,
      filings: own.map(toFiling),
      assignee: person(r.assigned_to),
      assignedBy: person(r.assigned_by),
      assignedAt: r.assigned_at,
      handledBy: person(r.handled_by),
      handledAt: r.handled_at,
      history,
    };
  });
}

const record = (f: FilingRow) => ({ id: f.record_id, kind: f.record_kind, name: f.record_name });
const filer = (f: FilingRow): InboxPerson | null =>
  f.user_id ? { id: f.user_id, fullName: fullName({ first_name: f.first_name ?? '', last_name: f.last_name ?? '', email: f.user_email ?? '' }) } : null;
const toFiling = (f: FilingRow): Filing => ({ id: f.id, record: record(f), filedBy: filer(f), filedAt: f.filed_at, source: f.source });

/** A page of the account's inbox, newest first. */
export async function listInbox(db: Db, auth: AuthContext, accountId: string, query: InboxQuery): Promise<InboxPage> {
  const q = inboxQuerySchema.parse(query);
  const { account } = await findUsableAccount(db, auth, accountId);
  const rows = await listInboxRows(db, {
    accountId: account.id,
    state: q.state,
    assigneeId: q.assignee === 'me' ? auth.userId : null,
    after: q.cursor ? decodeInboxCursor(q.cursor) : null,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: await describe(db, auth.orgId, account.id, page),
    nextCursor: rows.length > q.limit && last ? encodeInboxCursor({ at: last.received_at, id: last.id }) : null,
  };
}

/** Who messages of the account can be assigned to. */
export async function listAssignees(db: Db, auth: AuthContext, accountId: string): Promise<InboxAssignees> {
  const { account } = await findUsableAccount(db, auth, accountId);
  const rows = await listAccountAssignees(db, account.id, nowIso());
  return { items: rows.map((u) => ({ id: u.id, fullName: fullName(u), email: u.email })) };
}

/** The account (usable by the caller) and one of its synced messages; 404 for either. */
async function findTarget(db: Db, auth: AuthContext, accountId: string, messageId: string) {
  const { account } = await findUsableAccount(db, auth, accountId);
  const row = await findInboxRow(db, account.id, messageId, { lock: true });
  if (!row) throw notFound(`The message in ${account.address}'s inbox`);
  return { account, row };
}

async function recordStep(
  db: Db,
  auth: AuthContext,
  accountId: string,
  messageId: string,
  action: InboxEventsTable['action'],
  at: string,
  assigneeId: string | null = null,
): Promise<void> {
  await insertInboxEvent(db, { id: newId(), account_id: accountId, message_id: messageId, action, actor_id: auth.userId, assignee_id: assigneeId, at });
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.userId,
    action: `inbox.${action}`,
    subjectType: 'message',
    subjectId: messageId,
    detail: assigneeId ? { accountId, assigneeId } : { accountId },
  });
}

async function reread(db: Db, auth: AuthContext, accountId: string, messageId: string): Promise<InboxMessage> {
  const row = await findInboxRow(db, accountId, messageId);
  if (!row) throw notFound('The message');
  return (await describe(db, auth.orgId, accountId, [row]))[0]!;
}

/**
 * Gives the message to a user of the account (or to nobody, `userId: null`). Assigning it to
 * whoever holds it already changes nothing (a retry records no second step).
 */
export async function assignMessage(trx: Db, auth: AuthContext, accountId: string, messageId: string, req: AssignRequest): Promise<InboxMessage> {
  const { account, row } = await findTarget(trx, auth, accountId, messageId);
  if (req.userId !== null) {
    const user = await findUserInOrg(trx, auth.orgId, req.userId);
    const access = user ? await findAccess(trx, account.id, user.id) : undefined;
    if (!user || !fromFlag(user.active) || !access || !isUnexpired(access)) {
      throw invalid('userId', `This person cannot use ${account.address}: give them access first, or choose someone who has it.`);
    }
  }
  if (row.assigned_to !== req.userId) {
    const at = nowIso();
    if (req.userId === null) {
      await setAssignment(trx, account.id, row.id, { to: null, by: null, at: null });
      await recordStep(trx, auth, account.id, row.id, 'unassigned', at);
    } else {
      await setAssignment(trx, account.id, row.id, { to: req.userId, by: auth.userId, at });
      await recordStep(trx, auth, account.id, row.id, 'assigned', at, req.userId);
    }
  }
  return reread(trx, auth, account.id, row.id);
}

/** Marks the message handled (`true`) or reopens it; already so, nothing changes. */
export async function setMessageHandled(trx: Db, auth: AuthContext, accountId: string, messageId: string, handled: boolean): Promise<InboxMessage> {
  const { account, row } = await findTarget(trx, auth, accountId, messageId);
  if ((row.handled_at !== null) !== handled) {
    const at = nowIso();
    await setHandled(trx, account.id, row.id, handled ? { by: auth.userId, at } : { by: null, at: null });
    await recordStep(trx, auth, account.id, row.id, handled ? 'handled' : 'reopened', at);
  }
  return reread(trx, auth, account.id, row.id);
}
