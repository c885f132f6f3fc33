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
  /**
   * The record's id in another system (an ERP, a spreadsheet), unique in the organisation; set by
   * `PUT /api/records/by-external-id/:externalId`, a CSV import or a PATCH. Always sent by the
   * server; optional here so records built by the extension need not carry it.
   */
  externalId: z.string().nullable().optional(),
  createdAt: isoDateTimeSchema,
});
export type CrmRecord = z.infer<typeof crmRecordSchema>;

export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'Enter a domain like example.com.');

/** A record's id in another system (see `crmRecordSchema.externalId`). */
export const externalIdSchema = z
  .string()
  .trim()
  .min(1, 'Enter an external id.')
  .max(100, 'An external id has at most 100 characters.');

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
  /** null clears it; another record of the organisation holding it answers 409 `conflict`. */
  externalId: externalIdSchema.nullable().optional(),
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

// ---------------------------------------------------------------------------------------------
// Administration of records (the options page's Records view): detail, delete, merge, upsert by
// external id, CSV import and export. Delete, merge, import, export and the upsert are for
// administrators (403 `forbidden` otherwise); every user may still create and edit records.

/** The paths of the records administration, for the API client. */
export const recordPaths = {
  list: '/api/records',
  one: (id: string) => `/api/records/${encodeURIComponent(id)}`,
  merge: (id: string) => `/api/records/${encodeURIComponent(id)}/merge`,
  byExternalId: (externalId: string) => `/api/records/by-external-id/${encodeURIComponent(externalId)}`,
  import: '/api/records/import',
  export: '/api/records/export',
} as const;

/** `GET /api/records/:id`: the record, and how many filed messages a delete would take with it. */
export const recordDetailSchema = crmRecordSchema.extend({
  externalId: z.string().nullable(),
  /** Filings of this record (messages filed to it); they are deleted with the record. */
  filingCount: z.number().int().nonnegative(),
  /** Records whose company this is (companies only; 0 otherwise); they lose the link on delete. */
  contactCount: z.number().int().nonnegative(),
});
export type RecordDetail = z.infer<typeof recordDetailSchema>;

/**
 * `POST /api/records/:id/merge`: the record `mergeId` is merged into `:id` (kept): its emails,
 * domains, filings and contacts move to the kept record, then it is deleted. Persons (client,
 * contact) merge with each other, companies with companies; a company and a person do not (422
 * `validation_failed`, field `mergeId`), nor a record with itself. Answers the kept record.
 */
export const mergeRecordRequestSchema = z.strictObject({ mergeId: idSchema });
export type MergeRecordRequest = z.input<typeof mergeRecordRequestSchema>;

/**
 * `PUT /api/records/by-external-id/:externalId`: the whole record (fields left out take their
 * defaults, as on create). 201 when created, 200 when an existing record was updated. A client may
 * become a contact and back; a company cannot become a person (422).
 */
export const upsertRecordRequestSchema = createRecordRequestSchema;
export type UpsertRecordRequest = z.input<typeof upsertRecordRequestSchema>;

/** Query of `POST /api/records/import` (body: the CSV file, `Content-Type: text/csv`). */
export const recordImportQuerySchema = z.strictObject({
  /** `true`: the same answer, nothing written. */
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

/** Why a row of an import was refused, as a code the UI may translate (`reason` is in English). */
export const importRefusalCodes = [
  'name_missing',
  'kind_unknown',
  'email_invalid',
  'domain_invalid',
  'domains_not_company',
  'company_for_company',
  'field_too_long',
  /** The row's external id and email (or domain) name two different existing records. */
  'ambiguous_match',
  /** The row matches a record of another kind that it cannot become (company ↔ person). */
  'kind_mismatch',
  /** The external id is held by another record (a row matched by email carrying another's id). */
  'external_id_taken',
  'too_many_values',
] as const;
export const importRefusalSchema = z.object({
  /** Line of the file where the row starts (1 = the header line; quoted fields may span lines). */
  line: z.number().int().positive(),
  code: z.enum(importRefusalCodes),
  reason: z.string(),
});
export type ImportRefusal = z.infer<typeof importRefusalSchema>;

export const recordImportResultSchema = z.object({
  /** Rows that created a record (and companies created because a row named them in `company`). */
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  refused: z.array(importRefusalSchema),
  dryRun: z.boolean(),
});
export type RecordImportResult = z.infer<typeof recordImportResultSchema>;

/**
 * With `Accept: application/x-ndjson` the import answers 200 at once and streams one JSON object
 * per line: a `progress` line after each batch written (`done` rows of `total`), then one `result`
 * line, or an `error` line if a batch failed after others were written (those stay written).
 */
export const recordImportProgressLineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  z.object({ type: z.literal('result'), result: recordImportResultSchema }),
  z.object({ type: z.literal('error'), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type RecordImportProgressLine = z.infer<typeof recordImportProgressLineSchema>;

/** `GET /api/records/export?kind=`: CSV (UTF-8 with BOM), these English headers, in this order. */
export const recordCsvHeaders = ['External ID', 'Kind', 'Name', 'Emails', 'Phone', 'Company', 'Domains'] as const;
export const recordExportQuerySchema = z.strictObject({ kind: recordKindSchema.optional() });

/** The most an import body may weigh (about 100,000 rows). */
export const RECORD_IMPORT_MAX_BYTES = 32 * 1024 * 1024;
