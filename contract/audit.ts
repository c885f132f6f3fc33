import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common';

/** One line of the audit trail (`GET /api/audit`, admins): who did what to what, when. */
export const auditEntrySchema = z.object({
  id: idSchema,
  at: isoDateTimeSchema,
  /** Null when the system acted (sync). */
  actor: z.object({ id: idSchema, fullName: z.string(), email: z.string() }).nullable(),
  /** e.g. `access.granted`, `access.removed`, `account.deactivated`, `account.deleted`, `message.filed`. */
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  /** Small facts recorded with the action (e.g. the user whose access changed); never secrets. */
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.strictObject({
  subjectType: z.string().max(64).optional(),
  subjectId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditListSchema = z.object({ items: z.array(auditEntrySchema) });
