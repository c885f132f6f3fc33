import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pendingMigrations } from '../db/migrate';
import { pingDatabase } from '../db/schema-version.repository';
import { ApiError } from '../http/api-error';

/**
 * For load balancers and orchestrators, without a session and outside the API documentation:
 * - `/api/health`: the process answers (a liveness probe: restart it if not).
 * - `/api/ready`: it can serve, the database answers and its schema is the one this code expects
 *   (a readiness probe: send it traffic only then). 503 in the API's error shape otherwise.
 */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/health', { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));

  app.get('/api/ready', { config: { public: true }, schema: { hide: true } }, async (request) => {
    try {
      await pingDatabase(app.db);
    } catch (err) {
      request.log.warn({ err }, 'readiness: database unreachable');
      throw new ApiError(503, 'unavailable', 'The database cannot be reached.');
    }
    const pending = await pendingMigrations(app.db);
    if (pending.length > 0) {
      throw new ApiError(503, 'unavailable', `The database schema is behind (${pending.length} migration(s) not applied): run npm run migrate.`);
    }
    return { ok: true };
  });
};
