import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginRequestSchema, loginResponseSchema } from '../../../contract/auth';
import { ApiError } from '../http/api-error';
import { currentUser } from '../http/request-context';
import { login } from './auth.service';
import { closeSession } from './sessions.service';
import { rejectNulCharacters } from '../http/reject-nul';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', rejectNulCharacters);
  const { max, windowMs } = app.config.loginRateLimit;
  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], body: loginRequestSchema, response: { 200: loginResponseSchema } },
      config: {
        public: true,
        rateLimit: {
          max,
          timeWindow: windowMs,
          // After validation so the key uses the normalised email: guessing one person's password
          // from one address is capped without locking everyone behind a shared office IP.
          hook: 'preHandler',
          keyGenerator: (req) => `${req.ip}|${(req.body as { email?: string } | undefined)?.email ?? ''}`,
          errorResponseBuilder: (_req, ctx) =>
            new ApiError(
              429,
              'rate_limited',
              `Too many sign-in attempts. Wait ${Math.max(1, Math.ceil(ctx.ttl / 1000))} seconds and try again.`,
            ),
        },
      },
    },
    async (request) => login(app.db, request.body, app.config.sessionTtlDays),
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], response: { 204: z.null() } } },
    async (request, reply) => {
      await closeSession(app.db, currentUser(request).sessionId);
      return reply.status(204).send(null);
    },
  );
};
