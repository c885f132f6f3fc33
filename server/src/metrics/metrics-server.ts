import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../db/database';
import { collectProcessMetrics, registry, watchDatabasePool } from './metrics';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * `GET /metrics` on its own port, never the API's: the figures (route names, account ids, load)
 * are for the operator's Prometheus, which reaches this port on a private network, and a public
 * API port must not show them. A plain node:http server: it has one route and no auth to share.
 */
export async function startMetricsServer(options: { port: number; host: string; db?: Db }): Promise<MetricsServer> {
  collectProcessMetrics();
  const unwatch = options.db ? watchDatabasePool(options.db) : () => undefined;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the metrics are at GET /metrics.\n');
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (err: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`Metrics failed: ${String(err)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        unwatch();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
