import { z } from 'zod';
import { idSchema, isoDateTimeSchema, limits } from './common';

/**
 * Attachment content kept with a filed message. Names, sizes and types always travel
 * with the filing (`attachments` in the message); the bytes only when the user asks, at most
 * `limits.attachmentBytesPerMessage` per message, enforced by the API (413 `payload_too_large`).
 */
export const uploadAttachmentRequestSchema = z.strictObject({
  /** The account the message was filed from: the caller must be able to use it. */
  accountId: idSchema,
  /** Raw Message-ID or `fp:` key of a message already filed. */
  messageId: z.string().trim().min(1).max(998),
  name: z.string().trim().min(1).max(limits.shortText * 2),
  contentType: z.string().trim().min(1).max(limits.shortText),
  /** The file's bytes, base64 (JSON keeps one body format across the API). */
  contentBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The content must be base64.'),
});
export type UploadAttachmentRequest = z.infer<typeof uploadAttachmentRequestSchema>;

export const storedAttachmentSchema = z.object({
  id: idSchema,
  name: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  createdAt: isoDateTimeSchema,
});
export type StoredAttachment = z.infer<typeof storedAttachmentSchema>;

export const attachmentListQuerySchema = z.strictObject({
  accountId: idSchema,
  messageId: z.string().trim().min(1).max(998),
});
export type AttachmentListQuery = z.infer<typeof attachmentListQuerySchema>;
export const attachmentListSchema = z.object({
  items: z.array(storedAttachmentSchema),
  /** Bytes stored for the message and the cap, so a client can tell what still fits. */
  totalBytes: z.number().int().nonnegative(),
  maxBytes: z.number().int().positive(),
});
export type AttachmentList = z.infer<typeof attachmentListSchema>;

/**
 * Largest JSON body the upload route reads: the cap in base64 (4/3) plus room for the other
 * fields. Beyond it the API answers 413 before reading the body.
 */
export const attachmentUploadBodyLimit = Math.ceil((limits.attachmentBytesPerMessage * 4) / 3) + 64 * 1024;
