/** The shared account filings are made from. */
import { accountForAddress } from '../account-choice';
import type { useAccountsStore } from '../accounts';

/**
 * The account whose address the webmail shows (`userAddress`), else the user's default, else the
 * first usable one; null when the user has none. Loads the accounts the first time.
 */
export async function filingAccountId(
  accounts: ReturnType<typeof useAccountsStore>,
  userAddress: string | undefined,
): Promise<string | null> {
  if (!accounts.loaded) await accounts.load();
  return accountForAddress(accounts.usable, userAddress)?.id ?? null;
}
