import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../contract/common';
import {
  deliverabilityQuerySchema,
  deliverabilitySchema,
  testConnectionRequestSchema,
  testConnectionResponseSchema,
} from '../../../contract/mail-check';
import { errorResponses } from '../http/openapi';
import { rejectNulCharacters } from '../http/reject-nul';
import { requireAdmin } from '../http/request-context';
import { accountDeliverability, testConnection, type MailCheckContext } from './mail-check.service';

export const mailCheckRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', rejectNulCharacters);
  const tags = ['email accounts'];
  const context = (): MailCheckContext => ({
    ...app.mailCheckDeps,
    allowPrivateHosts: app.config.allowPrivateHosts,
    timeoutMs: app.config.connectionStepTimeoutMs,
  });

  // Reads only (nothing is stored): no transaction.
  app.post(
    '/api/email-accounts/test-connection',
    {
      schema: {
        tags,
        summary: 'Connects to the incoming (IMAP/POP3) and outgoing (SMTP) servers and reports each step',
        body: testConnectionRequestSchema,
        response: { 200: testConnectionResponseSchema, ...errorResponses(403, 404, 422) },
      },
    },
    async (request) => testConnection(app.db, requireAdmin(request), app.secretBox, context(), request.body),
  );

  app.get(
    '/api/email-accounts/:id/deliverability',
    {
      schema: {
        tags,
        summary: "SPF, DMARC, MX and DKIM of the account's domain, with what to fix",
        params: z.strictObject({ id: idSchema }),
        querystring: deliverabilityQuerySchema,
        response: { 200: deliverabilitySchema, ...errorResponses(403) },
      },
    },
    async (request) => accountDeliverability(app.db, requireAdmin(request), context(), request.params.id, request.query.selector),
  );
};
