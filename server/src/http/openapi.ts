import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { apiErrorSchema } from '../../../contract/common';

/**
 * What the OpenAPI document (/docs) says each route answers besides its success: the error
 * answers, all in the `{ error: { code, message, fields? } }` shape. Declared as response schemas,
 * so the error bodies also pass the same schema check as every other answer.
 */
const errorDescriptions = {
  400: 'Malformed request: a field, the query string or the address is not valid (`error.fields` names them).',
  401: 'No valid session (or, signing in, a wrong email or password).',
  403: 'Only an administrator of the organisation may do this.',
  404: 'Not found in your organisation, or not one you may use.',
  410: 'No longer valid: an invitation already used, replaced by a newer one, or expired.',
  409: 'Conflicts with the data as it is (already exists, a limit is reached, still in use, or a change made at the same time).',
  413: 'The request body is too large.',
  414: 'A part of the address is longer than 100 characters.',
  415: 'The request body is not JSON (Content-Type: application/json).',
  422: 'Well-formed, but breaks a rule (`error.fields` names the field).',
  429: 'Too many attempts: wait the Retry-After seconds and try again.',
  500: 'Something went wrong on the server; the message carries a reference for support.',
} as const;
export type ErrorStatus = keyof typeof errorDescriptions;

const errorSchema = (status: ErrorStatus) => apiErrorSchema.describe(errorDescriptions[status]);

/**
 * The error answers particular to a route, to spread into its `schema.response`; the ones every
 * route shares are added by `registerErrorResponses`. e.g. `{ 200: x, ...errorResponses(403, 409) }`.
 */
export function errorResponses(...statuses: ErrorStatus[]): Partial<Record<ErrorStatus, z.ZodType>> {
  return Object.fromEntries(statuses.map((s) => [s, errorSchema(s)]));
}

/**
 * Adds the error answers every /api route can give: 400 (a bad address or input), 401 (no
 * session; the login route answers it for wrong credentials), 500; with path parameters 404 and
 * 414; on methods that carry a body 413 and 415. Routes add their own (403, 409, 422...) with `errorResponses`.
 */
export function registerErrorResponses(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.schema?.hide) return;
    const schema = (route.schema ??= {});
    const statuses: ErrorStatus[] = [400, 401, 500];
    // A session signed in with a one-time password reaches only the routes that let it choose one.
    if (route.config?.public !== true && route.config?.beforePasswordChange !== true) statuses.push(403);
    if (schema.params) statuses.push(404, 414);
    // A body is parsed (and can be too large, or not JSON) on every method that may carry one.
    const methods = [route.method].flat();
    if (schema.body || methods.some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m))) statuses.push(413, 415);
    const response = (schema.response ??= {}) as Record<string, unknown>;
    for (const status of statuses) response[status] ??= errorSchema(status);
  });
}

/**
 * The zod → OpenAPI transform, with two corrections: a 204 has no body, so it is documented with
 * no content (the `z.null()` that checks it would otherwise show as a JSON `null`); a binary
 * answer (a schema of format `binary`, a download) is documented as `application/octet-stream`.
 */
export const openApiTransform: typeof jsonSchemaTransform = (input) => {
  const out = jsonSchemaTransform(input);
  const response = (out.schema as { response?: Record<string, { format?: string; description?: string }> } | undefined)?.response;
  for (const [status, schema] of Object.entries(response ?? {})) {
    if (status === '204') response![status] = { type: 'null', description: 'Done; no content.' } as never;
    else if (schema.format === 'binary') {
      response![status] = { description: schema.description, content: { 'application/octet-stream': { schema } } } as never;
    }
  }
  return out;
};
