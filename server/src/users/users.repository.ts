import type { Db } from '../db/database';
import type { NewUser, UserRow } from '../db/tables/identity.table';

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

