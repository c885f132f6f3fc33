import { compiledOnce } from '../db/compiled-once';
import type { Db } from '../db/database';
import { forgetSession } from './session-cache';

export async function insertSession(
  db: Db,
  row: { id: string; user_id: string; token_hash: string; expires_at: string; created_at: string },
): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

const liveSession = compiledOnce((db: Db, tokenHash: string, now: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'users.id as userId',
      'users.org_id as orgId',
      'users.role as role',
      'users.must_change_password as mustChangePassword',
      'sessions.expires_at as expiresAt',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', 1));

/**
 * The session and its user's scope, if the token hash is known, not expired at `now`, and its user
 * still active (deactivation also deletes the sessions; this makes it hold between the two).
 */
export async function findLiveSession(db: Db, tokenHash: string, now: string) {
  return (await liveSession(db, tokenHash, now))[0];
}

/** Ends a session (and forgets it in this process's session cache). */
export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  forgetSession(sessionId);
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  // Again: a lookup may have read the row between the first and the delete.
  forgetSession(sessionId);
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}
