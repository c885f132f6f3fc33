import { z } from 'zod';
import { limits } from './limits';

export { limits };

/**
 * Error codes the API can answer with. The UI keys its messages on these, so a code is never
 * renamed, only added. Shape of every error body: `{ "error": { "code", "message", "fields"? } }`.
 */
export const errorCodes = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'quota_exceeded',
  'account_in_use',
  'signature_limit',
  'unknown_merge_tag',
  'conflict',
  'payload_too_large',
  'rate_limited',
  /** An invitation code that matches none, or whose person can no longer sign in. */
  'invitation_invalid',
  /** An invitation redeemed already: sign in instead. */
  'invitation_used',
  /** An invitation replaced by a newer one (or a one-time password). */
  'invitation_replaced',
  /** An invitation past its 7 days. */
  'invitation_expired',
  /** Signed in with a one-time password: choose one's own before anything else. */
  'password_change_required',
  /** The server is up but cannot serve yet (database unreachable, schema behind): try another. */
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    /** Field path (dot-separated, e.g. `incoming.port`) → message, for forms. */
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** Server-generated ids are opaque strings (UUIDs): never parse them. */
export const idSchema = z.string().min(1).max(64);
export const isoDateTimeSchema = z.iso.datetime({ offset: true });


export const emailAddressSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address, like name@example.com.' }))
  // z.email() lets a domain label start or end with '-', which DNS forbids (RFC 1035; isemail #31).
  .refine((s) => !s.slice(s.lastIndexOf('@') + 1).split('.').some((l) => l.startsWith('-') || l.endsWith('-')), {
    message: 'Enter a valid email address, like name@example.com.',
  })
  .transform((s) => s.toLowerCase())
  // The pipe hides z.email() from the OpenAPI document (it shows the input side): say it there.
  .meta({ format: 'email' });

export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().nonnegative() });
