import { z } from 'zod';
import { emailAddressSchema, idSchema, isoDateTimeSchema, limits } from './common';

export const recordKindSchema = z.enum(['client', 'contact', 'company']);
export type RecordKind = z.infer<typeof recordKindSchema>;

/** A CRM record mail can be filed to. `domains` only for companies; `companyId` not for companies. */
export const crmRecordSchema = z.object({
  id: idSchema,
  kind: recordKindSchema,
  name: z.string(),
  emails: z.array(z.string()),
  phone: z.string().nullable(),
  companyId: idSchema.nullable(),
  companyName: z.string().nullable(),
  domains: z.array(z.string()),
  createdAt: isoDateTimeSchema,
});
export type CrmRecord = z.infer<typeof crmRecordSchema>;

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'Enter a domain like example.com.');

export const createRecordRequestSchema = z.strictObject({
  kind: recordKindSchema,
  name: z.string().trim().min(1, 'Enter a name.').max(limits.shortText),
  emails: z.array(emailAddressSchema).max(20).default([]),
  phone: z.string().trim().max(50).nullable().default(null),
  companyId: idSchema.nullable().default(null),
  domains: z.array(domainSchema).max(20).default([]),
});
export type CreateRecordRequest = z.input<typeof createRecordRequestSchema>;
export const updateRecordRequestSchema = createRecordRequestSchema.omit({ kind: true }).partial();
export type UpdateRecordRequest = z.input<typeof updateRecordRequestSchema>;

export const recordSearchQuerySchema = z.strictObject({
  q: z.string().max(limits.shortText).default(''),
  kind: recordKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const recordListSchema = z.object({ items: z.array(crmRecordSchema), total: z.number().int() });

export const suggestionSchema = z.object({
  record: crmRecordSchema,
  /** `email`: one of the record's addresses is a participant; `domain`: a company's domain is. */
  reason: z.enum(['email', 'domain']),
  matched: z.string(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;
export const suggestionListSchema = z.object({ items: z.array(suggestionSchema) });
