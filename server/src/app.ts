import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { SecretBox } from './accounts/secret-box';
import type { Config } from './config';
import type { Db } from './db/database';
import type { SanitizePool } from './sanitize/sanitize-pool';
import { dbPlugin } from './db/db.plugin';
import { filingPipelinePlugin } from './filings/filing-pipeline.plugin';
import { authPlugin } from './http/auth.plugin';
import { ApiError } from './http/api-error';
import { registerErrorHandling } from './http/error-handler';
import { answerClientError, answerFrameworkError } from './http/framework-errors';
import { registerJsonBodyParser } from './http/json-body';
import { openApiTransform, registerErrorResponses } from './http/openapi';
import { registerConnectionDraining } from './http/close-gracefully';
import { isAllowedOrigin } from './http/cors-origins';
import { appLogger, registerRequestLogging, requestLogOptions } from './http/request-logging';
import { helmetOptions, registerSecurityHeaders } from './http/security-headers';
import { metricsPlugin } from './metrics/metrics.plugin';
import { healthRoutes } from './health/health.routes';

import { accessRoutes } from './accounts/access.routes';
import { accountRoutes } from './accounts/accounts.routes';
import { myAccountRoutes } from './accounts/my-accounts.routes';
import { auditRoutes } from './audit/audit.routes';
import { authRoutes } from './auth/auth.routes';
import { invitationRoutes } from './users/invitations.routes';
import { userRoutes } from './users/users.routes';
import { presenceRoutes } from './presence/presence.routes';
import { attachmentRoutes } from './attachments/attachments.routes';
import { recordRoutes } from './records/records.routes';
import { signatureRoutes } from './signatures/signatures.routes';
import { filingRoutes } from './filings/filings.routes';
import { inboxRoutes } from './inbox/inbox.routes';
import { mailCheckRoutes } from './mail-check/mail-check.routes';
import { systemMailDns } from './mail-check/mail-dns';
import type { DnsResolve } from './mail-check/deliverability';
import type { DnsLookup } from './mail-check/probe';

/**
 * Every route module, registered in this order. To add a module, import its `xxxRoutes` plugin
 * above and append it here (one line each; see server/ARCHITECTURE.md).
 */
const routeModules: FastifyPluginAsync[] = [
  healthRoutes,
  authRoutes,
  userRoutes,
  invitationRoutes,
  accountRoutes,
  accessRoutes,
  myAccountRoutes,
  auditRoutes,
  presenceRoutes,
  attachmentRoutes,
  recordRoutes,
  signatureRoutes,
  filingRoutes,
  inboxRoutes,
  mailCheckRoutes,
];

export interface AppDeps {
  config: Config;
  db: Db;
  secretBox: SecretBox;
  /** Replaces the configured logger (tests: none, or one writing to a stream they read). */
  logger?: FastifyServerOptions['logger'];
  /** The sanitizer's worker threads; by default the app starts its own and ends them on close. */
  sanitizePool?: SanitizePool;
  /** DNS of the connection test (host → addresses); the system's by default, a local one in tests. */
  dnsLookup?: DnsLookup;
  /** DNS queries of the deliverability check (TXT, MX...); the system's by default. */
  dnsResolve?: DnsResolve;
  /** Certificate authorities (PEM) the connection test trusts besides the system's. */
  mailTrustedCas?: string[];
}

/** Builds the API without listening; tests call `app.inject()` on it, main.ts calls `listen()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...requestLogOptions,
    logger: appLogger(deps.config.logLevel, deps.logger),
    // Closing (SIGTERM) answers the requests already on open connections instead of a 503: the
    // load balancer has stopped sending new ones, and a 503 would fail a request that can be served.
    return503OnClosing: false,
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    // Errors raised before routing (bad %-escape, over-long path part, malformed HTTP) answer in
    // the API's error shape too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();

  registerRequestLogging(app);
  registerConnectionDraining(app);
  if (deps.config.metricsPort !== null) await app.register(metricsPlugin);
  registerJsonBodyParser(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerSecurityHeaders(app);
  registerErrorResponses(app);

  // External plugins first, then ours, then routes (CONVENTIONS.md "Server").
  await app.register(helmet, helmetOptions);
  // The extension calls from its own origin with a bearer token and no cookies. An OPTIONS that is
  // no CORS preflight is refused here, before the CORS plugin would answer it in plain text.
  app.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS' && (!request.headers.origin || !request.headers['access-control-request-method'])) {
      throw new ApiError(400, 'validation_failed', 'An OPTIONS request is a CORS preflight: it needs Origin and Access-Control-Request-Method headers.');
    }
  });
  const allowedOrigins = deps.config.allowedOrigins;
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && isAllowedOrigin(origin, allowedOrigins)),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Mailroom API', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: openApiTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // swagger-ui's own CSP for its pages, minus upgrade-insecure-requests: the default server is
    // plain HTTP on the user's machine, where upgraded script URLs would not load.
    staticCSP: true,
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });

  await app.register(dbPlugin, { db: deps.db, config: deps.config, secretBox: deps.secretBox });
  const systemDns = systemMailDns(deps.config.dnsServers);
  app.decorate('mailCheckDeps', {
    dns: { lookup: deps.dnsLookup ?? systemDns.lookup, resolve: deps.dnsResolve ?? systemDns.resolve },
    trustedCas: deps.mailTrustedCas ?? [],
  });
  await app.register(authPlugin);
  await app.register(filingPipelinePlugin, { sanitizePool: deps.sanitizePool });

  for (const routes of routeModules) await app.register(routes);

  await app.ready();
  return app;
}
