import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../../../contract/common';
import { isForeignKeyViolation, isUniqueViolation } from '../db/errors';
import { ApiError, errorBody } from './api-error';

function send(reply: FastifyReply, status: number, code: ErrorCode, message: string, fields?: Record<string, string>) {
  return reply.status(status).type('application/json; charset=utf-8').send(errorBody(code, message, fields));
}

/** `/incoming/port` → `incoming.port`; a root-level issue (unknown key) is keyed by the part. */
function fieldPath(instancePath: string, part: string | undefined): string {
  const p = instancePath.replace(/^\//, '').replace(/\//g, '.');
  return p || part || 'body';
}

function describePart(part: string | undefined): string {
  if (part === 'querystring') return 'query string';
  if (part === 'params') return 'address';
  return part ?? 'request';
}

/**
 * Every error leaves as `{ error: { code, message } }`. Messages are shown for 4xx only; a 500
 * says nothing about internals and is logged with the request id so support can find it.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof ApiError) return send(reply, err.status, err.code, err.message, err.fields);

    if (hasZodFastifySchemaValidationErrors(err)) {
      const part = (err as FastifyError).validationContext;
      if (part === 'body' && request.body === undefined) {
        return send(reply, 400, 'validation_failed', 'This request needs a JSON body (Content-Type: application/json).');
      }
      const fields: Record<string, string> = {};
      for (const issue of err.validation) {
        const key = fieldPath(issue.instancePath, part);
        const params = issue.params as { keys?: string[] };
        const message =
          issue.keyword === 'unrecognized_keys' && params.keys
            ? `Unknown field${params.keys.length > 1 ? 's' : ''}: ${params.keys.join(', ')}.`
            : (issue.message ?? 'Invalid value.');
        fields[key] ??= message;
      }
      const first = Object.entries(fields)[0];
      // e.g. "Check incoming.port: A port is between 1 and 65535." — `fields` has every issue.
      const where = (key: string) => (key === part || key === 'body' ? `the ${describePart(part)}` : key);
      const message = first ? `Check ${where(first[0])}: ${first[1]}` : 'The request is not valid.';
      return send(reply, 400, 'validation_failed', message, fields);
    }

    if (isResponseSerializationError(err as Error & { method?: string })) {
      request.log.error({ err, reqId: request.id }, 'response did not match its schema');
      return send(reply, 500, 'internal', `Something went wrong on our side (reference ${request.id}).`);
    }

    const fe = err as FastifyError;
    switch (fe.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, 413, 'payload_too_large', `The request is too large (${megabytes(request.routeOptions.bodyLimit)} at most).`);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, 415, 'validation_failed', 'Send the request body as JSON (Content-Type: application/json).');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(reply, 400, 'validation_failed', 'The request body is not valid JSON.');
    }
    // Body parser syntax errors and other client errors fastify already classified.
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, fe.statusCode, 'validation_failed', 'The request is not valid.');
    }

    // Services turn the unique violations they expect into a precise 409; one left over is a race
    // between two requests (both checked, both inserted) or a row deleted under a reference to it:
    // the caller's request conflicts with the data as it now is, which a retry can see.
    if (isUniqueViolation(err) || isForeignKeyViolation(err)) {
      request.log.warn({ err, reqId: request.id }, 'constraint violation answered as 409');
      return send(reply, 409, 'conflict', 'This conflicts with a change made at the same time; reload and try again.');
    }

    request.log.error({ err, reqId: request.id }, 'unhandled error');
    return send(reply, 500, 'internal', `Something went wrong on our side (reference ${request.id}).`);
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, 'not_found', `There is no ${request.method} ${request.url.split('?')[0]} endpoint.`),
  );
}

/** A body limit as people read it: "32 MB", "1 MB", "512 KB". */
function megabytes(bytes: number | undefined): string {
  if (!bytes) return 'the limit';
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
