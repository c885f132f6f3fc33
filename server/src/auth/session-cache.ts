/**
 * Sessions recently resolved, by token hash, so a busy client does not cost a session query per
 * request. Only where this process is the whole truth: on SQLite (one file, one server process);
 * on PostgreSQL several API processes share the sessions, and a sign-out in one must hold in the
 * others at once, so there is nothing cached there.
 *
 * Everything that ends a session or changes what it grants (sign-out, deactivation, role, a new
 * or temporary password) goes through the repositories that call `forgetUser` / `forgetSession`.
 * Because those run inside transactions, a lookup that started before such a change may still
 * read the old rows: nothing is cached for a user for `quietMs` after a change, and a lookup
 * stores its answer only if no change came while it ran. Entries also end with their session and
 * after `ttlMs`, which bounds what a change made behind the app's back (by hand, in SQL) can cost.
 */
import type { AuthContext } from '../http/request-context';

const ttlMs = 5_000;
const quietMs = 10_000;
const maxEntries = 10_000;

interface Entry {
  auth: AuthContext;
  until: number;
}

export interface SessionCache {
  get(tokenHash: string): AuthContext | undefined;
  /** A token for `store`: it refuses answers read across a change. */
  begin(): number;
  store(tokenHash: string, auth: AuthContext, expiresAt: string, begun: number): void;
}

const entries = new Map<string, Entry>();
/** When each user last changed (ms), while it matters. */
const changedAt = new Map<string, number>();
let changes = 0;

/** A user's sessions or rights changed: forget what was cached for them. */
export function forgetUser(userId: string): void {
  changes++;
  changedAt.set(userId, Date.now());
  for (const [hash, e] of entries) if (e.auth.userId === userId) entries.delete(hash);
}

/** One session ended. */
export function forgetSession(sessionId: string): void {
  changes++;
  for (const [hash, e] of entries) if (e.auth.sessionId === sessionId) entries.delete(hash);
}

export const sessionCache: SessionCache = {
  get(tokenHash) {
    const e = entries.get(tokenHash);
    if (!e) return undefined;
    if (e.until <= Date.now()) {
      entries.delete(tokenHash);
      return undefined;
    }
    return e.auth;
  },
  begin: () => changes,
  store(tokenHash, auth, expiresAt, begun) {
    const now = Date.now();
    if (begun !== changes) return;
    const changed = changedAt.get(auth.userId);
    if (changed !== undefined) {
      if (now - changed < quietMs) return;
      changedAt.delete(auth.userId);
    }
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(tokenHash, { auth, until: Math.min(now + ttlMs, Date.parse(expiresAt)) });
  },
};
