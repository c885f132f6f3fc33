import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { findSessionByToken } from '../auth/sessions.service';
import { ApiError, unauthorized } from './api-error';
import './request-context';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Resolves `Authorization: Bearer <token>` into `request.auth` before validation, so an anonymous
 * caller gets 401 rather than learning about the body's shape. Every route under /api requires a
 * session unless it sets `config: { public: true }`.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    // Decided on the matched route's pattern (the raw URL only for 404s), so query strings or
    // encoded paths cannot change which rule applies.
    const isApi = (request.routeOptions.url ?? request.url).startsWith('/api/');
    const isPublic = request.routeOptions.config?.public === true;
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (match?.[1]) {
      request.auth = await findSessionByToken(app.db, match[1]);
    }
    if (isApi && !isPublic && !request.auth) {
      throw unauthorized(match ? 'Your session has expired. Please sign in again.' : 'Please sign in.');
    }
    if (isApi && request.auth?.mustChangePassword && request.routeOptions.config?.beforePasswordChange !== true) {
      throw new ApiError(403, 'password_change_required', 'Choose a new password first: the one you signed in with was for one use only.');
    }
  });
}, { name: 'mailroom-auth', dependencies: ['mailroom-db'] });
