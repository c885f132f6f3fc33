import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * helmet's headers, tuned for an API that answers JSON and files, never pages: a CSP that lets an
 * answer load and run nothing (were one ever opened as a page), no framing, no referrer. The
 * documentation under /docs is the one HTML: @fastify/swagger-ui replaces the CSP there with its
 * own (`staticCSP`). HSTS is sent too; browsers heed it only over HTTPS, i.e. behind the TLS proxy.
 */
export const helmetOptions: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
  },
  frameguard: { action: 'deny' },
};

/**
 * Headers every answer carries. Nothing a browser, proxy or the extension's HTTP cache keeps may
 * hold a session token or a person's data, and telling which /api answer carries some is a rule
 * that a new route could break: so every answer is `no-store` except the API documentation under
 * /docs (the same static pages for everyone). `nosniff` keeps a browser from reading a JSON error
 * (or an attachment) as HTML or script.
 */
export function securityHeaders(url: string): Record<string, string> {
  const isDocs = url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?');
  return {
    'x-content-type-options': 'nosniff',
    ...(isDocs ? {} : { 'cache-control': 'no-store' }),
  };
}

/** Adds `securityHeaders` to every reply, errors and 404s included (onSend runs for all of them). */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.headers(securityHeaders(request.url));
  });
}
