import type { Db } from '../db/database';

export interface PresenceUpsert {
  orgId: string;
  accountId: string;
  threadKey: string;
  userId: string;
  state: 'viewing' | 'replying';
  at: string;
}

/** One row per user and conversation: the latest state wins (the primary key makes it an upsert). */
export async function upsertPresence(db: Db, p: PresenceUpsert): Promise<void> {
  await db
    .insertInto('presence')
    .values({
      org_id: p.orgId,
      account_id: p.accountId,
      thread_key: p.threadKey,
      user_id: p.userId,
      state: p.state,
      updated_at: p.at,
    })
    .onConflict((oc) =>
      oc.columns(['org_id', 'account_id', 'thread_key', 'user_id']).doUpdateSet({ state: p.state, updated_at: p.at }),
    )
    .execute();
}

/**
 * Other users seen on the conversation since `since`, newest first. Joined with account_access so
 * a user whose access was removed (or has ended) stops showing at once.
 */
export async function listRecentPresence(
  db: Db,
  q: { orgId: string; accountId: string; threadKey: string; excludeUserId: string; since: string; now: string },
) {
  return db
    .selectFrom('presence')
    .innerJoin('users', 'users.id', 'presence.user_id')
    .innerJoin('account_access', (j) =>
      j.onRef('account_access.account_id', '=', 'presence.account_id').onRef('account_access.user_id', '=', 'presence.user_id'),
    )
    .select(['presence.user_id', 'presence.state', 'presence.updated_at', 'users.first_name', 'users.last_name', 'users.email'])
    .where('presence.org_id', '=', q.orgId)
    .where('presence.account_id', '=', q.accountId)
    .where('presence.thread_key', '=', q.threadKey)
    .where('presence.user_id', '!=', q.excludeUserId)
    .where('presence.updated_at', '>=', q.since)
    .where((eb) => eb.or([eb('account_access.expires_at', 'is', null), eb('account_access.expires_at', '>', q.now)]))
    .orderBy('presence.updated_at', 'desc')
    .orderBy('presence.user_id')
    .execute();
}

/** Drops rows nobody will be shown again; keeps the table as small as the number of open tabs. */
export async function deletePresenceBefore(db: Db, orgId: string, before: string): Promise<void> {
  await db.deleteFrom('presence').where('org_id', '=', orgId).where('updated_at', '<', before).execute();
}
