import type { FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { visitStrings } from './json-walk';

// PostgreSQL text cannot hold U+0000 (a 500 "invalid byte sequence"), and in settings people type
// (names, logins, passwords) a NUL is never meant: refuse it rather than store something else than
// what was sent. Content taken from mail drops NULs instead (sanitize/strip-nul.ts).

const MESSAGE = 'Text cannot contain the NUL character (\\u0000).';

/** Dot path of the first string (or property name) containing NUL, or null. */
function findNul(value: unknown): string | null {
  let hit: string | null = null;
  visitStrings(value, (found) => {
    if (!found.value.includes('\u0000')) return false;
    hit = found.path;
    return true;
  });
  return hit;
}

/** A `preValidation` hook for route plugins: 400 validation_failed if any input string holds NUL. */
export async function rejectNulCharacters(request: FastifyRequest): Promise<void> {
  for (const [part, value] of [['body', request.body], ['query', request.query], ['params', request.params]] as const) {
    const hit = findNul(value);
    if (hit !== null) {
      const field = hit || part;
      throw new ApiError(400, 'validation_failed', `Check ${field}: ${MESSAGE}`, { [field]: MESSAGE });
    }
  }
}
