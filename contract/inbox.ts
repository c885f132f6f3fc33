import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common';
import { filingSchema, mailAddressSchema } from './filings';
import { recordKindSchema } from './records';

/**
 * An account's shared inbox: its synced mail that no rule filed, for its users to share out.
 * A message is in exactly one of three states (filing it takes it out of the first two):
 * - `open`: not filed, not handled, assigned to nobody;
 * - `assigned`: not filed, not handled, assigned to someone;
 * - `handled`: marked handled (filed or not).
 * `all` is every synced message of the account, filed ones included. `assignee=me` keeps only the
 * caller's (with any state).
 */
export const inboxStateSchema = z.enum(['open', 'assigned', 'handled', 'all']);
export type InboxState = z.infer<typeof inboxStateSchema>;

export const inboxPageSize = 25;

export const inboxQuerySchema = z.strictObject({
  state: inboxStateSchema.default('open'),
  assignee: z.literal('me').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(inboxPageSize),
  /** `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(512).optional(),
});
export type InboxQuery = z.input<typeof inboxQuerySchema>;

export const inboxPersonSchema = z.object({ id: idSchema, fullName: z.string() });
export type InboxPerson = z.infer<typeof inboxPersonSchema>;

export const inboxActionSchema = z.enum(['assigned', 'unassigned', 'handled', 'reopened', 'filed']);
export type InboxAction = z.infer<typeof inboxActionSchema>;

/** One step of a message's history; `by` is null when the sync did it or the user is gone. */
export const inboxEventSchema = z.object({
  action: inboxActionSchema,
  by: inboxPersonSchema.nullable(),
  at: isoDateTimeSchema,
  /** Who it was assigned to (`assigned`). */
  assignee: inboxPersonSchema.nullable().optional(),
  /** The record it was filed to (`filed`). */
  record: z.object({ id: idSchema, kind: recordKindSchema, name: z.string() }).optional(),
});
export type InboxEvent = z.infer<typeof inboxEventSchema>;

export const inboxMessageSchema = z.object({
  /** The stored message's id (the `:messageId` of the inbox routes). */
  id: idSchema,
  /** Normalised Message-ID or `fp:<hash>`: what filings and presence name the message by. */
  key: z.string(),
  /** The RFC Message-ID, when the message had one: filing sends it back as `message.messageId`. */
  messageId: z.string().nullable(),
  threadId: z.string().nullable(),
  subject: z.string(),
  from: mailAddressSchema,
  to: z.array(mailAddressSchema),
  cc: z.array(mailAddressSchema),
  date: isoDateTimeSchema,
  receivedAt: isoDateTimeSchema,
  folder: z.string().nullable(),
  snippet: z.string(),
  filings: z.array(filingSchema),
  assignee: inboxPersonSchema.nullable(),
  assignedBy: inboxPersonSchema.nullable(),
  assignedAt: isoDateTimeSchema.nullable(),
  handledBy: inboxPersonSchema.nullable(),
  handledAt: isoDateTimeSchema.nullable(),
  /** Oldest first. */
  history: z.array(inboxEventSchema),
});
export type InboxMessage = z.infer<typeof inboxMessageSchema>;

/** Newest first (by when the account received it); `nextCursor` is null on the last page. */
export const inboxPageSchema = z.object({
  items: z.array(inboxMessageSchema),
  nextCursor: z.string().nullable(),
});
export type InboxPage = z.infer<typeof inboxPageSchema>;

/** `userId: null` unassigns. The user must be active and able to use the account. */
export const assignRequestSchema = z.strictObject({ userId: idSchema.nullable() });
export type AssignRequest = z.infer<typeof assignRequestSchema>;

/** Who a message of the account can be assigned to: its active users with access now. */
export const inboxAssigneesSchema = z.object({
  items: z.array(inboxPersonSchema.extend({ email: z.string() })),
});
export type InboxAssignees = z.infer<typeof inboxAssigneesSchema>;
