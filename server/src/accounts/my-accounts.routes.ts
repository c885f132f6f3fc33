import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { emailAccountListSchema, emailAccountSchema, patchMyAccessRequestSchema } from '../../../contract/accounts';
import { idSchema } from '../../../contract/common';
import { currentUser } from '../http/request-context';
import { patchMyAccess } from './access.service';
import { listMyAccounts } from './accounts.service';
import { rejectNulCharacters } from '../http/reject-nul';
import { errorResponses } from '../http/openapi';

/** The caller's own side: accounts they can use and their default account/signature (popup). */
export const myAccountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', rejectNulCharacters);
  const tags = ['me'];

  app.get('/api/me/accounts', { schema: { tags, response: { 200: emailAccountListSchema } } }, async (request) => ({
    items: await listMyAccounts(app.db, currentUser(request)),
  }));

  app.patch(
    '/api/me/accounts/:id',
    { schema: { tags, params: z.strictObject({ id: idSchema }), body: patchMyAccessRequestSchema, response: { 200: emailAccountSchema, ...errorResponses(422) } } },
    async (request) => {
      const auth = currentUser(request);
      return app.db.transaction().execute((trx) => patchMyAccess(trx, auth, request.params.id, request.body));
    },
  );
};
