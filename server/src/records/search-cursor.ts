/**
 * The keyset cursor of record search: the (rank, folded name, id) of the last row of a page, as
 * base64url JSON. Opaque to clients; a cursor that does not decode is a 400, never a 500.
 */
import { ApiError } from '../http/api-error';
import type { SearchKey } from './records-search.repository';

export function encodeCursor(key: SearchKey): string {
  return Buffer.from(JSON.stringify([key.rank, key.name, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): SearchKey {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (
    Array.isArray(value) &&
    value.length === 3 &&
    (value[0] === 0 || value[0] === 1 || value[0] === 2 || value[0] === 3) &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'string'
  ) {
    return { rank: value[0], name: value[1], id: value[2] };
  }
  const message = 'This page cursor is not valid; search again from the first page.';
  throw new ApiError(400, 'validation_failed', message, { cursor: message });
}
