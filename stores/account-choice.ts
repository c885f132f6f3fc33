/**
 * Which of the user's accounts is used: the one rule for a compose (and the webmail "From" that
 * goes with it) and for filing. Addresses are compared trimmed and lower-cased (Gmail shows them
 * as typed by whoever set up the alias).
 */
import type { EmailAccount } from '@/contract';
import type { ComposeHandle } from '@/webmail/types';
import type { ComposeIntent } from './compose/state';

type Accounts = readonly EmailAccount[] | null;

/** An address as compared (and as kept in `ComposeState.from`). */
export const lower = (s: string | undefined) => s?.trim().toLowerCase();

export const accountById = (accounts: Accounts, id: string | null) => accounts?.find((a) => a.id === id);

export const accountByAddress = (accounts: Accounts, address: string | undefined) =>
  address ? accounts?.find((a) => lower(a.address) === lower(address)) : undefined;

/** The accounts one can write and file from: active, with access (the API hides the others anyway). */
export const usableAccounts = (accounts: readonly EmailAccount[]) => accounts.filter((a) => a.active && a.myAccess !== null);

/** The account the user marked as their default, if any. */
export const markedDefaultOf = (accounts: Accounts) => accounts?.find((a) => a.myAccess?.isDefault);

/** The user's default account, else the first usable one. */
export const defaultAccountOf = (accounts: Accounts) => markedDefaultOf(accounts) ?? accounts?.[0];

/**
 * The account whose address the webmail shows (the mailbox the user reads, or a reply's "From"),
 * else the user's default, else the first.
 */
export const accountForAddress = (accounts: Accounts, address: string | undefined) =>
  accountByAddress(accounts, address) ?? defaultAccountOf(accounts);

/**
 * The account to preselect for a compose that has just been found: an explicit one ("Write to")
 * first; a reply/forward follows Gmail's "From", a new compose the default account.
 */
export function initialAccount(accounts: Accounts, handle: ComposeHandle, intent: ComposeIntent | null): EmailAccount | undefined {
  const explicit = intent?.accountId ? accountById(accounts, intent.accountId) : undefined;
  if (explicit) return explicit;
  if (handle.kind !== 'new') return accountForAddress(accounts, handle.getFrom());
  return defaultAccountOf(accounts);
}

/**
 * The account of a compose kept as it is (it holds our marker, or is a saved draft): its "From"
 * was chosen before, so it is followed even for a new compose.
 */
export function keptAccount(accounts: Accounts, handle: ComposeHandle, intent: ComposeIntent | null): EmailAccount | undefined {
  return accountById(accounts, intent?.accountId ?? null) ?? accountByAddress(accounts, handle.getFrom()) ?? defaultAccountOf(accounts);
}

/**
 * Select the account's webmail "From" (a Gmail alias, an Outlook send-as address) when the webmail
 * offers it and shows another one. A webmail that lists its choices only while its own menu is
 * open (Outlook, before the page has shown that menu) lists none: `setFrom` then looks, and
 * resolves false when the address is not offered.
 */
export async function syncFrom(handle: ComposeHandle, account: EmailAccount): Promise<void> {
  const address = lower(account.address);
  if (!address || lower(handle.getFrom()) === address) return;
  const choices = handle.listFromChoices().map(lower);
  if (choices.length > 0 && !choices.includes(address)) return;
  await handle.setFrom(address);
}
