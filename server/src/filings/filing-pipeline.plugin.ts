import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createGroupCommit, type GroupCommit } from '../db/group-commit';
import { createSanitizePool, type SanitizePool } from '../sanitize/sanitize-pool';
import { createPendingBodies, type PendingBodies } from './pending-bodies';

declare module 'fastify' {
  interface FastifyInstance {
    /** Worker threads running the one sanitizer: heavy HTML never runs on the event loop. */
    sanitizePool: SanitizePool;
    /** Filings commit in groups (one transaction, a savepoint each). */
    filingCommits: GroupCommit;
    /** The job turning pending HTML bodies into sanitized ones. */
    pendingBodies: PendingBodies;
  }
}

/** Background sanitizing waits for 50 ms without a new request, and at most 2 s, between rounds. */
const backgroundYield = { quietMs: 50, maxDeferMs: 2_000 };

/**
 * The filing path's moving parts, tied to the app's life: bodies left pending by a previous
 * process are picked up once the app is ready, and closing the app stops the job and then the
 * worker threads, so tests and processes exit.
 */
export const filingPipelinePlugin = fp(
  async (app: FastifyInstance, opts: { sanitizePool?: SanitizePool }) => {
    const pool = opts.sanitizePool ?? createSanitizePool();
    let lastRequestAt = 0;
    app.addHook('onRequest', async () => {
      lastRequestAt = Date.now();
    });
    const pendingBodies = createPendingBodies(app.db, pool, app.log, { lastRequestAt: () => lastRequestAt, ...backgroundYield });
    app.decorate('sanitizePool', pool);
    app.decorate('filingCommits', createGroupCommit(app.db));
    app.decorate('pendingBodies', pendingBodies);
    app.addHook('onReady', async () => pendingBodies.kick());
    app.addHook('onClose', async () => {
      await pendingBodies.close();
      await pool.close();
    });
  },
  { name: 'mailroom-filing-pipeline', dependencies: ['mailroom-db'] },
);
