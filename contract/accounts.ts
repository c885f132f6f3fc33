import { z } from 'zod';
import { emailAddressSchema, idSchema, isoDateTimeSchema, limits } from './common';
import { connectionFailureSchema } from './connection-failure';

export const incomingProtocolSchema = z.enum(['imap', 'pop3']);
export const securitySchema = z.enum(['tls', 'starttls', 'none']);
export type IncomingProtocol = z.infer<typeof incomingProtocolSchema>;
export type Security = z.infer<typeof securitySchema>;

const hostSchema = z
  .string()
  .trim()
  .min(1, 'Enter the server name, like imap.example.com.')
  .max(253)
  .regex(/^[a-zA-Z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, 'A server name has only letters, digits, dots and dashes.');
const portSchema = z.number().int().min(1, 'A port is between 1 and 65535.').max(65535, 'A port is between 1 and 65535.');
const usernameSchema = z.string().trim().min(1, 'Enter the login name.').max(limits.shortText);
const passwordSchema = z.string().min(1, 'Enter the password.').max(1024);

/** Incoming server as written by an admin; the password is write-only. */
export const incomingInputSchema = z.strictObject({
  protocol: incomingProtocolSchema,
  host: hostSchema,
  port: portSchema,
  security: securitySchema,
  username: usernameSchema,
  password: passwordSchema,
});
export const outgoingInputSchema = z.strictObject({
  host: hostSchema,
  port: portSchema,
  security: securitySchema,
  username: usernameSchema,
  password: passwordSchema,
});

export const createAccountRequestSchema = z.strictObject({
  address: emailAddressSchema,
  displayName: z.string().trim().max(limits.shortText).default(''),
  incoming: incomingInputSchema,
  outgoing: outgoingInputSchema.nullable().default(null),
  active: z.boolean().default(true),
});
export type CreateAccountRequest = z.input<typeof createAccountRequestSchema>;

/** PATCH: every field optional; an omitted password keeps the stored one. */
export const updateAccountRequestSchema = z.strictObject({
  address: emailAddressSchema.optional(),
  displayName: z.string().trim().max(limits.shortText).optional(),
  incoming: incomingInputSchema.extend({ password: passwordSchema.optional() }).optional(),
  outgoing: outgoingInputSchema.extend({ password: passwordSchema.optional() }).nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateAccountRequest = z.input<typeof updateAccountRequestSchema>;

const serverViewSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  security: securitySchema,
  username: z.string(),
  /** Passwords never leave the server; the UI only learns whether one is set. */
  hasPassword: z.boolean(),
});

/** What the calling user has on this account (null when they have no access, e.g. an admin). */
export const myAccessSchema = z.object({
  isDefault: z.boolean(),
  defaultSignatureId: idSchema.nullable(),
  expiresAt: isoDateTimeSchema.nullable(),
});
export type MyAccess = z.infer<typeof myAccessSchema>;

/** Where the account's mail sync stands (what the admin list's info tooltip shows). */
export const accountSyncSchema = z.object({
  /** 'off' for a deactivated account; 'error' until a pass succeeds again (see `lastError`). */
  state: z.enum(['idle', 'syncing', 'error', 'off']),
  lastSyncAt: isoDateTimeSchema.nullable(),
  /** Messages of the account stored by the sync so far, every folder. */
  messages: z.number().int(),
  /** The pass under way (state 'syncing'): messages read of those to read; null otherwise. */
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  lastError: z.string().nullable(),
  /** Why, for the UI to say in the user's language; null for an error of no known kind (and for members). */
  lastErrorCode: connectionFailureSchema.nullable(),
  lastErrorAt: isoDateTimeSchema.nullable(),
});
export type AccountSync = z.infer<typeof accountSyncSchema>;

export const emailAccountSchema = z.object({
  id: idSchema,
  address: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  /** Server settings: present for admins only. */
  incoming: serverViewSchema.extend({ protocol: incomingProtocolSchema }).nullable(),
  outgoing: serverViewSchema.nullable(),
  userCount: z.number().int(),
  processedCount: z.number().int(),
  lastSyncAt: isoDateTimeSchema.nullable(),
  lastSyncError: z.string().nullable(),
  sync: accountSyncSchema,
  createdAt: isoDateTimeSchema,
  myAccess: myAccessSchema.nullable(),
});
export type EmailAccount = z.infer<typeof emailAccountSchema>;

export const emailAccountListSchema = z.object({ items: z.array(emailAccountSchema) });

/** Access of one user to one account (the envelope dialog). */
export const accessEntrySchema = z.object({
  accountId: idSchema,
  user: z.object({ id: idSchema, email: z.string(), fullName: z.string() }),
  isDefault: z.boolean(),
  defaultSignatureId: idSchema.nullable(),
  /** Temporary access (holiday cover) ends by itself at this instant. */
  expiresAt: isoDateTimeSchema.nullable(),
  grantedAt: isoDateTimeSchema,
});
export type AccessEntry = z.infer<typeof accessEntrySchema>;
export const accessListSchema = z.object({ items: z.array(accessEntrySchema) });

export const putAccessRequestSchema = z.strictObject({
  isDefault: z.boolean().optional(),
  defaultSignatureId: idSchema.nullable().optional(),
  expiresAt: isoDateTimeSchema.nullable().optional(),
});
export type PutAccessRequest = z.infer<typeof putAccessRequestSchema>;

/** A user's own preferences on an account they can use (`PATCH /api/me/accounts/:id`). */
export const patchMyAccessRequestSchema = z.strictObject({
  isDefault: z.literal(true).optional(),
  defaultSignatureId: idSchema.nullable().optional(),
});
export type PatchMyAccessRequest = z.infer<typeof patchMyAccessRequestSchema>;
