import type { FastifyInstance } from 'fastify';
import { limits } from '../../../contract/limits';
import { ApiError } from './api-error';
import { nestingDepth } from './json-walk';
import { noteNulEscapes } from '../sanitize/strip-nul';

const TOO_DEEP = `The request body nests objects and arrays more than ${limits.jsonNestingDepth} levels deep; send a flatter body.`;

/**
 * The one body parser, for `application/json`. Fastify's own parser still parses (JSON.parse does not
 * recurse, and it keeps the __proto__/constructor poisoning protection); this one adds two rules:
 * - an empty body is no body, not a 400: clients that always send `Content-Type: application/json`
 *   also send it on bodiless DELETE/POST (logout), and a route with a body schema still says
 *   "expected object" for it;
 * - a body nested deeper than `limits.jsonNestingDepth` is a 400 before any hook or schema walks it.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  // The API takes JSON only: any other body (text/plain included, which Fastify parses by
  // default and a schema would then call "expected object, received string") is a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, undefined);
    noteNulEscapes(req, text);
    jsonParser(req, text, (err, parsed) => {
      if (err) return done(err);
      if (nestingDepth(parsed, limits.jsonNestingDepth) > limits.jsonNestingDepth) {
        return done(new ApiError(400, 'validation_failed', TOO_DEEP), undefined);
      }
      return done(null, parsed);
    });
  });
}
