import type { AuthContext } from '../http/request-context';

/**
 * Who acts on the organisation's data. Services take an actor rather than an HTTP session so the
 * API (a signed-in user) and the sync worker (no person: the account's mailbox being read) call
 * the same code. Every query is still scoped by `orgId` from here, never from input.
 */
export type UserActor = AuthContext & { kind?: 'user' };

/** The sync worker reading `accountId`'s mailbox. */
export interface SyncActor {
  kind: 'sync';
  orgId: string;
  accountId: string;
}

export type Actor = UserActor | SyncActor;

export function isSyncActor(actor: Actor): actor is SyncActor {
  return actor.kind === 'sync';
}

/** The person behind an action, for filings and the audit trail; null when the system acted. */
export function actingUserId(actor: Actor): string | null {
  return isSyncActor(actor) ? null : actor.userId;
}

/** How a filing by `actor` is recorded: by hand (with its filer) or by sync (no filer). */
export function filingOrigin(actor: Actor): { filed_by: string | null; source: 'manual' | 'sync' } {
  return isSyncActor(actor) ? { filed_by: null, source: 'sync' } : { filed_by: actor.userId, source: 'manual' };
}
