import type { Db } from '../db/database';
import { ApiError, notFound } from '../http/api-error';
import { countActiveAccounts, lockOrganisation } from '../orgs/orgs.repository';

/**
 * Throws 409 quota_exceeded if one more active account would exceed the plan. Call inside the
 * transaction that then activates the account: the organisation row is locked (PostgreSQL) or the
 * transaction is serialised (SQLite), so parallel requests cannot both pass the check.
 */
export async function assertQuotaAllowsOneMore(trx: Db, orgId: string): Promise<void> {
  const org = await lockOrganisation(trx, orgId);
  if (!org) throw notFound('The organisation');
  const inUse = await countActiveAccounts(trx, orgId);
  if (inUse >= org.quota) {
    const plan = `Your plan allows ${org.quota} active email account${org.quota === 1 ? '' : 's'}`;
    throw new ApiError(
      409,
      'quota_exceeded',
      `${plan} and ${inUse} ${inUse === 1 ? 'is' : 'are'} in use. Deactivate an account, or contact sales to raise the limit.`,
    );
  }
}
