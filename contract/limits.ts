/**
 * Kept free of zod so that content scripts can import the caps without pulling the schemas (and
 * zod) into the Gmail bundle: the content script's size budget is 40 KB gzip.
 */
/** Caps that keep one request from filling the database; the UI shows the same limits. */
export const limits = {
  shortText: 200,
  longText: 2_000,
  signatureHtml: 64 * 1024,
  bodyHtml: 2 * 1024 * 1024,
  bodyText: 1024 * 1024,
  signaturesPerAccount: 3,
  recipients: 500,
  attachmentsPerMessage: 100,
  /** Messages one `GET /api/filings/lookup` may ask about. */
  lookupMessages: 100,
  /** Attachment content per message, enforced server-side. */
  attachmentBytesPerMessage: 25 * 1024 * 1024,
  /**
   * Levels of objects and arrays a JSON request body may nest. The deepest real body (a filing:
   * request → message → recipients → one address) uses 4; the rest of the margin costs nothing,
   * and the cap keeps every walk over a body (and every schema check) far from the stack's limit.
   */
  jsonNestingDepth: 64,
} as const;
