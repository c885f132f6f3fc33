/**
 * Which of the user's accounts a compose uses, and the Gmail "From" that goes with it. Addresses
 * are compared trimmed and lower-cased (Gmail shows them as typed by whoever set up the alias).
 */
import type { EmailAccount } from '@/contract';
import type { ComposeHandle } from '@/webmail/types';
import type { ComposeIntent } from './state';

type Accounts = readonly EmailAccount[] | null;

/** An address as compared (and as kept in `ComposeState.from`). */
export const lower = (s: string | undefined) => s?.trim().toLowerCase();

export const accountById = (accounts: Accounts, id: string | null) => accounts?.find((a) => a.id === id);

export const accountByAddress = (accounts: Accounts, address: string | undefined) =>
  address ? accounts?.find((a) => lower(a.address) === lower(address)) : undefined;

/** The user's default account, else the first usable one. */
export const defaultAccountOf = (accounts: Accounts) => accounts?.find((a) => a.myAccess?.isDefault) ?? accounts?.[0];

/**
 * The account to preselect for a compose that has just been found: an explicit one ("Write to")
 * first; a reply/forward follows Gmail's "From", a new compose the default account.
 */
export function initialAccount(accounts: Accounts, handle: ComposeHandle, intent: ComposeIntent | null): EmailAccount | undefined {
  const explicit = intent?.accountId ? accountById(accounts, intent.accountId) : undefined;
  if (explicit) return explicit;
  const fromMatch = accountByAddress(accounts, handle.getFrom());
  if (handle.kind !== 'new') return fromMatch ?? defaultAccountOf(accounts);
  return defaultAccountOf(accounts) ?? fromMatch;
}

/**
 * The account of a compose kept as it is (it holds our marker, or is a saved draft): its "From"
 * was chosen before, so it is followed even for a new compose.
 */
export function keptAccount(accounts: Accounts, handle: ComposeHandle, intent: ComposeIntent | null): EmailAccount | undefined {
  return accountById(accounts, intent?.accountId ?? null) ?? accountByAddress(accounts, handle.getFrom()) ?? defaultAccountOf(accounts);
}

/** Select the account's Gmail "From" alias when Gmail offers it and shows another one. */
export async function syncFrom(handle: ComposeHandle, account: EmailAccount): Promise<void> {
  const address = lower(account.address);
  if (!address || lower(handle.getFrom()) === address) return;
  if (!handle.listFromChoices().map(lower).includes(address)) return;
  await handle.setFrom(address);
}
