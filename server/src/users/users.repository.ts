import { forgetUser } from '../auth/session-cache';
import type { Db } from '../db/database';
import type { NewUser, UserRow, UserUpdate } from '../db/tables/identity.table';

export async function insertUser(db: Db, row: NewUser): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Scoped by organisation: a foreign id reads as missing. */
export async function findUserInOrg(db: Db, orgId: string, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst();
}

/** Every user of the organisation, by name (organisations have tens to hundreds of people). */
export async function listUsersInOrg(db: Db, orgId: string): Promise<UserRow[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('email')
    .execute();
}

/** Any change may touch what the user's sessions grant (role, active, password): they are looked up afresh. */
export async function updateUserRow(db: Db, orgId: string, userId: string, patch: UserUpdate): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  forgetUser(userId);
  await db.updateTable('users').set(patch).where('org_id', '=', orgId).where('id', '=', userId).execute();
}

/** Active administrators of the organisation other than `exceptId` (the last-admin rule). */
export async function countOtherActiveAdmins(db: Db, orgId: string, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The accounts each user has unexpired access to, for the admin list ("can use"). */
export async function listAccountsOfUsers(db: Db, userIds: string[], now: string) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('account_access')
    .innerJoin('email_accounts', 'email_accounts.id', 'account_access.account_id')
    .select(['account_access.user_id', 'email_accounts.id', 'email_accounts.address'])
    .where('account_access.user_id', 'in', userIds)
    .where((eb) => eb.or([eb('account_access.expires_at', 'is', null), eb('account_access.expires_at', '>', now)]))
    .orderBy('email_accounts.address')
    .execute();
}

/** Ends every session of the user but `keepSessionId` (deactivation, a new password). */
export async function deleteSessionsOfUser(db: Db, userId: string, keepSessionId?: string): Promise<void> {
  forgetUser(userId);
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}
