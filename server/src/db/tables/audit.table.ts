import type { Insertable, Selectable } from 'kysely';

export interface AuditLogTable {
  id: string;
  org_id: string;
  /** Null for actions of the system (sync) or once the user is deleted. */
  actor_id: string | null;
  /** Dotted verb, e.g. `access.granted`, `account.deactivated`, `message.filed`. */
  action: string;
  subject_type: string;
  subject_id: string;
  detail_json: string;
  at: string;
}

export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLog = Insertable<AuditLogTable>;
