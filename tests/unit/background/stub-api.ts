/**
 * A real HTTP server on a free loopback port standing in for the Mailroom API in background
 * tests: routes are `METHOD /path` → handler, every request is recorded, and an unknown route
 * answers 404 in the API's error shape (so a wrong path fails the test loudly).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** JSON bodies parsed; any other body (a CSV file) as text. */
  body: unknown;
  /** The body's bytes as sent. */
  raw: Buffer;
}
export interface StubReply {
  status?: number;
  body?: unknown;
  /** Close the socket without answering (a crash mid-request). */
  destroy?: boolean;
  /** A body that is not JSON (CSV, NDJSON), written chunk by chunk, each flushed before the next. */
  raw?: { contentType: string; chunks: string[] };
}
export type StubHandler = (req: StubRequest) => StubReply | Promise<StubReply>;

export interface StubApi {
  url: string;
  requests: StubRequest[];
  route(key: string, handler: StubHandler): void;
  close(): Promise<void>;
}

export async function startStubApi(): Promise<StubApi> {
  const routes = new Map<string, StubHandler>();
  const requests: StubRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    const isJson = !req.headers['content-type'] || req.headers['content-type'].includes('json');
    const request: StubRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: text ? (isJson ? JSON.parse(text) : text) : undefined,
      raw,
    };
    requests.push(request);
    const handler = routes.get(`${request.method} ${request.path}`);
    const reply: StubReply = handler
      ? await handler(request)
      : { status: 404, body: { error: { code: 'not_found', message: `No route ${request.method} ${request.path}` } } };
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    const status = reply.status ?? 200;
    if (reply.raw) {
      res.writeHead(status, { 'content-type': reply.raw.contentType });
      for (const chunk of reply.raw.chunks) await new Promise((resolve) => res.write(chunk, resolve));
      res.end();
      return;
    }
    if (reply.body === undefined) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (key, handler) => routes.set(key, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL where nothing listens: bind a port, then release it. */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
