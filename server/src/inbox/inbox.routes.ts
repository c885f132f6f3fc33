import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contract/common';
import { assignRequestSchema, inboxAssigneesSchema, inboxMessageSchema, inboxPageSchema, inboxQuerySchema } from '../../../contract/inbox';
import { currentUser } from '../http/request-context';
import { errorResponses } from '../http/openapi';
import { rejectNulCharacters } from '../http/reject-nul';
import { assignMessage, listAssignees, listInbox, setMessageHandled } from './inbox.service';

const accountParams = z.strictObject({ id: idSchema });
const messageParams = z.strictObject({ id: idSchema, messageId: idSchema });

/** An account's shared inbox: list, assign, mark handled, reopen (users of the account). */
export const inboxRoutes: FastifyPluginAsyncZod = async (app) => {
  // PostgreSQL refuses NUL in text (a 500 there): refused for everyone with a clear 400.
  app.addHook('preValidation', rejectNulCharacters);
  const tags = ['inbox'];

  app.get(
    '/api/email-accounts/:id/inbox',
    {
      schema: {
        tags,
        description:
          'Synced mail of the account: `open` (not filed, not handled, unassigned), `assigned` (not filed, not handled, assigned), `handled`, or `all`; `assignee=me` keeps the caller\'s. Newest first, keyset-paged by `cursor`.',
        params: accountParams,
        querystring: inboxQuerySchema,
        response: { 200: inboxPageSchema },
      },
    },
    async (request) => listInbox(app.db, currentUser(request), request.params.id, request.query),
  );

  app.get(
    '/api/email-accounts/:id/inbox/assignees',
    { schema: { tags, params: accountParams, response: { 200: inboxAssigneesSchema } } },
    async (request) => listAssignees(app.db, currentUser(request), request.params.id),
  );

  app.post(
    '/api/email-accounts/:id/inbox/:messageId/assign',
    { schema: { tags, params: messageParams, body: assignRequestSchema, response: { 200: inboxMessageSchema, ...errorResponses(422) } } },
    async (request) => {
      const auth = currentUser(request);
      const { id, messageId } = request.params;
      return app.db.transaction().execute((trx) => assignMessage(trx, auth, id, messageId, request.body));
    },
  );

  app.post(
    '/api/email-accounts/:id/inbox/:messageId/handled',
    { schema: { tags, params: messageParams, response: { 200: inboxMessageSchema } } },
    async (request) => {
      const auth = currentUser(request);
      const { id, messageId } = request.params;
      return app.db.transaction().execute((trx) => setMessageHandled(trx, auth, id, messageId, true));
    },
  );

  app.delete(
    '/api/email-accounts/:id/inbox/:messageId/handled',
    { schema: { tags, params: messageParams, response: { 200: inboxMessageSchema } } },
    async (request) => {
      const auth = currentUser(request);
      const { id, messageId } = request.params;
      return app.db.transaction().execute((trx) => setMessageHandled(trx, auth, id, messageId, false));
    },
  );
};
