import type { ApiErrorBody, ErrorCode } from '../../../contract/common';

/**
 * The one error type services throw. The handler turns it into
 * `{ "error": { "code", "message", "fields"? } }` with `status`; the message is shown to people.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} was not found.`);
export const forbidden = (message = 'Only an administrator of your organisation can do this.'): ApiError =>
  new ApiError(403, 'forbidden', message);
export const unauthorized = (message = 'Please sign in again.'): ApiError => new ApiError(401, 'unauthorized', message);
export const conflict = (message: string): ApiError => new ApiError(409, 'conflict', message);
/** A well-formed request that breaks a rule (422), as opposed to a malformed one (400). */
export const invalid = (field: string, message: string): ApiError =>
  new ApiError(422, 'validation_failed', message, { [field]: message });

/** The body of every error answer: `{ "error": { "code", "message", "fields"? } }`. */
export const errorBody = (code: ErrorCode, message: string, fields?: Record<string, string>): ApiErrorBody => ({
  error: fields ? { code, message, fields } : { code, message },
});
