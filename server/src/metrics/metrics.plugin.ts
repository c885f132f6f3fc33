import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { httpDuration, httpRequests } from './metrics';

/**
 * Counts and times every answer by route pattern (`/api/records/:id`, never the id itself, so the
 * number of series stays bounded); requests that matched no route count under `unmatched`.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onResponse', async (request, reply) => {
      const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
      httpRequests.inc(labels);
      httpDuration.observe(labels, reply.elapsedTime / 1000);
    });
  },
  { name: 'mailroom-metrics' },
);
