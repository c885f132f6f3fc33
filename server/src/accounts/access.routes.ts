import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessEntrySchema, accessListSchema, putAccessRequestSchema } from '../../../contract/accounts';
import { idSchema } from '../../../contract/common';
import { requireAdmin } from '../http/request-context';
import { listAccess, putAccess, removeAccess } from './access.service';
import { rejectNulCharacters } from '../http/reject-nul';
import { errorResponses } from '../http/openapi';

const accountParams = z.strictObject({ id: idSchema });
const entryParams = z.strictObject({ id: idSchema, userId: idSchema });

/** Who may use an account (admins only): the access dialog. */
export const accessRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', rejectNulCharacters);
  const tags = ['access'];

  app.get(
    '/api/email-accounts/:id/access',
    { schema: { tags, params: accountParams, response: { 200: accessListSchema, ...errorResponses(403) } } },
    async (request) => ({ items: await listAccess(app.db, requireAdmin(request), request.params.id) }),
  );

  app.put(
    '/api/email-accounts/:id/access/:userId',
    { schema: { tags, params: entryParams, body: putAccessRequestSchema, response: { 200: accessEntrySchema, 201: accessEntrySchema, ...errorResponses(403, 422) } } },
    async (request, reply) => {
      const auth = requireAdmin(request);
      const { entry, created } = await app.db
        .transaction()
        .execute((trx) => putAccess(trx, auth, request.params.id, request.params.userId, request.body));
      return reply.status(created ? 201 : 200).send(entry);
    },
  );

  app.delete(
    '/api/email-accounts/:id/access/:userId',
    { schema: { tags, params: entryParams, response: { 204: z.null(), ...errorResponses(403) } } },
    async (request, reply) => {
      const auth = requireAdmin(request);
      await app.db.transaction().execute((trx) => removeAccess(trx, auth, request.params.id, request.params.userId));
      return reply.status(204).send(null);
    },
  );
};
