import type { Db } from '../db/database';
import type { NewAuditLog } from '../db/tables/audit.table';

export async function insertAuditEntry(db: Db, row: NewAuditLog): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

/** Many entries in few statements (the sync files hundreds of messages per batch). */
export async function insertAuditEntries(db: Db, rows: NewAuditLog[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('audit_log').values(rows.slice(i, i + 500)).execute();
}

/** Newest first, with the actor's name (left join: the trail outlives deleted users). */
export async function listAuditEntries(
  db: Db,
  orgId: string,
  filter: { subjectType?: string; subjectId?: string; limit: number },
) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select(['users.email as actor_email', 'users.first_name as actor_first_name', 'users.last_name as actor_last_name'])
    .where('audit_log.org_id', '=', orgId);
  if (filter.subjectType) q = q.where('audit_log.subject_type', '=', filter.subjectType);
  if (filter.subjectId) q = q.where('audit_log.subject_id', '=', filter.subjectId);
  return q.orderBy('audit_log.at', 'desc').orderBy('audit_log.id').limit(filter.limit).execute();
}
