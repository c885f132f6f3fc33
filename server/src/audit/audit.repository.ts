import type { Db } from '../db/database';
import type { AuditLogRow, NewAuditLog } from '../db/tables/audit.table';

export async function insertAuditEntry(db: Db, row: NewAuditLog): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export async function listAuditEntries(
  db: Db,
  orgId: string,
  filter: { subjectType?: string; subjectId?: string; limit: number },
): Promise<AuditLogRow[]> {
  let q = db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId);
  if (filter.subjectType) q = q.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
  return q.orderBy('at', 'desc').orderBy('id').limit(filter.limit).execute();
}
