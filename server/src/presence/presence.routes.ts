import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { presenceListSchema, presenceQuerySchema, putPresenceRequestSchema } from '../../../contract/presence';
import { currentUser } from '../http/request-context';
import { listPresence, putPresence } from './presence.service';
import { errorResponses } from '../http/openapi';
import { rejectNulCharacters } from '../http/reject-nul';

/** `PUT /api/presence` and `GET /api/presence` (collision hints on shared accounts). */
export const presenceRoutes: FastifyPluginAsyncZod = async (app) => {
  // PostgreSQL refuses NUL in text (a 500 there): refused for everyone with a clear 400.
  app.addHook('preValidation', rejectNulCharacters);
  app.put(
    '/api/presence',
    { schema: { tags: ['presence'], body: putPresenceRequestSchema, response: { 200: presenceListSchema, ...errorResponses(404) } } },
    async (request) => {
      const auth = currentUser(request);
      return app.db.transaction().execute((trx) => putPresence(trx, auth, request.body));
    },
  );

  app.get(
    '/api/presence',
    { schema: { tags: ['presence'], querystring: presenceQuerySchema, response: { 200: presenceListSchema, ...errorResponses(404) } } },
    async (request) => listPresence(app.db, currentUser(request), request.query),
  );
};
