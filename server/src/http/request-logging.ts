import { randomUUID } from 'node:crypto';
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import './request-context';

/**
 * Whatever a log call is handed (a request, its headers, an error carrying a body, a service's
 * input), these never reach the output: pino replaces them with "[redacted]". Paths are pino's
 * (fast-redact): `*` is one level, so the usual depths are listed.
 */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...['password', 'newPassword', 'currentPassword', 'token', 'secret', 'authorization', 'cookie'].flatMap((key) => [
    key,
    `*.${key}`,
    `*.*.${key}`,
    `*.*.*.${key}`,
  ]),
];

const redact = { paths: redactPaths, censor: '[redacted]' };

/**
 * Fastify's logger: JSON lines (pino) at `level`, secrets redacted. A test may hand its own
 * (false for none, or options writing to a stream it reads); that one keeps the redaction, so what
 * a test reads is what production writes.
 */
export function appLogger(level: string, override?: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (override === undefined) return { level, redact };
  if (override && typeof override === 'object') return { redact, ...override } as FastifyServerOptions['logger'];
  return override;
}

/**
 * One line per request, written when it is answered (Fastify's default writes two, and logs the
 * whole URL). The path is logged without its query string, which can hold search words (people's
 * names and addresses); the id (a UUID, also sent back as `x-request-id`) ties the line to an
 * error's reference and to the proxy's own log across processes.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      path: request.url.split('?')[0],
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ...(request.auth ? { user: request.auth.userId } : {}),
    };
    if (error) request.log.error({ ...line, err: error }, 'request');
    else request.log.info(line, 'request');
  }
}

export const requestLogOptions = {
  genReqId: () => randomUUID(),
  logController: new OneLinePerRequest(),
};

export function registerRequestLogging(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
}
