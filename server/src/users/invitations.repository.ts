import type { Db } from '../db/database';
import type { InvitationRow, NewInvitation } from '../db/tables/identity.table';

export async function insertInvitation(db: Db, row: NewInvitation): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

/** The invitation with this token hash, whatever its state (the service tells why it fails). */
export async function findInvitationByHash(db: Db, tokenHash: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Ends the user's open invitations (a new one replaces them). */
export async function endOpenInvitations(db: Db, userId: string, at: string, reason: 'accepted' | 'replaced'): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ ended_at: at, end_reason: reason })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .execute();
}

/**
 * Marks one invitation used, only if it still is open: of two redemptions racing, exactly one
 * gets `true`.
 */
export async function claimInvitation(db: Db, id: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('invitations')
    .set({ ended_at: at, end_reason: 'accepted' })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
