import type { AccountAccessTable, EmailAccountsTable } from './tables/accounts.table';
import type { AuditLogTable } from './tables/audit.table';
import type {
  AttachmentBlobsTable,
  FilingsTable,
  InboxEventsTable,
  MessageAccountsTable,
  MessagesTable,
  PresenceTable,
  RecordDomainsTable,
  RecordEmailsTable,
  RecordsTable,
  RecordWordsTable,
  SignaturesTable,
} from './tables/content.table';
import type { InvitationsTable, OrganisationsTable, SessionsTable, UsersTable } from './tables/identity.table';
import type { LoginAttemptsTable } from './tables/login-attempts.table';
import type { SyncFoldersTable, SyncPop3SeenTable, SyncStateTable } from './tables/sync.table';

/** The whole schema as Kysely sees it; must match migrations/. */
export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  email_accounts: EmailAccountsTable;
  account_access: AccountAccessTable;
  signatures: SignaturesTable;
  records: RecordsTable;
  record_emails: RecordEmailsTable;
  record_domains: RecordDomainsTable;
  record_words: RecordWordsTable;
  messages: MessagesTable;
  message_accounts: MessageAccountsTable;
  filings: FilingsTable;
  attachment_blobs: AttachmentBlobsTable;
  presence: PresenceTable;
  inbox_events: InboxEventsTable;
  audit_log: AuditLogTable;
  login_attempts: LoginAttemptsTable;
  sync_folders: SyncFoldersTable;
  sync_pop3_seen: SyncPop3SeenTable;
  sync_state: SyncStateTable;
}
