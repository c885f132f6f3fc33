import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginRequestSchema, loginResponseSchema } from '../../../contract/auth';
import { currentUser } from '../http/request-context';
import { login } from './auth.service';
import { checkLoginRate, loginClientKey, LoginRateLimitedError } from './login-limit.service';
import { closeSession } from './sessions.service';
import { rejectNulCharacters } from '../http/reject-nul';
import { errorResponses } from '../http/openapi';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', rejectNulCharacters);
  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], body: loginRequestSchema, response: { 200: loginResponseSchema, ...errorResponses(429) } },
      config: { public: true },
    },
    async (request, reply) => {
      // Checked in the handler, after validation, so the key uses the normalised email. `request.ip`
      // honours MAILROOM_TRUST_PROXY (Fastify `trustProxy`) and is the socket address otherwise.
      try {
        await checkLoginRate(app.db, loginClientKey(request.ip, request.body.email), app.config.loginRateLimit);
      } catch (err) {
        if (err instanceof LoginRateLimitedError) reply.header('retry-after', String(err.retryAfterSeconds));
        throw err;
      }
      return login(app.db, request.body, app.config.sessionTtlDays);
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], response: { 204: z.null() } }, config: { beforePasswordChange: true } },
    async (request, reply) => {
      await closeSession(app.db, currentUser(request).sessionId);
      return reply.status(204).send(null);
    },
  );
};
