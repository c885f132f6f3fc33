import type { Db } from '../db/database';
import type { AccountAccessRow, EmailAccountRow } from '../db/tables/accounts.table';
import { nowIso } from '../db/values';
import { notFound } from '../http/api-error';
import type { AuthContext } from '../http/request-context';
import { findAccountWithAccess } from './access.repository';
import { findAccountInOrg } from './accounts.repository';

const ACCOUNT = 'The email account';

/** Access that has not ended (no end date, or an end date still ahead). */
export const isUnexpired = (access: Pick<AccountAccessRow, 'expires_at'>, now = nowIso()): boolean =>
  access.expires_at === null || access.expires_at > now;

/** An account of the caller's organisation, for administrators; 404 otherwise. */
export async function findAccountForAdmin(db: Db, orgId: string, accountId: string): Promise<EmailAccountRow> {
  const account = await findAccountInOrg(db, orgId, accountId);
  if (!account) throw notFound(ACCOUNT);
  return account;
}

/**
 * An account the caller may *use* (compose, file, pick signatures): active, and the caller has
 * unexpired access. Anything else, including another organisation's id, is 404 so ids leak nothing.
 */
export async function findUsableAccount(
  db: Db,
  auth: AuthContext,
  accountId: string,
): Promise<{ account: EmailAccountRow; access: AccountAccessRow }> {
  const found = await findAccountWithAccess(db, auth.orgId, accountId, auth.userId);
  if (!found || found.account.active !== 1 || !isUnexpired(found.access)) throw notFound(ACCOUNT);
  return found;
}

/** Administrators see every account of their organisation; members only the ones they can use. */
export async function findVisibleAccount(db: Db, auth: AuthContext, accountId: string): Promise<EmailAccountRow> {
  if (auth.role === 'admin') return findAccountForAdmin(db, auth.orgId, accountId);
  return (await findUsableAccount(db, auth, accountId)).account;
}
