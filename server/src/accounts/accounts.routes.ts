import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createAccountRequestSchema,
  emailAccountListSchema,
  emailAccountSchema,
  updateAccountRequestSchema,
} from '../../../contract/accounts';
import { idSchema } from '../../../contract/common';
import { currentUser, requireAdmin } from '../http/request-context';
import { createAccount, deleteAccount, getAccount, listAccounts, updateAccount } from './accounts.service';
import { rejectNulCharacters } from '../http/reject-nul';
import { errorResponses } from '../http/openapi';

const params = z.strictObject({ id: idSchema });

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', rejectNulCharacters);
  const tags = ['email accounts'];

  app.get('/api/email-accounts', { schema: { tags, response: { 200: emailAccountListSchema } } }, async (request) => ({
    items: await listAccounts(app.db, currentUser(request)),
  }));

  app.post(
    '/api/email-accounts',
    { schema: { tags, body: createAccountRequestSchema, response: { 201: emailAccountSchema, ...errorResponses(403, 409) } } },
    async (request, reply) => {
      const auth = requireAdmin(request);
      const account = await app.db
        .transaction()
        .execute((trx) => createAccount(trx, auth, app.secretBox, request.body));
      return reply.status(201).send(account);
    },
  );

  app.get('/api/email-accounts/:id', { schema: { tags, params, response: { 200: emailAccountSchema } } }, async (request) =>
    getAccount(app.db, currentUser(request), request.params.id),
  );

  app.patch(
    '/api/email-accounts/:id',
    { schema: { tags, params, body: updateAccountRequestSchema, response: { 200: emailAccountSchema, ...errorResponses(403, 409, 422) } } },
    async (request) => {
      const auth = requireAdmin(request);
      return app.db
        .transaction()
        .execute((trx) => updateAccount(trx, auth, app.secretBox, request.params.id, request.body));
    },
  );

  app.delete('/api/email-accounts/:id', { schema: { tags, params, response: { 204: z.null(), ...errorResponses(403, 409) } } }, async (request, reply) => {
    const auth = requireAdmin(request);
    await app.db.transaction().execute((trx) => deleteAccount(trx, auth, request.params.id));
    return reply.status(204).send(null);
  });
};
