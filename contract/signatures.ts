import { z } from 'zod';
import { idSchema, isoDateTimeSchema, limits } from './common';

export const signatureWarningSchema = z.object({
  code: z.enum(['svg_image']),
  message: z.string(),
  /** The offending image URL. */
  src: z.string(),
});
export type SignatureWarning = z.infer<typeof signatureWarningSchema>;

export const signatureSchema = z.object({
  id: idSchema,
  accountId: idSchema,
  name: z.string(),
  /** Sanitized HTML with merge tags still as `{{...}}`. */
  html: z.string(),
  position: z.number().int().min(1).max(limits.signaturesPerAccount),
  warnings: z.array(signatureWarningSchema),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type Signature = z.infer<typeof signatureSchema>;
export const signatureListSchema = z.object({ items: z.array(signatureSchema) });

const nameSchema = z.string().trim().min(1, 'Give the signature a name.').max(100);
const htmlSchema = z.string().max(limits.signatureHtml, 'A signature is at most 64 KB of HTML.');

export const createSignatureRequestSchema = z.strictObject({ name: nameSchema, html: htmlSchema });
export const updateSignatureRequestSchema = z.strictObject({
  name: nameSchema.optional(),
  html: htmlSchema.optional(),
});
export type CreateSignatureRequest = z.infer<typeof createSignatureRequestSchema>;
export type UpdateSignatureRequest = z.infer<typeof updateSignatureRequestSchema>;

/** `GET /api/signatures/:id/rendered`: filled in for the calling user, sanitized after merging. */
export const renderedSignatureSchema = z.object({
  id: idSchema.nullable(),
  html: z.string(),
  warnings: z.array(signatureWarningSchema),
});
export type RenderedSignature = z.infer<typeof renderedSignatureSchema>;

/** `POST /api/signatures/preview`: render unsaved HTML, as the caller or (admins) another user. */
export const previewSignatureRequestSchema = z.strictObject({
  accountId: idSchema,
  html: htmlSchema,
  asUserId: idSchema.optional(),
});
export type PreviewSignatureRequest = z.infer<typeof previewSignatureRequestSchema>;
