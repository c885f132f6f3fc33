import type { Db } from '../db/database';

/** Up to `limit` messages whose HTML body still waits to be sanitized, oldest ids first. */
export async function listPendingBodies(db: Db, limit: number): Promise<{ id: string; html: string }[]> {
  const rows = await db
    .selectFrom('messages')
    .select(['id', 'body_html_pending'])
    .where('body_html_pending', 'is not', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, html: r.body_html_pending ?? '' }));
}

/** Stores the sanitized body (or none: too dense to keep) and clears the pending copy. */
export async function storeSanitizedBody(db: Db, id: string, html: string | null): Promise<void> {
  await db.updateTable('messages').set({ body_html: html, body_html_pending: null }).where('id', '=', id).execute();
}
