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
  /**
   * An address already held by another record is refused (409 `conflict`): people expect one
   * record per person, as in HubSpot. Sent as true after the user saw the existing record and
   * still wants a second one (the same address on a person and on their firm, say).
   */
  allowDuplicateEmail: z.boolean().default(false),
});
export type CreateRecordRequest = z.input<typeof createRecordRequestSchema>;

/**
 * A record created in the same transaction as a filing (`POST /api/filings` with `newRecord`).
 * `id` is chosen by the client (a UUID) so the filing queue can send the request again after a
 * lost answer: a record with this id already in the organisation is reused, never created twice.
 * `company`, for a person: a company created with it (same idempotency), instead of `companyId`.
 */
export const newRecordSchema = createRecordRequestSchema.extend({
  id: z.uuid(),
  company: z
    .strictObject({
      id: z.uuid(),
      name: z.string().trim().min(1, 'Enter a name.').max(limits.shortText),
      domains: z.array(domainSchema).max(20).default([]),
    })
    .optional(),
});
export type NewRecordRequest = z.input<typeof newRecordSchema>;
/**
 * PATCH: only the fields sent change. Spelled out rather than `.partial()` of the create schema,
 * whose `.default()`s would fill omitted fields and wipe a record's emails on a rename.
 */
export const updateRecordRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter a name.').max(limits.shortText).optional(),
  emails: z.array(emailAddressSchema).max(20).optional(),
  phone: z.string().trim().max(50).nullable().optional(),
  companyId: idSchema.nullable().optional(),
  domains: z.array(domainSchema).max(20).optional(),
});
export type UpdateRecordRequest = z.input<typeof updateRecordRequestSchema>;

/** The most matches a search counts; beyond it the answer says `totalCapped` ("1,000+"). */
export const SEARCH_COUNT_CAP = 1_000;

export const recordSearchQuerySchema = z.strictObject({
  q: z.string().max(limits.shortText).default(''),
  kind: recordKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** `nextCursor` of the previous page (opaque); the same `q` and `kind` must be sent with it. */
  cursor: z.string().max(1_000).regex(/^[A-Za-z0-9_-]+$/).optional(),
});
export const recordListSchema = z.object({
  items: z.array(crmRecordSchema),
  /** Matches counted up to SEARCH_COUNT_CAP; `totalCapped` when there are more. */
  total: z.number().int().nonnegative(),
  totalCapped: z.boolean(),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type RecordList = z.infer<typeof recordListSchema>;

export const suggestionSchema = z.object({
  record: crmRecordSchema,
  /**
   * `email`: one of the record's addresses is a participant; `domain`: a company's domain is;
   * `company`: the company of a record matched by email (`matched` is that email); `thread`: a
   * message of the conversation is filed to it (`matched` is that message's key), listed first.
   */
  reason: z.enum(['thread', 'email', 'domain', 'company']),
  matched: z.string(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

/**
 * `GET /api/records/suggest?email=a@x.com&email=b@y.com&message=<id>`: the participants of a
 * message and, optionally, the keys (Message-IDs or `fp:` keys) of the conversation's messages,
 * whose thread's records then come first.
 */
export const suggestQuerySchema = z.strictObject({
  email: z
    .union([z.string().trim().max(320), z.array(z.string().trim().max(320)).max(200)])
    .transform((e) => (Array.isArray(e) ? e : [e])),
  message: z
    .union([z.string().max(998), z.array(z.string().max(998)).max(100)])
    .transform((m) => (Array.isArray(m) ? m : [m]))
    .optional(),
});
export const suggestionListSchema = z.object({ items: z.array(suggestionSchema) });

/**
 * `GET /api/records/lookup?email=&domain=`: what the "create a record" form checks as the user
 * types. `email`: records holding exactly this address (a duplicate); `domain`: companies owning
 * it or a parent domain (the company to link to, or a duplicate company). Free-mail domains never
 * match a company.
 */
export const recordLookupQuerySchema = z.strictObject({
  email: z.string().trim().toLowerCase().max(320).optional(),
  domain: z.string().trim().toLowerCase().max(253).optional(),
});
export type RecordLookupQuery = z.input<typeof recordLookupQuerySchema>;
export const recordLookupSchema = z.object({ byEmail: z.array(crmRecordSchema), byDomain: z.array(crmRecordSchema) });
export type RecordLookup = z.infer<typeof recordLookupSchema>;
