import type { AccountSync, EmailAccount, MyAccess } from '../../../contract/accounts';
import { connectionFailureSchema, type ConnectionFailure } from '../../../contract/connection-failure';
import type { AccountAccessRow, EmailAccountRow } from '../db/tables/accounts.table';
import type { SyncStateRow } from '../db/tables/sync.table';
import { fromFlag } from '../db/values';

export interface AccountFacts {
  userCount: number;
  processedCount: number;
  /** The caller's own access row, if any (expired rows are passed as undefined). */
  access: AccountAccessRow | undefined;
  /** Server settings are shown to administrators only. */
  showSettings: boolean;
  sync: { state: SyncStateRow | undefined; messages: number };
}

function knownFailure(code: string | null | undefined): ConnectionFailure | null {
  const parsed = connectionFailureSchema.safeParse(code);
  return parsed.success ? parsed.data : null;
}

function toAccountSync(row: EmailAccountRow, facts: AccountFacts['sync'], showSettings: boolean): AccountSync {
  const s = facts.state;
  // A deactivated account is not synced, whatever its last state row says.
  const state = row.active !== 1 ? 'off' : (s?.state ?? 'idle');
  return {
    state,
    lastSyncAt: s?.last_sync_at ?? row.last_sync_at,
    messages: facts.messages,
    progress: state === 'syncing' && s?.progress_total != null ? { done: s.progress_done, total: s.progress_total } : null,
    // The error names the server (host, port): settings that only administrators see.
    lastError: showSettings ? (s?.last_error ?? null) : s?.last_error ? 'The mail of this account cannot be synced at the moment.' : null,
    lastErrorCode: showSettings ? knownFailure(s?.last_error_code) : null,
    lastErrorAt: s?.last_error_at ?? null,
  };
}

export function toMyAccess(access: AccountAccessRow): MyAccess {
  return {
    isDefault: fromFlag(access.is_default),
    defaultSignatureId: access.default_signature_id,
    expiresAt: access.expires_at,
  };
}

/** Public view of an account. Passwords never leave: only `hasPassword`. */
export function toEmailAccount(row: EmailAccountRow, facts: AccountFacts): EmailAccount {
  const sync = toAccountSync(row, facts.sync, facts.showSettings);
  const outgoing =
    row.out_host !== null && row.out_port !== null && row.out_security !== null && row.out_username !== null
      ? {
          host: row.out_host,
          port: row.out_port,
          security: row.out_security,
          username: row.out_username,
          hasPassword: row.out_password_enc !== null,
        }
      : null;
  return {
    id: row.id,
    address: row.address,
    displayName: row.display_name,
    active: fromFlag(row.active),
    incoming: facts.showSettings
      ? {
          protocol: row.in_protocol,
          host: row.in_host,
          port: row.in_port,
          security: row.in_security,
          username: row.in_username,
          hasPassword: row.in_password_enc !== '',
        }
      : null,
    outgoing: facts.showSettings ? outgoing : null,
    userCount: facts.userCount,
    processedCount: facts.processedCount,
    lastSyncAt: sync.lastSyncAt,
    lastSyncError: sync.lastError ?? row.last_sync_error,
    sync,
    createdAt: row.created_at,
    myAccess: facts.access ? toMyAccess(facts.access) : null,
  };
}
