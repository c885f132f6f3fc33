import {
  presenceWindowMinutes,
  type PresenceEntry,
  type PresenceList,
  type PresenceQuery,
  type PutPresenceRequest,
} from '../../../contract/presence';
import { findUsableAccount } from '../accounts/accounts.access-rules';
import type { Db } from '../db/database';
import type { AuthContext } from '../http/request-context';
import { deletePresenceBefore, listRecentPresence, upsertPresence } from './presence.repository';

const minute = 60_000;
/** Rows older than this are deleted on the next write: far past the window anyone is shown. */
const keepMinutes = 60;

const fullName = (u: { first_name: string; last_name: string; email: string }): string =>
  `${u.first_name} ${u.last_name}`.trim() || u.email;

/**
 * Other users of the account active on the conversation within the window. The caller must be
 * able to use the account (404 otherwise, like every account-scoped route).
 */
export async function listPresence(db: Db, auth: AuthContext, q: PresenceQuery, now = new Date()): Promise<PresenceList> {
  await findUsableAccount(db, auth, q.accountId);
  const rows = await listRecentPresence(db, {
    orgId: auth.orgId,
    accountId: q.accountId,
    threadKey: q.threadKey,
    excludeUserId: auth.userId,
    since: new Date(now.getTime() - presenceWindowMinutes * minute).toISOString(),
    now: now.toISOString(),
  });
  const items: PresenceEntry[] = rows.map((r) => ({
    user: { id: r.user_id, fullName: fullName(r) },
    state: r.state === 'replying' ? 'replying' : 'viewing',
    updatedAt: r.updated_at,
  }));
  return { items };
}

/** Records that the caller is viewing or replying to the conversation; answers who else is. */
export async function putPresence(db: Db, auth: AuthContext, req: PutPresenceRequest, now = new Date()): Promise<PresenceList> {
  await findUsableAccount(db, auth, req.accountId);
  await upsertPresence(db, {
    orgId: auth.orgId,
    accountId: req.accountId,
    threadKey: req.threadKey,
    userId: auth.userId,
    state: req.state,
    at: now.toISOString(),
  });
  await deletePresenceBefore(db, auth.orgId, new Date(now.getTime() - keepMinutes * minute).toISOString());
  return listPresence(db, auth, req, now);
}
