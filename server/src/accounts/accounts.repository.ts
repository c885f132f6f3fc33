import { compiledOnce } from '../db/compiled-once';
import type { Db } from '../db/database';
import type { EmailAccountRow, EmailAccountUpdate, NewEmailAccount } from '../db/tables/accounts.table';
import { isPostgres } from '../db/dialect';
import { toCount } from '../db/values';

export async function insertAccount(db: Db, row: NewEmailAccount): Promise<void> {
  await db.insertInto('email_accounts').values(row).execute();
}

/** Scoped by organisation: another organisation's id reads as missing. */
const accountInOrg = compiledOnce((db: Db, orgId: string, id: string) =>
  db.selectFrom('email_accounts').selectAll().where('org_id', '=', orgId).where('id', '=', id));

export async function findAccountInOrg(db: Db, orgId: string, id: string): Promise<EmailAccountRow | undefined> {
  return (await accountInOrg(db, orgId, id))[0];
}

export async function listAccountsInOrg(db: Db, orgId: string): Promise<EmailAccountRow[]> {
  return db.selectFrom('email_accounts').selectAll().where('org_id', '=', orgId).orderBy('address').execute();
}

/** Active accounts the user has unexpired access to (what a member may see and use). */
export async function listUsableAccounts(db: Db, orgId: string, userId: string, now: string): Promise<EmailAccountRow[]> {
  return db
    .selectFrom('email_accounts')
    .innerJoin('account_access', 'account_access.account_id', 'email_accounts.id')
    .selectAll('email_accounts')
    .where('email_accounts.org_id', '=', orgId)
    .where('email_accounts.active', '=', 1)
    .where('account_access.user_id', '=', userId)
    .where((eb) => eb.or([eb('account_access.expires_at', 'is', null), eb('account_access.expires_at', '>', now)]))
    .orderBy('email_accounts.address')
    .execute();
}

export async function findAccountByAddress(db: Db, orgId: string, address: string): Promise<EmailAccountRow | undefined> {
  return db
    .selectFrom('email_accounts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('address', '=', address)
    .executeTakeFirst();
}

export async function updateAccountRow(db: Db, id: string, patch: EmailAccountUpdate): Promise<void> {
  await db.updateTable('email_accounts').set(patch).where('id', '=', id).execute();
}

export async function deleteAccountRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('email_accounts').where('id', '=', id).execute();
}

/**
 * Users with unexpired access, per account: active users only (what the account's user count
 * shows), or also deactivated ones, whose grants are kept and still attach them (the delete rule).
 */
export async function countUsersByAccount(
  db: Db,
  accountIds: string[],
  now: string,
  opts: { includeDeactivated?: boolean } = {},
): Promise<Map<string, number>> {
  if (accountIds.length === 0) return new Map();
  let q = db
    .selectFrom('account_access')
    .innerJoin('users', 'users.id', 'account_access.user_id')
    .select((eb) => ['account_access.account_id', eb.fn.countAll<string | number>().as('n')])
    .where('account_access.account_id', 'in', accountIds)
    .where((eb) => eb.or([eb('account_access.expires_at', 'is', null), eb('account_access.expires_at', '>', now)]));
  if (!opts.includeDeactivated) q = q.where('users.active', '=', 1);
  const rows = await q.groupBy('account_access.account_id').execute();
  return new Map(rows.map((r) => [r.account_id, toCount(r.n)]));
}

/**
 * Distinct messages of each account that were processed: filed at least once (by hand or by
 * sync), or marked handled in the account's shared inbox. Mail the sync merely read is not
 * processed, so it never blocks deleting the account.
 */
export async function countProcessedByAccount(db: Db, accountIds: string[]): Promise<Map<string, number>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('message_accounts')
    .select((eb) => ['message_accounts.account_id', eb.fn.count<string | number>('message_accounts.message_id').distinct().as('n')])
    .where('message_accounts.account_id', 'in', accountIds)
    .where(({ eb, exists, or, selectFrom }) =>
      or([
        eb('message_accounts.handled_at', 'is not', null),
        exists(selectFrom('filings').select('filings.id').whereRef('filings.message_id', '=', 'message_accounts.message_id')),
      ]),
    )
    .groupBy('message_accounts.account_id')
    .execute();
  return new Map(rows.map((r) => [r.account_id, toCount(r.n)]));
}

/** Whether any mail of the account was processed (see `countProcessedByAccount`): it then cannot be deleted. */
export async function accountHasProcessedMail(db: Db, accountId: string): Promise<boolean> {
  return ((await countProcessedByAccount(db, [accountId])).get(accountId) ?? 0) > 0;
}

export interface SealedPasswords {
  id: string;
  in_password_enc: string;
  out_password_enc: string | null;
}

/**
 * Every account's sealed passwords, of every organisation (the key is the server's, not an
 * organisation's). On PostgreSQL the rows stay locked until the transaction ends, so an account
 * edited meanwhile waits rather than keeps a value sealed under the old key.
 */
export async function listSealedPasswordsForUpdate(db: Db): Promise<SealedPasswords[]> {
  const query = db.selectFrom('email_accounts').select(['id', 'in_password_enc', 'out_password_enc']).orderBy('id');
  return isPostgres(db) ? query.forUpdate().execute() : query.execute();
}

export async function setSealedPasswords(db: Db, row: SealedPasswords): Promise<void> {
  await db
    .updateTable('email_accounts')
    .set({ in_password_enc: row.in_password_enc, out_password_enc: row.out_password_enc })
    .where('id', '=', row.id)
    .execute();
}

/** One sealed password, any account's (to tell which key the stored values are under); null if none. */
export async function anySealedPassword(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('email_accounts')
    .select(['in_password_enc', 'out_password_enc'])
    .where((eb) => eb.or([eb('in_password_enc', '!=', ''), eb('out_password_enc', 'is not', null)]))
    .executeTakeFirst();
  return row ? row.in_password_enc || row.out_password_enc : null;
}
