import cors from '@fastify/cors';
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
import { registerSecurityHeaders } from './http/security-headers';

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
    logger: deps.logger ?? { level: deps.config.logLevel },
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    // Errors raised before routing (bad %-escape, over-long path part, malformed HTTP) answer in
    // the API's error shape too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();

  registerJsonBodyParser(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerSecurityHeaders(app);
  registerErrorResponses(app);

  // External plugins first, then ours, then routes (CONVENTIONS.md "Server").
  // The extension calls from chrome-extension:// origins with a bearer token and no cookies. An
  // OPTIONS that is no CORS preflight is refused here, before the CORS plugin would answer it in
  // plain text.
  app.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS' && (!request.headers.origin || !request.headers['access-control-request-method'])) {
      throw new ApiError(400, 'validation_failed', 'An OPTIONS request is a CORS preflight: it needs Origin and Access-Control-Request-Method headers.');
    }
  });
  await app.register(cors, {
    origin: '*',
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
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(dbPlugin, { db: deps.db, config: deps.config, secretBox: deps.secretBox });
  const systemDns = systemMailDns(deps.config.dnsServers);
  app.decorate('mailCheckDeps', {
    dns: { lookup: deps.dnsLookup ?? systemDns.lookup, resolve: deps.dnsResolve ?? systemDns.resolve },
    trustedCas: deps.mailTrustedCas ?? [],
  });
  await app.register(authPlugin);
  await app.register(filingPipelinePlugin, { sanitizePool: deps.sanitizePool });

  app.get('/api/health', { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));
  for (const routes of routeModules) await app.register(routes);

  await app.ready();
  return app;
}
