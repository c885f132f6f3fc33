/**
 * `npm run worker`'s probes, on MAILROOM_WORKER_HEALTH_PORT: a worker serves no API, so an
 * orchestrator would otherwise have nothing to ask. Same paths and answers as the API's:
 * - `/api/health`: the process answers (liveness).
 * - `/api/ready`: the database answers, its schema is current, and the worker holds at least one
 *   account's lease (it is doing its job); 503 in the API's error shape otherwise.
 * A plain node:http server: two routes, no session, nothing shared with the API's Fastify app.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../db/database';
import { pendingMigrations } from '../db/migrate';
import { pingDatabase } from '../db/schema-version.repository';

export interface WorkerHealthServer {
  port: number;
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown };

const unavailable = (message: string): Answer => ({ status: 503, body: { error: { code: 'unavailable', message } } });

async function readiness(db: Db, heldAccounts: () => number): Promise<Answer> {
  try {
    await pingDatabase(db);
  } catch {
    return unavailable('The database cannot be reached.');
  }
  const pending = await pendingMigrations(db);
  if (pending.length > 0) return unavailable(`The database schema is behind (${pending.length} migration(s) not applied): run npm run migrate.`);
  const held = heldAccounts();
  if (held === 0) return unavailable('This worker holds no account\'s lease yet.');
  return { status: 200, body: { ok: true, accounts: held } };
}

export async function startWorkerHealthServer(options: { port: number; host: string; db: Db; heldAccounts: () => number }): Promise<WorkerHealthServer> {
  const server = http.createServer((req, res) => {
    const send = ({ status, body }: Answer) => res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/api/health') return send({ status: 200, body: { ok: true } });
    if (req.method === 'GET' && path === '/api/ready') {
      readiness(options.db, options.heldAccounts).then(send, () => send(unavailable('The readiness check failed.')));
      return;
    }
    send({ status: 404, body: { error: { code: 'not_found', message: 'A sync worker answers GET /api/health and GET /api/ready only.' } } });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
