import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { meResponseSchema, userListResponseSchema } from '../../../contract/auth';
import { limits } from '../../../contract/common';
import { notFound } from '../http/api-error';
import { currentUser, requireAdmin } from '../http/request-context';
import { getOrgView } from '../orgs/orgs.service';
import { findUserInOrg } from './users.repository';
import { searchUsers } from './users.service';
import { toUser } from './users.mapper';
import { rejectNulCharacters } from '../http/reject-nul';
import { errorResponses } from '../http/openapi';

const userQuerySchema = z.strictObject({
  q: z.string().max(limits.shortText).default(''),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', rejectNulCharacters);
  app.get('/api/me', { schema: { tags: ['users'], response: { 200: meResponseSchema, ...errorResponses(404) } } }, async (request) => {
    const auth = currentUser(request);
    const user = await findUserInOrg(app.db, auth.orgId, auth.userId);
    if (!user) throw notFound('Your user');
    return { user: toUser(user), org: await getOrgView(app.db, auth.orgId) };
  });

  app.get(
    '/api/users',
    { schema: { tags: ['users'], querystring: userQuerySchema, response: { 200: userListResponseSchema, ...errorResponses(403) } } },
    async (request) => {
      const auth = requireAdmin(request);
      return searchUsers(app.db, auth.orgId, request.query.q, request.query.limit);
    },
  );
};
