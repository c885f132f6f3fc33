import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditListSchema, auditQuerySchema, type AuditEntry } from '../../../contract/audit';
import { requireAdmin } from '../http/request-context';
import { fullName } from '../users/users.mapper';
import { listAuditEntries } from './audit.repository';
import { rejectNulCharacters } from '../http/reject-nul';
import { errorResponses } from '../http/openapi';

/** The organisation's audit trail, for administrators. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', rejectNulCharacters);
  app.get(
    '/api/audit',
    { schema: { tags: ['audit'], querystring: auditQuerySchema, response: { 200: auditListSchema, ...errorResponses(403) } } },
    async (request) => {
      const auth = requireAdmin(request);
      const rows = await listAuditEntries(app.db, auth.orgId, request.query);
      const items: AuditEntry[] = rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor:
          r.actor_id && r.actor_email !== null
            ? {
                id: r.actor_id,
                email: r.actor_email,
                fullName: fullName({ first_name: r.actor_first_name ?? '', last_name: r.actor_last_name ?? '', email: r.actor_email }),
              }
            : null,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        detail: JSON.parse(r.detail_json) as Record<string, unknown>,
      }));
      return { items };
    },
  );
};
