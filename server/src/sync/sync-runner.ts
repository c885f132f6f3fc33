/**
 * The sync scheduler, one per process (the API's embedded one, or `npm run worker`). Every tick it
 * renews the leases of the accounts it syncs, stops those deactivated, deleted, edited or taken
 * over, and claims free ones up to its limit; each claimed account runs one session (IMAP or
 * POP3) until stopped or failed. A failure records the error, lets the lease go and sets the next
 * attempt (backoff); editing the account clears the backoff so the next tick tries again at once.
 * Leases are rows (sync_state), so any number of processes on one PostgreSQL share the accounts.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { SecretBox } from '../accounts/secret-box';
import type { SyncConfig } from '../config';
import type { Db } from '../db/database';
import type { EmailAccountRow } from '../db/tables/accounts.table';
import { nowIso } from '../db/values';
import { syncMetrics } from '../metrics/metrics';
import { runImapSession } from './imap-sync';
import type { IngestDeps } from './ingest.service';
import { createParsePool, type MailParser } from './parse-pool';
import { runPop3Session } from './pop3-sync';
import { LeaseLostError, type AccountSyncContext, type SyncAccount, type SyncLog } from './sync-context';
import { backoffDelay, describeSyncError } from './sync-errors';
import {
  claimAccounts,
  countUnclaimedDue,
  ensureSyncStates,
  findSyncAccounts,
  findSyncState,
  lastSyncTimes,
  markSyncError,
  releaseLease,
  renewLeases,
} from './sync.repository';

export interface SyncRunnerDeps {
  db: Db;
  secretBox: SecretBox;
  log: SyncLog;
  settings: SyncConfig;
  pendingBodies?: IngestDeps['pendingBodies'];
  /** Lease owner id; by default host, pid and a random part. */
  owner?: string;
  /** Where fetched mail is parsed; by default the runner's own thread pool, closed at `stop`. */
  parser?: MailParser;
}

export interface SyncRunner {
  readonly owner: string;
  start(): void;
  /**
   * Stops every session: each finishes the batch in hand, then the leases are let go.
   * `{ abandon: true }` drops the connections and keeps the leases, as a killed process would.
   */
  stop(options?: { abandon?: boolean }): Promise<void>;
  /** Accounts this runner syncs now. */
  held(): string[];
}

interface Task {
  controller: AbortController;
  /** The account row's `updated_at` when the session started: a change means new settings. */
  updatedAt: string;
  done: Promise<void>;
  abandon: boolean;
}

const errorMessageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createSyncRunner(deps: SyncRunnerDeps): SyncRunner {
  const { db, log, settings } = deps;
  const owner = deps.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const tasks = new Map<string, Task>();
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let stopping = false;
  const parser =
    deps.parser ?? createParsePool(settings.parseThreads, (err) => log.warn({ error: errorMessageOf(err) }, 'sync: a parsing thread failed; parsing on the main thread'));

  const leaseUntil = () => new Date(Date.now() + settings.leaseMs).toISOString();

  function accountOf(row: EmailAccountRow): SyncAccount {
    return {
      id: row.id,
      orgId: row.org_id,
      address: row.address,
      protocol: row.in_protocol,
      host: row.in_host,
      port: row.in_port,
      security: row.in_security,
      username: row.in_username,
      password: deps.secretBox.open(row.in_password_enc),
    };
  }

  async function recordFailure(row: EmailAccountRow, err: unknown, secret: string): Promise<void> {
    const { message, code } = describeSyncError(err, { host: row.in_host, port: row.in_port, protocol: row.in_protocol }, secret);
    const failures = ((await findSyncState(db, row.id))?.failures ?? 0) + 1;
    const delay = backoffDelay(failures, settings.backoffBaseMs, settings.backoffMaxMs);
    const at = nowIso();
    // The message only: a library's error object may hold what was sent to the server.
    log.warn({ accountId: row.id, address: row.address, failures, retryInMs: delay, error: message }, 'sync: account failed');
    await markSyncError(db, owner, row.id, { message, code, at, failures, nextAttemptAt: new Date(Date.now() + delay).toISOString() });
  }

  async function session(row: EmailAccountRow, task: Task): Promise<void> {
    let account: SyncAccount;
    try {
      account = accountOf(row);
    } catch (err) {
      // A password sealed with another key (MAILROOM_SECRET changed): the admin must enter it again.
      await recordFailure(row, Object.assign(new Error('The stored password cannot be read with this server\'s key: enter it again.'), { cause: err }), '');
      return;
    }
    const ctx: AccountSyncContext = { db, log, pendingBodies: deps.pendingBodies, parser, settings, owner, account, signal: task.controller.signal };
    try {
      await (account.protocol === 'imap' ? runImapSession(ctx) : runPop3Session(ctx));
    } catch (err) {
      if (err instanceof LeaseLostError) {
        log.info({ accountId: row.id }, 'sync: account taken over by another worker');
        return;
      }
      if (task.controller.signal.aborted) return;
      await recordFailure(row, err, account.password);
    }
  }

  function startTask(row: EmailAccountRow): void {
    const task: Task = { controller: new AbortController(), updatedAt: row.updated_at, done: Promise.resolve(), abandon: false };
    tasks.set(row.id, task);
    task.done = session(row, task)
      .catch((err: unknown) => log.error({ accountId: row.id, error: errorMessageOf(err) }, 'sync: session ended unexpectedly'))
      .finally(async () => {
        // Out of the map first: a claim in between then finds the lease still held, never a task still there.
        tasks.delete(row.id);
        syncMetrics.forgetAccount(row.id);
        if (!task.abandon) await releaseLease(db, owner, row.id).catch(() => undefined);
      });
  }

  function stopTask(id: string, reason: string): void {
    const task = tasks.get(id);
    if (!task || task.controller.signal.aborted) return;
    log.info({ accountId: id, reason }, 'sync: stopping account');
    task.controller.abort();
  }

  async function tick(): Promise<void> {
    const ids = [...tasks.keys()];
    if (ids.length > 0) {
      const [held, rows, synced] = await Promise.all([renewLeases(db, owner, ids, leaseUntil()), findSyncAccounts(db, ids), lastSyncTimes(db, ids)]);
      const rowOf = new Map(rows.map((r) => [r.id, r]));
      const nowMs = Date.now();
      for (const id of ids) {
        const row = rowOf.get(id);
        // Lag: since the last complete sync, or since the account was added if it never had one
        // (a first sync stuck for an hour is an hour of lag).
        const since = synced.get(id) ?? row?.created_at;
        if (held.has(id) && since && tasks.has(id)) syncMetrics.setLag(id, Math.max(0, (nowMs - Date.parse(since)) / 1000));
        if (!held.has(id)) stopTask(id, 'lease lost');
        else if (!row) stopTask(id, 'account deleted');
        else if (row.active !== 1) stopTask(id, 'account deactivated');
        else if (row.updated_at !== tasks.get(id)?.updatedAt) stopTask(id, 'settings changed');
      }
    }
    if (stopping) return;
    const now = nowIso();
    await ensureSyncStates(db, now);
    const claimed = await claimAccounts(db, owner, now, leaseUntil(), settings.maxAccounts - tasks.size);
    const rows = await findSyncAccounts(db, claimed);
    for (const row of rows) {
      if (tasks.has(row.id) || row.active !== 1) await releaseLease(db, owner, row.id);
      else startTask(row);
    }
    syncMetrics.setQueueDepth(await countUnclaimedDue(db, nowIso()));
  }

  function schedule(delay: number): void {
    if (stopping) return;
    timer = setTimeout(() => {
      ticking = tick()
        .catch((err: unknown) => log.error({ error: errorMessageOf(err) }, 'sync: scheduling failed'))
        .finally(() => {
          ticking = undefined;
          schedule(settings.tickMs);
        });
    }, delay);
  }

  return {
    owner,
    start() {
      stopping = false;
      schedule(0);
    },
    async stop(options = {}) {
      stopping = true;
      clearTimeout(timer);
      await ticking;
      const all = [...tasks.values()];
      for (const task of all) {
        task.abandon = options.abandon === true;
        task.controller.abort();
      }
      await Promise.all(all.map((t) => t.done));
      if (!deps.parser) await parser.close();
    },
    held: () => [...tasks.keys()],
  };
}
