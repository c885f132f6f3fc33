import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';
import type { EmailAccountRow } from '../db/tables/accounts.table';
import type { SyncStateRow } from '../db/tables/sync.table';
import { toCount } from '../db/values';

// The sync's own tables: folder checkpoints, POP3 UIDLs taken, and each account's state with the
// row lease that gives it to one worker at a time. Timestamps are ISO-8601 UTC text, so comparing
// them as strings orders them in time on both databases.

export interface FolderCheckpoint {
  uidValidity: number;
  lastUid: number;
  /** Set while the folder's first sync is unfinished: it resumes within this window. */
  firstSyncSince?: string | null;
}

/** Active accounts that have no sync_state row yet get one (state idle, no lease). */
export async function ensureSyncStates(db: Db, now: string): Promise<void> {
  const missing = await db
    .selectFrom('email_accounts as a')
    .leftJoin('sync_state as s', 's.account_id', 'a.id')
    .select('a.id')
    .where('a.active', '=', 1)
    .where('s.account_id', 'is', null)
    .execute();
  if (missing.length === 0) return;
  await db
    .insertInto('sync_state')
    .values(missing.map((m) => ({ account_id: m.id, state: 'idle' as const, progress_done: 0, failures: 0, updated_at: now })))
    .onConflict((oc) => oc.column('account_id').doNothing())
    .execute();
}

/**
 * Takes up to `limit` active accounts whose lease is free or ran out and whose backoff is over,
 * for `owner` until `until`. On PostgreSQL the candidate rows are locked with SKIP LOCKED so two
 * workers claiming at once pick different accounts instead of queueing on the same rows; the
 * conditional UPDATE is what makes a claim exclusive on both databases.
 */
export async function claimAccounts(db: Db, owner: string, now: string, until: string, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  return db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom('sync_state as s')
      .innerJoin('email_accounts as a', 'a.id', 's.account_id')
      .select('s.account_id')
      .where('a.active', '=', 1)
      .where((eb) => eb.or([eb('s.lease_owner', 'is', null), eb('s.lease_expires_at', '<', now)]))
      .where((eb) => eb.or([eb('s.next_attempt_at', 'is', null), eb('s.next_attempt_at', '<=', now)]))
      .orderBy('s.account_id')
      .limit(limit);
    if (isPostgres(trx)) q = q.forUpdate('s').skipLocked();
    const candidates = await q.execute();
    const claimed: string[] = [];
    for (const { account_id } of candidates) {
      const r = await trx
        .updateTable('sync_state')
        .set({ lease_owner: owner, lease_expires_at: until, updated_at: now })
        .where('account_id', '=', account_id)
        .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', now)]))
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) claimed.push(account_id);
    }
    return claimed;
  });
}

/** Extends `owner`'s leases on `accountIds`; answers the ones it still holds (a lease may have been lost). */
export async function renewLeases(db: Db, owner: string, accountIds: string[], until: string): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  await db
    .updateTable('sync_state')
    .set({ lease_expires_at: until })
    .where('lease_owner', '=', owner)
    .where('account_id', 'in', accountIds)
    .execute();
  const held = await db.selectFrom('sync_state').select('account_id').where('lease_owner', '=', owner).where('account_id', 'in', accountIds).execute();
  return new Set(held.map((r) => r.account_id));
}

/** Whether `owner` still holds `accountId` (checked inside a batch's transaction: a late worker writes nothing). */
export async function holdsLease(db: Db, owner: string, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('sync_state').select('lease_owner').where('account_id', '=', accountId).executeTakeFirst();
  return row?.lease_owner === owner;
}

export async function releaseLease(db: Db, owner: string, accountId: string): Promise<void> {
  await db
    .updateTable('sync_state')
    .set({ lease_owner: null, lease_expires_at: null })
    .where('account_id', '=', accountId)
    .where('lease_owner', '=', owner)
    .execute();
}

/** The account rows behind `ids` (deleted accounts are simply missing). */
export async function findSyncAccounts(db: Db, ids: string[]): Promise<EmailAccountRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('email_accounts').selectAll().where('id', 'in', ids).execute();
}

export async function findCheckpoint(db: Db, accountId: string, folder: string): Promise<FolderCheckpoint | undefined> {
  const row = await db.selectFrom('sync_folders').selectAll().where('account_id', '=', accountId).where('folder', '=', folder).executeTakeFirst();
  return row ? { uidValidity: Number(row.uid_validity), lastUid: Number(row.last_uid), firstSyncSince: row.first_sync_since } : undefined;
}

export async function saveCheckpoint(db: Db, accountId: string, folder: string, cp: FolderCheckpoint, now: string): Promise<void> {
  await db
    .insertInto('sync_folders')
    .values({ account_id: accountId, folder, uid_validity: cp.uidValidity, last_uid: cp.lastUid, first_sync_since: cp.firstSyncSince ?? null, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['account_id', 'folder']).doUpdateSet({ uid_validity: cp.uidValidity, last_uid: cp.lastUid, first_sync_since: cp.firstSyncSince ?? null, updated_at: now }),
    )
    .execute();
}

export async function seenUidls(db: Db, accountId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('sync_pop3_seen').select('uidl').where('account_id', '=', accountId).execute();
  return new Set(rows.map((r) => r.uidl));
}

export async function markUidlsSeen(db: Db, accountId: string, uidls: string[], now: string): Promise<void> {
  for (let i = 0; i < uidls.length; i += 200) {
    await db
      .insertInto('sync_pop3_seen')
      .values(uidls.slice(i, i + 200).map((uidl) => ({ account_id: accountId, uidl, seen_at: now })))
      .onConflict((oc) => oc.columns(['account_id', 'uidl']).doNothing())
      .execute();
  }
}

/** A pass with mail to read started: `total` messages to go. */
export async function markSyncing(db: Db, accountId: string, total: number, now: string): Promise<void> {
  await db.updateTable('sync_state').set({ state: 'syncing', progress_done: 0, progress_total: total, updated_at: now }).where('account_id', '=', accountId).execute();
}

export async function saveProgress(db: Db, accountId: string, done: number, now: string): Promise<void> {
  await db.updateTable('sync_state').set({ progress_done: done, updated_at: now }).where('account_id', '=', accountId).execute();
}

/** A pass ended well: the error and the backoff are over. */
export async function markSynced(db: Db, accountId: string, now: string): Promise<void> {
  await db
    .updateTable('sync_state')
    .set({ state: 'idle', last_sync_at: now, last_error: null, last_error_code: null, last_error_at: null, failures: 0, next_attempt_at: null, updated_at: now })
    .where('account_id', '=', accountId)
    .execute();
}

/** A pass failed: the message the admin sees, and when to try again. The lease is let go with it. */
export async function markSyncError(
  db: Db,
  owner: string,
  accountId: string,
  error: { message: string; code: string | null; at: string; failures: number; nextAttemptAt: string },
): Promise<void> {
  await db
    .updateTable('sync_state')
    .set({
      state: 'error',
      last_error: error.message,
      last_error_code: error.code,
      last_error_at: error.at,
      failures: error.failures,
      next_attempt_at: error.nextAttemptAt,
      lease_owner: null,
      lease_expires_at: null,
      updated_at: error.at,
    })
    .where('account_id', '=', accountId)
    .where('lease_owner', '=', owner)
    .execute();
}

/** When each account was last synced completely (null: never), for the lag figure. */
export async function lastSyncTimes(db: Db, accountIds: string[]): Promise<Map<string, string | null>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db.selectFrom('sync_state').select(['account_id', 'last_sync_at']).where('account_id', 'in', accountIds).execute();
  return new Map(rows.map((r) => [r.account_id, r.last_sync_at]));
}

/** Active accounts due for a sync that no live lease holds: the work waiting for a worker. */
export async function countUnclaimedDue(db: Db, now: string): Promise<number> {
  const row = await db
    .selectFrom('sync_state as s')
    .innerJoin('email_accounts as a', 'a.id', 's.account_id')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('a.active', '=', 1)
    .where((eb) => eb.or([eb('s.lease_owner', 'is', null), eb('s.lease_expires_at', '<', now)]))
    .where((eb) => eb.or([eb('s.next_attempt_at', 'is', null), eb('s.next_attempt_at', '<=', now)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findSyncState(db: Db, accountId: string): Promise<SyncStateRow | undefined> {
  return db.selectFrom('sync_state').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

/** The admin changed the account's settings: whatever failed may work now, so try at once. */
export async function resetSyncBackoff(db: Db, accountId: string, now: string): Promise<void> {
  await db.updateTable('sync_state').set({ failures: 0, next_attempt_at: null, updated_at: now }).where('account_id', '=', accountId).execute();
}

export interface SyncStatusFacts {
  state: SyncStateRow | undefined;
  /** Messages the sync stored for the account, every folder. */
  messages: number;
}

/** Each account's sync state and synced message count, in two queries whatever the number of accounts. */
export async function syncStatusByAccount(db: Db, accountIds: string[]): Promise<Map<string, SyncStatusFacts>> {
  if (accountIds.length === 0) return new Map();
  const [states, counts] = await Promise.all([
    db.selectFrom('sync_state').selectAll().where('account_id', 'in', accountIds).execute(),
    db
      .selectFrom('message_accounts')
      .select((eb) => ['account_id', eb.fn.countAll<string | number>().as('n')])
      .where('account_id', 'in', accountIds)
      .where('source', '=', 'sync')
      .groupBy('account_id')
      .execute(),
  ]);
  const stateOf = new Map(states.map((s) => [s.account_id, s]));
  const countOf = new Map(counts.map((c) => [c.account_id, toCount(c.n)]));
  return new Map(accountIds.map((id) => [id, { state: stateOf.get(id), messages: countOf.get(id) ?? 0 }]));
}
