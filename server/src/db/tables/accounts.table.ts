import type { Insertable, Selectable, Updateable } from 'kysely';

export interface EmailAccountsTable {
  id: string;
  org_id: string;
  /** Lower-cased; unique per organisation. */
  address: string;
  display_name: string;
  /** 0/1. Inactive accounts do not count against the quota and members do not see them. */
  active: number;
  in_protocol: 'imap' | 'pop3';
  in_host: string;
  in_port: number;
  in_security: 'tls' | 'starttls' | 'none';
  in_username: string;
  /** AES-256-GCM envelope (see accounts/secret-box.ts), never plain text. */
  in_password_enc: string;
  out_host: string | null;
  out_port: number | null;
  out_security: 'tls' | 'starttls' | 'none' | null;
  out_username: string | null;
  out_password_enc: string | null;
  last_sync_at: string | null;
  last_sync_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccountAccessTable {
  account_id: string;
  user_id: string;
  /** 0/1; a partial unique index keeps at most one default per user. */
  is_default: number;
  default_signature_id: string | null;
  /** Temporary access ends at this instant; null = permanent. */
  expires_at: string | null;
  granted_at: string;
}

export type EmailAccountRow = Selectable<EmailAccountsTable>;
export type NewEmailAccount = Insertable<EmailAccountsTable>;
export type EmailAccountUpdate = Updateable<EmailAccountsTable>;
export type AccountAccessRow = Selectable<AccountAccessTable>;
export type NewAccountAccess = Insertable<AccountAccessTable>;
