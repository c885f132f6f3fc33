import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { loginResponseSchema } from '../../../contract/auth';
import { acceptInvitationRequestSchema, inspectInvitationRequestSchema, invitationInfoSchema } from '../../../contract/users';
import { hashPassword } from '../auth/passwords';
import { errorResponses } from '../http/openapi';
import { rejectNulCharacters } from '../http/reject-nul';
import { acceptInvitation, inspectInvitation } from './invitations.service';

/**
 * Redeeming an invitation, from the extension's options page. Public (the person has no session
 * yet); tokens travel in bodies, never in URLs, so they do not end up in logs or history.
 */
export const invitationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', rejectNulCharacters);
  const tags = ['users'];

  app.post(
    '/api/invitations/inspect',
    { schema: { tags, body: inspectInvitationRequestSchema, response: { 200: invitationInfoSchema, ...errorResponses(404, 410) } }, config: { public: true } },
    async (request) => inspectInvitation(app.db, request.body.token),
  );

  app.post(
    '/api/invitations/accept',
    { schema: { tags, body: acceptInvitationRequestSchema, response: { 200: loginResponseSchema, ...errorResponses(404, 410) } }, config: { public: true } },
    async (request) => {
      const hash = await hashPassword(request.body.password);
      return app.db.transaction().execute((trx) => acceptInvitation(trx, request.body.token, hash, app.config.sessionTtlDays));
    },
  );
};
