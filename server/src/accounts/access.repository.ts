import { compiledOnce } from '../db/compiled-once';
import type { Db } from '../db/database';
import type { AccountAccessRow, EmailAccountRow, NewAccountAccess } from '../db/tables/accounts.table';

export async function findAccess(db: Db, accountId: string, userId: string): Promise<AccountAccessRow | undefined> {
  return db
    .selectFrom('account_access')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

const accountWithAccess = compiledOnce((db: Db, orgId: string, accountId: string, userId: string) =>
  db
    .selectFrom('email_accounts')
    .innerJoin('account_access', 'account_access.account_id', 'email_accounts.id')
    .selectAll('email_accounts')
    .select([
      'account_access.user_id as access_user_id',
      'account_access.is_default as access_is_default',
      'account_access.default_signature_id as access_default_signature_id',
      'account_access.expires_at as access_expires_at',
      'account_access.granted_at as access_granted_at',
    ])
    .where('email_accounts.org_id', '=', orgId)
    .where('email_accounts.id', '=', accountId)
    .where('account_access.user_id', '=', userId));

/** An account of the organisation and the user's access to it, in one query; undefined if either is missing. */
export async function findAccountWithAccess(
  db: Db,
  orgId: string,
  accountId: string,
  userId: string,
): Promise<{ account: EmailAccountRow; access: AccountAccessRow } | undefined> {
  const [row] = await accountWithAccess(db, orgId, accountId, userId);
  if (!row) return undefined;
  const { access_user_id, access_is_default, access_default_signature_id, access_expires_at, access_granted_at, ...account } = row;
  return {
    account,
    access: {
      account_id: account.id,
      user_id: access_user_id,
      is_default: access_is_default,
      default_signature_id: access_default_signature_id,
      expires_at: access_expires_at,
      granted_at: access_granted_at,
    },
  };
}

/** The caller's access rows for several accounts at once. */
export async function findAccessOfUser(db: Db, userId: string, accountIds: string[]): Promise<Map<string, AccountAccessRow>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('account_access')
    .selectAll()
    .where('user_id', '=', userId)
    .where('account_id', 'in', accountIds)
    .execute();
  return new Map(rows.map((r) => [r.account_id, r]));
}

export async function listAccessWithUsers(db: Db, accountId: string) {
  return db
    .selectFrom('account_access')
    .innerJoin('users', 'users.id', 'account_access.user_id')
    .selectAll('account_access')
    .select(['users.email', 'users.first_name', 'users.last_name'])
    .where('account_access.account_id', '=', accountId)
    .orderBy('users.last_name')
    .orderBy('users.first_name')
    .orderBy('users.email')
    .execute();
}

export async function insertAccess(db: Db, row: NewAccountAccess): Promise<void> {
  await db.insertInto('account_access').values(row).execute();
}

export async function updateAccess(
  db: Db,
  accountId: string,
  userId: string,
  patch: Partial<Pick<AccountAccessRow, 'is_default' | 'default_signature_id' | 'expires_at'>>,
): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('account_access').set(patch).where('account_id', '=', accountId).where('user_id', '=', userId).execute();
}

export async function deleteAccess(db: Db, accountId: string, userId: string): Promise<number> {
  const res = await db
    .deleteFrom('account_access')
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Clears the user's default flag everywhere (run before setting a new default, same transaction). */
export async function clearDefaultsOfUser(db: Db, userId: string): Promise<void> {
  await db.updateTable('account_access').set({ is_default: 0 }).where('user_id', '=', userId).where('is_default', '=', 1).execute();
}

export async function signatureBelongsToAccount(db: Db, signatureId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('signatures')
    .select('id')
    .where('id', '=', signatureId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}
