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
