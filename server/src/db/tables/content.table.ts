import type { Generated, Insertable, Selectable } from 'kysely';

// Tables whose repositories belong to the content modules (signatures, records, filings, presence).
// The schema itself lives with the migrations so there is one place to read it.

export interface SignaturesTable {
  id: string;
  account_id: string;
  name: string;
  html: string;
  /** 1..3 within the account. */
  position: number;
  created_at: string;
  updated_at: string;
}

export interface RecordsTable {
  id: string;
  org_id: string;
  kind: 'client' | 'contact' | 'company';
  name: string;
  /** Accent- and case-folded name, for search on both databases. */
  name_folded: string;
  phone: string | null;
  company_id: string | null;
  /** The record's id in another system; unique in the organisation (migration 0007). */
  external_id: string | null;
  created_at: string;
}

export interface RecordEmailsTable {
  record_id: string;
  email: string;
}

export interface RecordDomainsTable {
  record_id: string;
  domain: string;
}

/**
 * The search index: one row per distinct word of a record's folded name. Written only by the
 * triggers of migration 0003; read by records-search.repository.ts.
 */
export interface RecordWordsTable {
  org_id: string;
  word: string;
  name_folded: string;
  record_id: string;
  kind: RecordsTable['kind'];
}

export interface MessagesTable {
  id: string;
  org_id: string;
  /** Normalised Message-ID or `fp:<hash>`; unique per organisation. */
  message_key: string;
  message_id: string | null;
  thread_id: string | null;
  subject: string;
  from_name: string | null;
  from_address: string;
  to_json: string;
  cc_json: string;
  date: string;
  snippet: string;
  /** Sanitized HTML only, ever (what any reader may show); null while pending or when dropped. */
  body_html: string | null;
  /**
   * The HTML body as received, until the background job sanitizes it into `body_html`
   * (filings/pending-bodies.ts). Never read anywhere else, never served.
   */
  body_html_pending: string | null;
  body_text: string | null;
  attachments_json: string;
  /** Normalised Message-ID this one answers, if any. */
  in_reply_to: string | null;
  /** JSON array of the normalised Message-IDs of the References header. */
  references_json: Generated<string>;
  created_at: string;
}

export interface MessageAccountsTable {
  message_id: string;
  account_id: string;
  /** How the message reached the account: filed from the extension, or read by the sync. */
  source: Generated<'manual' | 'sync'>;
  /** Mailbox it was synced from; null for manual. */
  folder: string | null;
  /** When the account received it (synced mail only). */
  received_at: string | null;
  /** Shared inbox (synced mail): who holds it, who gave it to them and when. */
  assigned_to: string | null;
  assigned_by: string | null;
  assigned_at: string | null;
  /** Handled when `handled_at` is set (the user may since have been deleted). */
  handled_by: string | null;
  handled_at: string | null;
}

/** What happened to a message in an account's shared inbox, oldest first when read. */
export interface InboxEventsTable {
  id: string;
  account_id: string;
  message_id: string;
  action: 'assigned' | 'unassigned' | 'handled' | 'reopened';
  actor_id: string | null;
  /** The user it was assigned to ('assigned' only). */
  assignee_id: string | null;
  at: string;
}

export interface FilingsTable {
  id: string;
  message_id: string;
  record_id: string;
  /** Null for sync filings, or once the user is deleted. */
  filed_by: string | null;
  filed_at: string;
  source: 'manual' | 'sync';
}

export interface AttachmentBlobsTable {
  id: string;
  message_id: string;
  name: string;
  content_type: string;
  size: number;
  content: Buffer;
  created_at: string;
}

export interface PresenceTable {
  org_id: string;
  account_id: string;
  thread_key: string;
  user_id: string;
  state: string;
  updated_at: string;
}

export type SignatureRow = Selectable<SignaturesTable>;
export type NewSignature = Insertable<SignaturesTable>;
export type RecordRow = Selectable<RecordsTable>;
export type NewRecord = Insertable<RecordsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
export type FilingRow = Selectable<FilingsTable>;
export type NewFiling = Insertable<FilingsTable>;
