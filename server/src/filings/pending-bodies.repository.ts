import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';

/**
 * Up to `limit` messages whose HTML body still waits to be sanitized, oldest ids first.
 *
 * On PostgreSQL the rows are also claimed for the rest of the transaction `trx`: locked (`FOR NO
 * KEY UPDATE`, which filings linking accounts and records to the message do not wait for) and
 * skipped by every other process's claim (`SKIP LOCKED`). Several API processes and sync workers
 * run this job against one database; without the claim they all took the same oldest rows and
 * sanitized every body once each.
 */
export async function claimPendingBodies(trx: Db, limit: number): Promise<{ id: string; html: string }[]> {
  let q = trx.selectFrom('messages').select(['id', 'body_html_pending']).where('body_html_pending', 'is not', null).orderBy('id').limit(limit);
  if (isPostgres(trx)) q = q.forNoKeyUpdate().skipLocked();
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, html: r.body_html_pending ?? '' }));
}

/** Stores the sanitized body (or none: too dense to keep) and clears the pending copy. */
export async function storeSanitizedBody(db: Db, id: string, html: string | null): Promise<void> {
  await db.updateTable('messages').set({ body_html: html, body_html_pending: null }).where('id', '=', id).execute();
}
