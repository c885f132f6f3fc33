import { sql } from 'kysely';
import type { Db } from '../db/database';
import { likeContains } from '../db/like';
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

/** Case-insensitive search on first name, last name, full name and email. */
export async function searchUsers(
  db: Db,
  orgId: string,
  q: string,
  limit: number,
): Promise<{ rows: UserRow[]; total: number }> {
  let query = db.selectFrom('users').where('org_id', '=', orgId);
  const needle = q.trim();
  if (needle) {
    query = query.where((eb) =>
      eb.or([
        likeContains(eb.ref('email'), needle),
        likeContains(eb.ref('first_name'), needle),
        likeContains(eb.ref('last_name'), needle),
        likeContains(sql`${eb.ref('first_name')} || ' ' || ${eb.ref('last_name')}`, needle),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('last_name').orderBy('first_name').orderBy('email').limit(limit).execute(),
    query.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
