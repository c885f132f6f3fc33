import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contract/common';
import {
  createRecordRequestSchema,
  crmRecordSchema,
  recordListSchema,
  recordLookupQuerySchema,
  recordDetailSchema,
  recordLookupSchema,
  recordSearchQuerySchema,
  suggestionListSchema,
  suggestQuerySchema,
  updateRecordRequestSchema,
} from '../../../contract/records';
import { stripNulCharacters } from '../sanitize/strip-nul';
import { currentUser } from '../http/request-context';
import { getRecordDetail } from './records-admin.service';
import { createRecord, lookupRecords, searchRecords, suggestRecords, updateRecord } from './records.service';
import { errorResponses } from '../http/openapi';
import { recordAdminRoutes } from './records-admin.routes';

const params = z.object({ id: idSchema });

const recordCoreRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', stripNulCharacters);

  app.get('/api/records', {
    schema: { tags: ['records'], querystring: recordSearchQuerySchema, response: { 200: recordListSchema } },
  }, async (request) => searchRecords(app.db, currentUser(request), request.query));

  app.get('/api/records/suggest', {
    schema: { tags: ['records'], querystring: suggestQuerySchema, response: { 200: suggestionListSchema } },
  }, async (request) => suggestRecords(app.db, currentUser(request), request.query.email, request.query.message));

  app.get('/api/records/lookup', {
    schema: {
      tags: ['records'],
      description: 'Records that already hold an address (duplicates) and companies owning a domain, for the "create a record" form.',
      querystring: recordLookupQuerySchema,
      response: { 200: recordLookupSchema },
    },
  }, async (request) => lookupRecords(app.db, currentUser(request), request.query));

  /** 409 `conflict` when another record holds one of the addresses, unless `allowDuplicateEmail`. */
  app.post('/api/records', {
    schema: { tags: ['records'], body: createRecordRequestSchema, response: { 201: crmRecordSchema, ...errorResponses(409, 422) } },
  }, async (request, reply) => {
    const auth = currentUser(request);
    const record = await app.db.transaction().execute((trx) => createRecord(trx, auth, request.body));
    return reply.status(201).send(record);
  });

  app.get('/api/records/:id', {
    schema: {
      tags: ['records'],
      description: 'The record, with how many filings (and, for a company, contacts) a delete would affect.',
      params,
      response: { 200: recordDetailSchema },
    },
  }, async (request) => getRecordDetail(app.db, currentUser(request), request.params.id));

  app.patch('/api/records/:id', {
    schema: { tags: ['records'], params, body: updateRecordRequestSchema, response: { 200: crmRecordSchema, ...errorResponses(409, 422) } },
  }, async (request) => {
    const auth = currentUser(request);
    return app.db.transaction().execute((trx) => updateRecord(trx, auth, request.params.id, request.body));
  });
};

/**
 * Two sibling plugins: the administration routes take a CSV body (a Buffer the JSON walk of the
 * NUL hook must not visit byte by byte), so they keep their own hooks.
 */
export const recordRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(recordCoreRoutes);
  await app.register(recordAdminRoutes);
};
