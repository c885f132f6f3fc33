import type { FastifyRequest } from 'fastify';
import { ApiError } from './api-error';

// PostgreSQL text cannot hold U+0000 (a 500 "invalid byte sequence"), and in settings people type
// (names, logins, passwords) a NUL is never meant: refuse it rather than store something else than
// what was sent. Content taken from mail drops NULs instead (sanitize/strip-nul.ts).

const MESSAGE = 'Text cannot contain the NUL character (\\u0000).';

/** Dot path of the first string containing NUL, or null. */
function findNul(value: unknown, at: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], at ? `${at}.${i}` : String(i));
      if (hit !== null) return hit;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNul(k, at) ?? findNul(v, at ? `${at}.${k}` : k);
      if (hit !== null) return hit;
    }
  }
  return null;
}

/** A `preValidation` hook for route plugins: 400 validation_failed if any input string holds NUL. */
export async function rejectNulCharacters(request: FastifyRequest): Promise<void> {
  for (const [part, value] of [['body', request.body], ['query', request.query], ['params', request.params]] as const) {
    const hit = findNul(value, '');
    if (hit !== null) {
      const field = hit || part;
      throw new ApiError(400, 'validation_failed', `Check ${field}: ${MESSAGE}`, { [field]: MESSAGE });
    }
  }
}
