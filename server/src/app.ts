import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
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
import { registerErrorHandling } from './http/error-handler';

import { accessRoutes } from './accounts/access.routes';
import { accountRoutes } from './accounts/accounts.routes';
import { myAccountRoutes } from './accounts/my-accounts.routes';
import { auditRoutes } from './audit/audit.routes';
import { authRoutes } from './auth/auth.routes';
import { userRoutes } from './users/users.routes';
import { presenceRoutes } from './presence/presence.routes';
import { attachmentRoutes } from './attachments/attachments.routes';
import { recordRoutes } from './records/records.routes';
import { signatureRoutes } from './signatures/signatures.routes';
import { filingRoutes } from './filings/filings.routes';

/**
 * Every route module, registered in this order. To add a module, import its `xxxRoutes` plugin
 * above and append it here (one line each; see server/ARCHITECTURE.md).
 */
const routeModules: FastifyPluginAsync[] = [
  authRoutes,
  userRoutes,
  accountRoutes,
  accessRoutes,
  myAccountRoutes,
  auditRoutes,
  presenceRoutes,
  attachmentRoutes,
  recordRoutes,
  signatureRoutes,
  filingRoutes,
];

export interface AppDeps {
  config: Config;
  db: Db;
  secretBox: SecretBox;
  logger?: FastifyServerOptions['logger'];
  /** The sanitizer's worker threads; by default the app starts its own and ends them on close. */
  sanitizePool?: SanitizePool;
}

/** Builds the API without listening; tests call `app.inject()` on it, main.ts calls `listen()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? { level: deps.config.logLevel },
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();

  // Clients that always send `Content-Type: application/json` also send it on bodiless DELETE/POST
  // (logout): treat an empty body as no body instead of a 400. Fastify's own parser still does the
  // work otherwise, with its __proto__/constructor poisoning protection.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, undefined);
    return jsonParser(req, text, done);
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  // External plugins first, then ours, then routes (CONVENTIONS.md "Server").
  // The extension calls from chrome-extension:// origins with a bearer token and no cookies.
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
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(dbPlugin, { db: deps.db, config: deps.config, secretBox: deps.secretBox });
  await app.register(authPlugin);
  await app.register(filingPipelinePlugin, { sanitizePool: deps.sanitizePool });

  app.get('/api/health', { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));
  for (const routes of routeModules) await app.register(routes);

  await app.ready();
  return app;
}
