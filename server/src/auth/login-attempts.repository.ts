import { sql } from 'kysely';
import type { Db } from '../db/database';

/**
 * Counts one attempt for `clientKey` in one atomic statement (INSERT ... ON CONFLICT DO UPDATE,
 * same SQL on SQLite and PostgreSQL), so concurrent API processes never lose a count: a row whose
 * window started at or before `expiredBefore` starts a new window at `now` with 1 attempt;
 * otherwise its count goes up by one. Returns the window as it stands after this attempt.
 */
export async function countLoginAttempt(
  db: Db,
  clientKey: string,
  now: string,
  expiredBefore: string,
): Promise<{ windowStart: string; attempts: number }> {
  // In DO UPDATE, the table's columns are the row before the update (both databases), so both
  // CASEs test the same old window_start.
  const expired = sql<boolean>`${sql.ref('login_attempts.window_start')} <= ${expiredBefore}`;
  const row = await db
    .insertInto('login_attempts')
    .values({ client_key: clientKey, window_start: now, attempts: 1 })
    .onConflict((oc) =>
      oc.column('client_key').doUpdateSet({
        window_start: sql<string>`case when ${expired} then ${now} else ${sql.ref('login_attempts.window_start')} end`,
        attempts: sql<number>`case when ${expired} then 1 else ${sql.ref('login_attempts.attempts')} + 1 end`,
      }),
    )
    .returning(['window_start', 'attempts'])
    .executeTakeFirstOrThrow();
  return { windowStart: row.window_start, attempts: Number(row.attempts) };
}

/** Deletes windows that started at or before `expiredBefore`; returns how many. */
export async function deleteExpiredLoginAttempts(db: Db, expiredBefore: string): Promise<number> {
  const res = await db.deleteFrom('login_attempts').where('window_start', '<=', expiredBefore).executeTakeFirst();
  return Number(res.numDeletedRows);
}
