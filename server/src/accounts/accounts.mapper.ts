import type { EmailAccount, MyAccess } from '../../../contract/accounts';
import type { AccountAccessRow, EmailAccountRow } from '../db/tables/accounts.table';
import { fromFlag } from '../db/values';

export interface AccountFacts {
  userCount: number;
  processedCount: number;
  /** The caller's own access row, if any (expired rows are passed as undefined). */
  access: AccountAccessRow | undefined;
  /** Server settings are shown to administrators only. */
  showSettings: boolean;
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
    lastSyncAt: row.last_sync_at,
    lastSyncError: row.last_sync_error,
    createdAt: row.created_at,
    myAccess: facts.access ? toMyAccess(facts.access) : null,
  };
}
