/**
 * The keyset cursor of an inbox page: when the last message of the page was received and its id,
 * as base64url JSON. Opaque to clients; one that does not decode is a 400, never a 500.
 */
import { ApiError } from '../http/api-error';
import type { InboxKey } from './inbox.repository';

export function encodeInboxCursor(key: InboxKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id]), 'utf8').toString('base64url');
}

export function decodeInboxCursor(cursor: string): InboxKey {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
    return { at: value[0], id: value[1] };
  }
  const message = 'This page cursor is not valid; reload the inbox from its first page.';
  throw new ApiError(400, 'validation_failed', message, { cursor: message });
}
