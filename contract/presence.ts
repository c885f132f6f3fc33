import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common';

/**
 * Collision hints on shared accounts: who else is looking at, or replying to, the same
 * conversation. Stored in the `presence` table so every API process answers the same.
 */
export const presenceStateSchema = z.enum(['viewing', 'replying']);
export type PresenceState = z.infer<typeof presenceStateSchema>;

/** Entries older than this are not shown: the user has moved on (or closed the tab). */
export const presenceWindowMinutes = 5;

/**
 * A conversation as every user of the account names it: the message key of its first message
 * (webmail thread ids differ between Gmail and Outlook, and between mailboxes).
 */
export const threadKeySchema = z.string().trim().min(1).max(998);

export const putPresenceRequestSchema = z.strictObject({
  accountId: idSchema,
  threadKey: threadKeySchema,
  state: presenceStateSchema,
});
export type PutPresenceRequest = z.infer<typeof putPresenceRequestSchema>;

export const presenceQuerySchema = z.strictObject({
  accountId: idSchema,
  threadKey: threadKeySchema,
});
export type PresenceQuery = z.infer<typeof presenceQuerySchema>;

export const presenceEntrySchema = z.object({
  user: z.object({ id: idSchema, fullName: z.string() }),
  state: presenceStateSchema,
  updatedAt: isoDateTimeSchema,
});
export type PresenceEntry = z.infer<typeof presenceEntrySchema>;

/** Other users active on the conversation in the last `presenceWindowMinutes`, newest first. */
export const presenceListSchema = z.object({ items: z.array(presenceEntrySchema) });
export type PresenceList = z.infer<typeof presenceListSchema>;
