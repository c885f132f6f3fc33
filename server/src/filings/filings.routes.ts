import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contract/common';
import {
  filingLookupQuerySchema,
  filingLookupSchema,
  filingQuerySchema,
  filingStateSchema,
  fileRequestSchema,
  recordMessagesSchema,
} from '../../../contract/filings';
import { stripNulCharacters } from '../sanitize/strip-nul';
import { currentUser } from '../http/request-context';
import { fileMessage, findCompleteFiling, getFilingState, getFilingStates, prepareMessage, recordMessages, unfile } from './filings.service';
import { errorResponses } from '../http/openapi';
import { countFiling } from '../metrics/metrics';
import { fileMessagesTogether } from './file-together';

const params = z.object({ id: idSchema });
const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
// A message may carry 2 MB of HTML and 1 MB of text; JSON escaping can double either.
const bodyLimit = 8 * 1024 * 1024;

export const filingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', stripNulCharacters);

  /**
   * 201 when something was filed, 200 when it already was (a retry): same body either way. With
   * `newRecord`, the record is created and the message filed to it in one transaction; sent again
   * with the same `newRecord.id`, it creates nothing more.
   */
  app.post('/api/filings', {
    bodyLimit,
    schema: {
      tags: ['filings'],
      description: 'Files a message to records; with `newRecord`, "create and file" in one transaction (idempotent on `newRecord.id`).',
      body: fileRequestSchema,
      response: { 200: filingStateSchema, 201: filingStateSchema, ...errorResponses(404, 409, 422) },
    },
  }, async (request, reply) => {
    const auth = currentUser(request);
    const prepared = prepareMessage(request.body.message);
    const complete = await findCompleteFiling(app.db, auth, request.body, prepared);
    if (complete) {
      countFiling('extension', 'already_filed');
      return reply.status(200).send(complete);
    }
    // Answered once the transaction holding this filing has committed (db/group-commit.ts); new
    // messages of one batch are written together (file-together.ts), anything else alone.
    const { state, changed, bodyPending } = await app.filingCommits.run((trx) => fileMessage(trx, auth, request.body, prepared), {
      runMany: fileMessagesTogether,
      input: { auth, request: request.body, prepared },
    });
    if (bodyPending) app.pendingBodies.kick();
    countFiling('extension', changed ? 'filed' : 'already_filed');
    return reply.status(changed ? 201 : 200).send(state);
  });

  app.get('/api/filings', {
    schema: { tags: ['filings'], querystring: filingQuerySchema, response: { 200: filingStateSchema, ...errorResponses(422) } },
  }, async (request) => getFilingState(app.db, currentUser(request), request.query.messageId));

  app.get('/api/filings/lookup', {
    schema: {
      tags: ['filings'],
      description: 'Where each of several messages is filed, in one request: `?messageId=a&messageId=b` (at most 100).',
      querystring: filingLookupQuerySchema,
      response: { 200: filingLookupSchema, ...errorResponses(422) },
    },
  }, async (request) => getFilingStates(app.db, currentUser(request), request.query.messageId));

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
