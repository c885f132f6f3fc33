/** The shared account filings are made from. */
import type { useAccountsStore } from '../accounts';

/**
 * The active account whose address the webmail shows (`userAddress`), else the user's default,
 * else the first active one; null when the user has none. Loads the accounts the first time.
 */
export async function filingAccountId(
  accounts: ReturnType<typeof useAccountsStore>,
  userAddress: string | undefined,
): Promise<string | null> {
  if (!accounts.loaded) await accounts.load();
  const items = accounts.items.filter((a) => a.active);
  const mine = userAddress?.toLowerCase();
  const match = items.find((a) => a.address.toLowerCase() === mine) ?? accounts.defaultAccount ?? items[0];
  return match?.id ?? null;
}
