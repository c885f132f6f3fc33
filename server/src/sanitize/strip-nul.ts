/**
 * PostgreSQL text cannot hold U+0000 (it answers "invalid byte sequence", a 500), SQLite would
 * store it and every later comparison would differ by it, and no person means one: real mail does
 * carry stray NULs in bodies. So routes that store text drop NUL characters from the body, query
 * and params before validation (found by server/test/bad-input.test.ts on PostgreSQL).
 */
import type { FastifyRequest } from 'fastify';
import { visitStrings } from '../http/json-walk';

// eslint-disable-next-line no-control-regex -- matching NUL is the point
const NUL = /\u0000/g;

/** `value` with NUL characters removed from every string inside it (objects changed in place). */
export function stripNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(NUL, '');
  visitStrings(value, (found) => {
    if (!found.isKey && found.value.includes('\u0000')) found.replace(found.value.replace(NUL, ''));
  });
  return value;
}

/** A `preValidation` hook: `app.addHook('preValidation', stripNulCharacters)` in a route plugin. */
export async function stripNulCharacters(request: FastifyRequest): Promise<void> {
  request.body = stripNul(request.body);
  stripNul(request.query);
  stripNul(request.params);
}
