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

// JSON text can only carry a NUL as the escape `\u0000` (a raw one is a parse error), so the body
// parser notes the bodies whose text holds one and the walk, which costs as much as the parse on a
// large message, skips every other body.
const bodiesWithNul = new WeakSet<FastifyRequest>();

/** Called by the JSON body parser with the raw text, before it parses. */
export function noteNulEscapes(request: FastifyRequest, text: string): void {
  if (text.includes('\\u0000')) bodiesWithNul.add(request);
}

/** A `preValidation` hook: `app.addHook('preValidation', stripNulCharacters)` in a route plugin. */
export async function stripNulCharacters(request: FastifyRequest): Promise<void> {
  if (bodiesWithNul.has(request)) request.body = stripNul(request.body);
  stripNul(request.query);
  stripNul(request.params);
}
