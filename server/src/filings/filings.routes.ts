import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contract/common';
import { filingQuerySchema, filingStateSchema, fileRequestSchema, recordMessagesSchema } from '../../../contract/filings';
import { stripNulCharacters } from '../sanitize/strip-nul';
import { currentUser } from '../http/request-context';
import { fileMessage, findCompleteFiling, getFilingState, prepareMessage, recordMessages, unfile } from './filings.service';

const params = z.object({ id: idSchema });
const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
// A message may carry 2 MB of HTML and 1 MB of text; JSON escaping can double either.
const bodyLimit = 8 * 1024 * 1024;

export const filingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', stripNulCharacters);

  /** 201 when something was filed, 200 when it already was (a retry): same body either way. */
  app.post('/api/filings', {
    bodyLimit,
    schema: { tags: ['filings'], body: fileRequestSchema, response: { 200: filingStateSchema, 201: filingStateSchema } },
  }, async (request, reply) => {
    const auth = currentUser(request);
    const prepared = prepareMessage(request.body.message);
    const complete = await findCompleteFiling(app.db, auth, request.body, prepared);
    if (complete) return reply.status(200).send(complete);
    // Answered once the transaction holding this filing has committed (db/group-commit.ts).
    const { state, changed, bodyPending } = await app.filingCommits.run((trx) => fileMessage(trx, auth, request.body, prepared));
    if (bodyPending) app.pendingBodies.kick();
    return reply.status(changed ? 201 : 200).send(state);
  });

  app.get('/api/filings', {
    schema: { tags: ['filings'], querystring: filingQuerySchema, response: { 200: filingStateSchema } },
  }, async (request) => getFilingState(app.db, currentUser(request), request.query.messageId));

  app.delete('/api/filings/:id', {
    schema: { tags: ['filings'], params, response: { 200: filingStateSchema } },
  }, async (request) => {
    const auth = currentUser(request);
    return app.db.transaction().execute((trx) => unfile(trx, auth, request.params.id));
  });

  app.get('/api/records/:id/messages', {
    schema: { tags: ['filings'], params, querystring: pageQuery, response: { 200: recordMessagesSchema } },
  }, async (request) => recordMessages(app.db, currentUser(request), request.params.id, request.query));
};
