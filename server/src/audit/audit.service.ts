import type { Db } from '../db/database';
import { newId, nowIso } from '../db/values';
import { insertAuditEntries, insertAuditEntry } from './audit.repository';

/** What happened, e.g. `access.granted`, `account.deleted`, `message.filed`, `message.unfiled`. */
export interface AuditEvent {
  orgId: string;
  /** Null when the system acted (sync). */
  actorId: string | null;
  action: string;
  subjectType: 'email_account' | 'account_access' | 'message' | 'filing' | 'signature' | 'record' | 'user';
  subjectId: string;
  /** Small JSON-able facts worth keeping (e.g. the user whose access changed). No secrets. */
  detail?: Record<string, unknown>;
}

/**
 * Appends to the audit trail. Pass the transaction handle of the change being audited so the entry
 * is written if and only if the change commits.
 */
export async function recordAudit(trx: Db, event: AuditEvent): Promise<void> {
  await insertAuditEntry(trx, {
    id: newId(),
    org_id: event.orgId,
    actor_id: event.actorId,
    action: event.action,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    detail_json: JSON.stringify(event.detail ?? {}),
    at: nowIso(),
  });
}

/** `recordAudit` for many events at once, in the same transaction as their changes. */
export async function recordAudits(trx: Db, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const at = nowIso();
  await insertAuditEntries(
    trx,
    events.map((event) => ({
      id: newId(),
      org_id: event.orgId,
      actor_id: event.actorId,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      detail_json: JSON.stringify(event.detail ?? {}),
      at,
    })),
  );
}
