import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { meResponseSchema, userSchema } from '../../../contract/auth';
import { idSchema } from '../../../contract/common';
import {
  adminUserListSchema,
  adminUserSchema,
  createUserRequestSchema,
  newInvitationRequestSchema,
  passwordChangeRequestSchema,
  profilePatchSchema,
  updateUserRequestSchema,
  userCredentialsSchema,
  userListQuerySchema,
} from '../../../contract/users';
import { currentUser, requireAdmin } from '../http/request-context';
import { errorResponses } from '../http/openapi';
import { rejectNulCharacters } from '../http/reject-nul';
import { getOrgView } from '../orgs/orgs.service';
import { makeTemporaryPassword } from './invitations.service';
import { changePassword, updateProfile } from './profile.service';
import { createOrgUser, getAdminUser, getSelf, reissueCredentials, searchUsers, setUserActive, updateOrgUser } from './users.service';

const params = z.strictObject({ id: idSchema });

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preValidation', rejectNulCharacters);
  const tags = ['users'];

  // One's own profile and password: open to a session that must first choose a new password.
  app.get(
    '/api/me',
    { schema: { tags, response: { 200: meResponseSchema, ...errorResponses(404) } }, config: { beforePasswordChange: true } },
    async (request) => {
      const auth = currentUser(request);
      return { user: await getSelf(app.db, auth), org: await getOrgView(app.db, auth.orgId) };
    },
  );

  app.patch('/api/me', { schema: { tags, body: profilePatchSchema, response: { 200: userSchema, ...errorResponses(404) } } }, async (request) => {
    const auth = currentUser(request);
    return app.db.transaction().execute((trx) => updateProfile(trx, auth, request.body));
  });

  app.post(
    '/api/me/password',
    { schema: { tags, body: passwordChangeRequestSchema, response: { 204: z.null(), ...errorResponses(404, 422) } }, config: { beforePasswordChange: true } },
    async (request, reply) => {
      await changePassword(app.db, currentUser(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.get('/api/users', { schema: { tags, querystring: userListQuerySchema, response: { 200: adminUserListSchema, ...errorResponses(403) } } }, async (request) =>
    searchUsers(app.db, requireAdmin(request).orgId, request.query),
  );

  app.post(
    '/api/users',
    { schema: { tags, body: createUserRequestSchema, response: { 201: userCredentialsSchema, ...errorResponses(403, 409) } } },
    async (request, reply) => {
      const auth = requireAdmin(request);
      const temp = request.body.temporaryPassword ? await makeTemporaryPassword() : undefined;
      const created = await app.db.transaction().execute((trx) => createOrgUser(trx, auth, request.body, temp));
      return reply.status(201).send(created);
    },
  );

  app.get('/api/users/:id', { schema: { tags, params, response: { 200: adminUserSchema, ...errorResponses(403) } } }, async (request) =>
    getAdminUser(app.db, requireAdmin(request).orgId, request.params.id),
  );

  app.patch(
    '/api/users/:id',
    { schema: { tags, params, body: updateUserRequestSchema, response: { 200: adminUserSchema, ...errorResponses(403, 409) } } },
    async (request) => {
      const auth = requireAdmin(request);
      return app.db.transaction().execute((trx) => updateOrgUser(trx, auth, request.params.id, request.body));
    },
  );

  for (const [action, active] of [['deactivate', false], ['reactivate', true]] as const) {
    app.post(`/api/users/:id/${action}`, { schema: { tags, params, response: { 200: adminUserSchema, ...errorResponses(403, 409) } } }, async (request) => {
      const auth = requireAdmin(request);
      return app.db.transaction().execute((trx) => setUserActive(trx, auth, request.params.id, active));
    });
  }

  app.post(
    '/api/users/:id/invitation',
    { schema: { tags, params, body: newInvitationRequestSchema.optional(), response: { 200: userCredentialsSchema, ...errorResponses(403, 409) } } },
    async (request) => {
      const auth = requireAdmin(request);
      const temp = request.body?.temporaryPassword ? await makeTemporaryPassword() : undefined;
      return app.db.transaction().execute((trx) => reissueCredentials(trx, auth, request.params.id, temp));
    },
  );
};
