import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';
import { fromFlag, newId, nowIso } from '../db/values';
import type { AuthContext } from '../http/request-context';
import { deleteExpiredSessions, deleteSession, findLiveSession, insertSession } from './sessions.repository';
import { sessionCache } from './session-cache';
import { hashToken, newToken } from './tokens';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Opens a session for a user; returns the bearer token (shown once) and its expiry. */
export async function openSession(db: Db, userId: string, ttlDays: number): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const now = Date.now();
  const expiresAt = new Date(now + ttlDays * DAY_MS).toISOString();
  await insertSession(db, {
    id: newId(),
    user_id: userId,
    token_hash: hashToken(token),
    expires_at: expiresAt,
    created_at: new Date(now).toISOString(),
  });
  // Opportunistic clean-up keeps the table small without a scheduler.
  await deleteExpiredSessions(db, new Date(now).toISOString());
  return { token, expiresAt };
}

/** The session a bearer token opens, if it is live; recently resolved ones from memory on SQLite (session-cache.ts). */
export async function findSessionByToken(db: Db, token: string): Promise<AuthContext | null> {
  const tokenHash = hashToken(token);
  const cacheable = !isPostgres(db);
  const cached = cacheable ? sessionCache.get(tokenHash) : undefined;
  if (cached) return cached;
  const begun = sessionCache.begin();
  const row = await findLiveSession(db, tokenHash, nowIso());
  if (!row) return null;
  const auth: AuthContext = { sessionId: row.sessionId, userId: row.userId, orgId: row.orgId, role: row.role };
  if (fromFlag(row.mustChangePassword)) auth.mustChangePassword = true;
  if (cacheable) sessionCache.store(tokenHash, auth, row.expiresAt, begun);
  return auth;
}

export async function closeSession(db: Db, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}
