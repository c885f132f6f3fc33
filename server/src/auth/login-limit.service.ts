import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { countLoginAttempt, deleteExpiredLoginAttempts } from './login-attempts.repository';

export interface LoginRateLimit {
  /** Attempts allowed per client key within one window. */
  max: number;
  windowMs: number;
}

/** Refusal of a login attempt over the limit; the route turns `retryAfterSeconds` into Retry-After. */
export class LoginRateLimitedError extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', `Too many sign-in attempts. Wait ${retryAfterSeconds} seconds and try again.`);
  }
}

/**
 * Keyed by client IP and normalised email: guessing one person's password from one address is
 * capped without locking everyone behind a shared office IP out. Hashed so the table does not list
 * who tried to sign in from where.
 */
export const loginClientKey = (ip: string, email: string): string =>
  createHash('sha256').update(`${ip}|${email}`).digest('hex');

/**
 * Counts this attempt (successful or not, like before) and throws `LoginRateLimitedError` once the
 * key has made more than `limit.max` attempts in its window. A window starts at a key's first
 * attempt and lasts `limit.windowMs`. The counters are in the database so every API process
 * behind a load balancer shares them; times come from this process's clock (ISO text, like every
 * other timestamp), so processes are assumed to agree on the time to within a second or so.
 */
export async function checkLoginRate(db: Db, clientKey: string, limit: LoginRateLimit, nowMs = Date.now()): Promise<void> {
  const expiredBefore = new Date(nowMs - limit.windowMs).toISOString();
  const { windowStart, attempts } = await countLoginAttempt(db, clientKey, new Date(nowMs).toISOString(), expiredBefore);
  // Opportunistic clean-up, only when a window opens: a flood on one key (every attempt lands in
  // the same open window) adds no deletes, and no scheduler is needed.
  if (attempts === 1) await deleteExpiredLoginAttempts(db, expiredBefore);
  if (attempts <= limit.max) return;
  const remainingMs = Date.parse(windowStart) + limit.windowMs - nowMs;
  throw new LoginRateLimitedError(Math.max(1, Math.ceil(remainingMs / 1000)));
}
