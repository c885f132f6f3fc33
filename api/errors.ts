/**
 * Turns whatever a call to the API threw into the protocol's error shape: a code the pages turn
 * into text in their language (composables/useErrorMessage.ts), with the values that text names
 * in `params`; `message` stays English, for logs and for a code a page has no text for.
 */
import { HTTPError, TimeoutError } from 'ky';
import { ZodError } from 'zod';
import { apiErrorSchema } from '@/contract';
import type { ProtocolError } from '@/messaging/protocol';

/** An API failure already in protocol shape; the background replies with `error` as is. */
export class ApiError extends Error {
  constructor(readonly error: ProtocolError) {
    super(error.message);
    this.name = 'ApiError';
  }
  get code() {
    return this.error.code;
  }
}

export function networkError(serverUrl: string): ProtocolError {
  return { code: 'network', message: `Cannot reach the Mailroom server at ${serverUrl}`, params: { url: serverUrl } };
}

export const SESSION_EXPIRED_MESSAGE = 'Your session has expired, sign in again';
export const NOT_MAILROOM_MESSAGE = 'This address does not look like a Mailroom server.';

export async function toProtocolError(e: unknown, serverUrl: string): Promise<ProtocolError> {
  if (e instanceof ApiError) return e.error;
  if (e instanceof HTTPError) return fromHttpError(e);
  if (e instanceof ZodError) {
    // A server newer or older than the extension: say so rather than showing zod's issue list.
    console.error('[mailroom] unexpected API response', e.issues);
    return {
      code: 'bad_response',
      message: 'The Mailroom server sent an answer this extension does not understand. Is the extension up to date?',
    };
  }
  // ky throws TimeoutError, fetch a TypeError ("Failed to fetch") when nothing answers.
  if (e instanceof TimeoutError || e instanceof TypeError) return networkError(serverUrl);
  console.error('[mailroom] unexpected error calling the API', e);
  return { code: 'internal', message: 'Something went wrong. Try again.' };
}

async function fromHttpError(e: HTTPError): Promise<ProtocolError> {
  const status = e.response.status;
  let body: unknown;
  try {
    body = await e.response.json();
  } catch {
    body = undefined;
  }
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    // A 500 names the request id its log line carries, "(reference <id>)": worth passing on to support.
    const reference = code === 'internal' ? /\(reference ([\w.:-]+)\)/.exec(message)?.[1] : undefined;
    return { code, message, status, ...(fields && { fields }), ...(reference && { params: { reference } }) };
  }
  // Not our API's error shape: a proxy page, or a URL that is not a Mailroom server.
  if (status === 404) {
    return { code: 'server_url', status, message: NOT_MAILROOM_MESSAGE };
  }
  if (status === 401) return { code: 'unauthorized', status, message: `The Mailroom server answered HTTP ${status}.` };
  return { code: 'server_failed', status, params: { status }, message: `The Mailroom server failed (HTTP ${status}).` };
}
