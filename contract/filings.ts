import { z } from 'zod';
import { idSchema, isoDateTimeSchema, limits } from './common';
import { newRecordSchema, recordKindSchema } from './records';

/** A participant as read from a header or the webmail page. The address may be broken mail. */
export const mailAddressSchema = z.strictObject({
  name: z.string().max(limits.shortText).optional(),
  address: z.string().trim().max(320),
});
export type MailAddress = z.infer<typeof mailAddressSchema>;

export const attachmentMetaSchema = z.strictObject({
  name: z.string().max(limits.shortText * 2),
  size: z.number().int().nonnegative().max(1024 * 1024 * 1024),
  contentType: z.string().max(limits.shortText),
});

/** A message as the extension (or sync) read it. `messageId` is the RFC Message-ID, if known. */
export const messageInputSchema = z.strictObject({
  messageId: z.string().max(998).nullable().optional(),
  threadId: z.string().max(limits.shortText).nullable().optional(),
  subject: z.string().max(limits.longText).default(''),
  from: mailAddressSchema,
  to: z.array(mailAddressSchema).max(limits.recipients).default([]),
  cc: z.array(mailAddressSchema).max(limits.recipients).default([]),
  date: isoDateTimeSchema,
  snippet: z.string().max(limits.longText).default(''),
  bodyHtml: z.string().max(limits.bodyHtml).nullable().optional(),
  bodyText: z.string().max(limits.bodyText).nullable().optional(),
  attachments: z.array(attachmentMetaSchema).max(limits.attachmentsPerMessage).default([]),
});
export type MessageInput = z.input<typeof messageInputSchema>;

/**
 * Files `message` to `recordIds` and, with `newRecord`, to a record created in the same
 * transaction ("Create and file": nothing is half-written when the filing fails).
 */
export const fileRequestSchema = z
  .strictObject({
    accountId: idSchema,
    message: messageInputSchema,
    recordIds: z.array(idSchema).max(50),
    newRecord: newRecordSchema.optional(),
  })
  .refine((r) => r.recordIds.length > 0 || r.newRecord !== undefined, {
    path: ['recordIds'],
    message: 'Choose at least one record.',
  });
export type FileRequest = z.input<typeof fileRequestSchema>;

export const storedMessageSchema = z.object({
  id: idSchema,
  /** Normalised Message-ID, or `fp:<hash>` when the message had none. */
  messageKey: z.string(),
  messageId: z.string().nullable(),
  threadId: z.string().nullable(),
  subject: z.string(),
  from: z.object({ name: z.string().optional(), address: z.string() }),
  date: isoDateTimeSchema,
  snippet: z.string(),
  attachments: z.array(z.object({ name: z.string(), size: z.number(), contentType: z.string() })),
});
export type StoredMessage = z.infer<typeof storedMessageSchema>;

export const filingSchema = z.object({
  id: idSchema,
  record: z.object({ id: idSchema, kind: recordKindSchema, name: z.string() }),
  filedBy: z.object({ id: idSchema, fullName: z.string() }).nullable(),
  filedAt: isoDateTimeSchema,
  source: z.enum(['manual', 'sync']),
});
export type Filing = z.infer<typeof filingSchema>;

/** Where one message is filed. `message` is null when it was never filed. */
export const filingStateSchema = z.object({
  message: storedMessageSchema.nullable(),
  filings: z.array(filingSchema),
});
export type FilingState = z.infer<typeof filingStateSchema>;

export const filingQuerySchema = z.strictObject({
  messageId: z.string().min(1).max(998),
});

/** Gmail shows at most 100 messages in a conversation: one lookup covers the whole of one. */
export const maxLookupMessages = limits.lookupMessages;

/**
 * `GET /api/filings/lookup?messageId=a&messageId=b`: where each of several messages is filed, in
 * one request (the toolbar buttons of a conversation, the filing view). Same keys as `messageId`
 * of `GET /api/filings`.
 */
export const filingLookupQuerySchema = z.strictObject({
  messageId: z
    .union([z.string().min(1).max(998), z.array(z.string().min(1).max(998)).min(1).max(maxLookupMessages)])
    .transform((e) => (Array.isArray(e) ? e : [e])),
});
/** One entry per asked `messageId`, in the order asked, echoing it as given. */
export const filingLookupSchema = z.object({
  items: z.array(filingStateSchema.extend({ messageId: z.string() })),
});
export type FilingLookup = z.infer<typeof filingLookupSchema>;

export const recordMessagesSchema = z.object({
  items: z.array(
    storedMessageSchema.extend({
      filedAt: isoDateTimeSchema,
      /** Who filed it to this record; null when sync did. */
      filedBy: z.object({ id: idSchema, fullName: z.string() }).nullable(),
    }),
  ),
  total: z.number().int(),
});
export type RecordMessages = z.infer<typeof recordMessagesSchema>;
