import { z } from 'zod';
import { idSchema } from './common';
import { incomingInputSchema, outgoingInputSchema } from './accounts';
import { connectionFailureSchema } from './connection-failure';

/**
 * `POST /api/email-accounts/test-connection`: the servers as the account form holds them. With
 * `accountId` a password left out means the stored one, as when saving an edited account; the
 * server only uses it against the host and login it was stored for (it never travels to a new host).
 */
export const testConnectionRequestSchema = z.strictObject({
  accountId: idSchema.optional(),
  incoming: incomingInputSchema.extend({ password: incomingInputSchema.shape.password.optional() }),
  outgoing: outgoingInputSchema.extend({ password: outgoingInputSchema.shape.password.optional() }).nullable().default(null),
});
export type TestConnectionRequest = z.input<typeof testConnectionRequestSchema>;

/** The steps of a connection, in the order they run; a check stops at the first that fails. */
export const connectionStepNameSchema = z.enum(['dns', 'tcp', 'tls', 'login', 'inbox']);
export type ConnectionStepName = z.infer<typeof connectionStepNameSchema>;

export { connectionFailureSchema, type ConnectionFailure } from './connection-failure';

export const connectionStepSchema = z.object({
  step: connectionStepNameSchema,
  ok: z.boolean(),
  /** In English, for API users and logs; the extension shows its own text for `code`/`step`. */
  message: z.string(),
  /** Present when the step failed. */
  code: connectionFailureSchema.optional(),
  /** dns: the address connected to; inbox: how many messages it holds. */
  detail: z.string().optional(),
});
export type ConnectionStep = z.infer<typeof connectionStepSchema>;

export const connectionCheckSchema = z.object({ ok: z.boolean(), steps: z.array(connectionStepSchema) });
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

export const testConnectionResponseSchema = z.object({
  incoming: connectionCheckSchema,
  /** null when the request had no outgoing server. */
  outgoing: connectionCheckSchema.nullable(),
});
export type TestConnectionResponse = z.infer<typeof testConnectionResponseSchema>;

/** `GET /api/email-accounts/:id/deliverability?selector=`. */
export const deliverabilityQuerySchema = z.strictObject({
  selector: z
    .string()
    .trim()
    .min(1)
    .max(63)
    .regex(/^[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*$/, 'A DKIM selector has only letters, digits, dashes, underscores and dots.')
    .optional(),
});

export const dnsProblemSchema = z.enum([
  'missing',
  'multiple',
  'invalid',
  'allows_all',
  'monitor_only',
  'null_mx',
  'lookup_failed',
]);
export type DnsProblem = z.infer<typeof dnsProblemSchema>;

export const dnsCheckSchema = z.object({
  /** Nothing to fix. */
  ok: z.boolean(),
  /** A record exists (it may still have a problem). */
  found: z.boolean(),
  /** In English, what is wrong; the extension shows its own text for `code`. */
  problem: z.string().optional(),
  /** In English, how to fix it. */
  fix: z.string().optional(),
  code: dnsProblemSchema.optional(),
  /** The record(s) found, as published. */
  records: z.array(z.string()).default([]),
});
export type DnsCheck = z.infer<typeof dnsCheckSchema>;

export const deliverabilitySchema = z.object({
  domain: z.string(),
  spf: dnsCheckSchema,
  dmarc: dnsCheckSchema,
  mx: dnsCheckSchema,
  /** `selectors`: where a key was found (or, when none was, the ones tried). */
  dkim: dnsCheckSchema.extend({ selectors: z.array(z.string()) }),
});
export type Deliverability = z.infer<typeof deliverabilitySchema>;
