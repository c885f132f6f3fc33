import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contract/common';
import {
  createSignatureRequestSchema,
  previewSignatureRequestSchema,
  renderedSignatureSchema,
  signatureListSchema,
  signatureSchema,
  updateSignatureRequestSchema,
} from '../../../contract/signatures';
import { pooledSignatureHtml } from './signature-html';
import { stripNulCharacters } from '../sanitize/strip-nul';
import { currentUser, requireAdmin } from '../http/request-context';
import {
  createSignature,
  deleteSignature,
  getSignature,
  listSignatures,
  previewSignature,
  renderSignature,
  updateSignature,
} from './signatures.service';
import { errorResponses } from '../http/openapi';

const accountParams = z.object({ accountId: idSchema });
const params = z.object({ id: idSchema });
// A signature is at most 64 KB of HTML; JSON escaping can double that, so allow some headroom.
const bodyLimit = 512 * 1024;

export const signatureRoutes: FastifyPluginAsyncZod = async (app) => {
  const html = pooledSignatureHtml(app.sanitizePool);
  app.addHook('preValidation', stripNulCharacters);

  app.get('/api/email-accounts/:accountId/signatures', {
    schema: { tags: ['signatures'], params: accountParams, response: { 200: signatureListSchema } },
  }, async (request) => listSignatures(app.db, html, currentUser(request), request.params.accountId));

  app.post('/api/email-accounts/:accountId/signatures', {
    bodyLimit,
    schema: { tags: ['signatures'], params: accountParams, body: createSignatureRequestSchema, response: { 201: signatureSchema, ...errorResponses(403, 409, 422) } },
  }, async (request, reply) => {
    const auth = requireAdmin(request);
    const sig = await app.db.transaction().execute((trx) => createSignature(trx, html, auth, request.params.accountId, request.body));
    return reply.status(201).send(sig);
  });

  app.post('/api/signatures/preview', {
    bodyLimit,
    schema: { tags: ['signatures'], body: previewSignatureRequestSchema, response: { 200: renderedSignatureSchema, ...errorResponses(403, 404, 422) } },
  }, async (request) => previewSignature(app.db, html, currentUser(request), request.body));

  app.get('/api/signatures/:id', {
    schema: { tags: ['signatures'], params, response: { 200: signatureSchema } },
  }, async (request) => getSignature(app.db, html, currentUser(request), request.params.id));

  app.get('/api/signatures/:id/rendered', {
    schema: { tags: ['signatures'], params, response: { 200: renderedSignatureSchema } },
  }, async (request) => renderSignature(app.db, html, currentUser(request), request.params.id));

  app.patch('/api/signatures/:id', {
    bodyLimit,
    schema: { tags: ['signatures'], params, body: updateSignatureRequestSchema, response: { 200: signatureSchema, ...errorResponses(403, 422) } },
  }, async (request) => {
    const auth = requireAdmin(request);
    return app.db.transaction().execute((trx) => updateSignature(trx, html, auth, request.params.id, request.body));
  });

  app.delete('/api/signatures/:id', {
    schema: { tags: ['signatures'], params, response: { 204: z.null(), ...errorResponses(403) } },
  }, async (request, reply) => {
    const auth = requireAdmin(request);
    await app.db.transaction().execute((trx) => deleteSignature(trx, auth, request.params.id));
    return reply.status(204).send(null);
  });
};
