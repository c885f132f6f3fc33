import type { SyncConfig } from '../config';
import type { Db } from '../db/database';
import type { IngestDeps } from './ingest.service';
import type { MailParser } from './parse-pool';

/** The logging the sync needs: the API's pino logger, or the worker's. */
export interface SyncLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** An account as the sync reads it, its password opened (kept in memory only, never logged). */
export interface SyncAccount {
  id: string;
  orgId: string;
  address: string;
  protocol: 'imap' | 'pop3';
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  username: string;
  password: string;
}

/** What one account's sync session runs with. */
export interface AccountSyncContext {
  db: Db;
  log: SyncLog;
  pendingBodies?: IngestDeps['pendingBodies'];
  /** Parses fetched mail off the event loop (the runner's pool). */
  parser: Pick<MailParser, 'parse' | 'warm'>;
  settings: SyncConfig;
  /** This worker's lease owner id: every batch checks it still holds the account. */
  owner: string;
  account: SyncAccount;
  /** Aborted when the account is deactivated, its settings change, its lease is lost or the process stops. */
  signal: AbortSignal;
}

/** Thrown inside a batch's transaction when another worker took the account over meanwhile. */
export class LeaseLostError extends Error {
  constructor(accountId: string) {
    super(`The sync lease on account ${accountId} was lost.`);
    this.name = 'LeaseLostError';
  }
}
