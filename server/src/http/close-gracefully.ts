import type { FastifyInstance } from 'fastify';

/**
 * Stops the API: the listening socket closes at once (the load balancer sends new connections to
 * the other processes), idle keep-alive connections are closed, requests already in flight run to
 * their answer. After `graceMs` the connections still open are cut, so a stuck request cannot hold
 * the process; then the app's onClose hooks (filing queue, sanitizer threads) finish.
 */
export async function closeGracefully(app: FastifyInstance, graceMs: number): Promise<void> {
  const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
  cut.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
}

/**
 * While closing, every answer says `Connection: close`. A keep-alive connection busy when the stop
 * began would otherwise stay open after its answer (Node closes only the connections idle at that
 * moment), take the client's next request, and hold the close until the keep-alive timeout; this
 * way the client moves to another process after the answer it is getting.
 */
export function registerConnectionDraining(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}
