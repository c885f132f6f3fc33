import type { Selectable } from 'kysely';

// Tables of the mail sync (server/src/sync/): checkpoints, POP3 UIDLs taken, and each account's
// sync state with its row lease. Written only by the sync repositories.

export interface SyncFoldersTable {
  account_id: string;
  /** The mailbox path on the server (e.g. `INBOX`, `Sent`). */
  folder: string;
  /** bigint: a string on PostgreSQL, a number on SQLite — read with Number(). */
  uid_validity: number | string;
  last_uid: number | string;
  /** While the folder's first sync is under way: the start of its window (SEARCH SINCE); then null. */
  first_sync_since: string | null;
  updated_at: string;
}

export interface SyncPop3SeenTable {
  account_id: string;
  uidl: string;
  seen_at: string;
}

export interface SyncStateTable {
  account_id: string;
  state: 'idle' | 'syncing' | 'error' | 'off';
  last_sync_at: string | null;
  progress_done: number;
  progress_total: number | null;
  last_error: string | null;
  /** A `ConnectionFailure` code (contract/connection-failure.ts); null for an error of no known kind. */
  last_error_code: string | null;
  last_error_at: string | null;
  /** Consecutive failures, for the backoff (capped at 15 minutes). */
  failures: number;
  next_attempt_at: string | null;
  /** The worker holding the account until `lease_expires_at`. */
  lease_owner: string | null;
  lease_expires_at: string | null;
  updated_at: string;
}

export type SyncFolderRow = Selectable<SyncFoldersTable>;
export type SyncStateRow = Selectable<SyncStateTable>;
