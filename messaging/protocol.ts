/**
 * The one message protocol between the background (which alone holds the token and calls the API)
 * and everything else: popup, side panel, options page, content scripts. Each entry maps a
 * message name to its request and response. Add an entry here, handle it in
 * `background/handlers.ts`, call it with `send()` from `messaging/client.ts`.
 */
import type {
  AccessEntry,
  AdminUser,
  CreateUserRequest,
  InvitationInfo,
  PasswordChangeRequest,
  ProfilePatch,
  UpdateUserRequest,
  UserCredentials,
  UserListQuery,
  CreateAccountRequest,
  CreateRecordRequest,
  CreateSignatureRequest,
  CrmRecord,
  EmailAccount,
  ErrorCode,
  FileRequest,
  FilingState,
  MeResponse,
  PatchMyAccessRequest,
  PreviewSignatureRequest,
  PutAccessRequest,
  RecordKind,
  RecordList,
  RenderedSignature,
  Signature,
  Suggestion,
  UpdateAccountRequest,
  UpdateSignatureRequest,
  User,
} from '@/contract';
import type { OpenConversation, WebmailProvider } from '@/webmail/types';
import type { Locale } from '@/locales/catalog';
import type { NativeSignaturePolicy } from '@/utils/signature-prefs';

/** What the UI knows of the session; never contains the token. */
export type SessionState =
  | { status: 'signed-out'; serverUrl: string; reason?: 'expired' }
  /** `mustChangePassword`: signed in with a one-time password; nothing works until a new one is set. */
  | { status: 'signed-in'; serverUrl: string; me: MeResponse; mustChangePassword?: true };

/**
 * Scripts injected on demand (see `webmail/README.md`): the page cores, the in-page UI, its texts
 * in one language (`locales/in-page.ts`) and its sanitizer (`utils/page-sanitizer.ts`).
 */
export type PageScript = 'gmail-core' | 'outlook-core' | 'mail-ui' | 'mail-ui-en' | 'mail-ui-fr' | 'mail-sanitizer';

/** What a webmail tab reported last (kept per tab by the background, shown by the side panel). */
export interface TabState {
  tabId: number;
  provider: WebmailProvider;
  conversation?: OpenConversation;
}

export interface ProtocolMap {
  'session.get': { req: void; res: SessionState };
  'session.signIn': { req: { serverUrl: string; email: string; password: string }; res: SessionState };
  'session.signOut': { req: void; res: SessionState };

  /**
   * The user's choice about the webmail's own signature (`utils/signature-prefs.ts`), kept by the
   * background so the in-page UI chunk carries no storage library (size budget).
   */
  'prefs.nativeSignature.get': { req: void; res: NativeSignaturePolicy };
  'prefs.nativeSignature.set': { req: { policy: NativeSignaturePolicy }; res: void };

  /** Accounts the signed-in user can use (active, access not expired), with their preferences. */
  'accounts.mine': { req: void; res: EmailAccount[] };
  'accounts.patchMine': { req: { accountId: string; patch: PatchMyAccessRequest }; res: EmailAccount[] };

  'admin.accounts.list': { req: void; res: EmailAccount[] };
  'admin.accounts.create': { req: CreateAccountRequest; res: EmailAccount };
  'admin.accounts.update': { req: { id: string; patch: UpdateAccountRequest }; res: EmailAccount };
  'admin.accounts.delete': { req: { id: string }; res: void };
  /** Connects to the servers as the account form holds them (passwords left out: the stored ones). */
  'admin.accounts.testConnection': { req: import('@/contract').TestConnectionRequest; res: import('@/contract').TestConnectionResponse };
  /** SPF, DMARC, MX and DKIM of the account's domain. */
  'admin.accounts.deliverability': { req: { accountId: string; selector?: string }; res: import('@/contract').Deliverability };
  'admin.access.list': { req: { accountId: string }; res: AccessEntry[] };
  'admin.access.put': { req: { accountId: string; userId: string; access: PutAccessRequest }; res: AccessEntry };
  'admin.access.delete': { req: { accountId: string; userId: string }; res: void };
  /** The access dialog's search; `status` tells deactivated people apart. */
  'admin.users.search': { req: { q: string }; res: (User & Partial<Pick<AdminUser, 'status'>>)[] };
  /** People (admins): list with status and mailboxes; add; edit; deactivate/reactivate; new way in. */
  'admin.users.list': { req: Partial<UserListQuery>; res: { items: AdminUser[]; total: number } };
  'admin.users.create': { req: CreateUserRequest; res: UserCredentials };
  'admin.users.update': { req: { id: string; patch: UpdateUserRequest }; res: AdminUser };
  'admin.users.setActive': { req: { id: string; active: boolean }; res: AdminUser };
  /** A new invitation, or a one-time password; the previous one stops working. */
  'admin.users.reissue': { req: { id: string; temporaryPassword: boolean }; res: UserCredentials };

  /** Not signed in: who an invitation code is for, on `serverUrl`. */
  'invitations.inspect': { req: { serverUrl: string; token: string }; res: InvitationInfo };
  /** Redeems the code with the person's own password, and signs them in. */
  'invitations.accept': { req: { serverUrl: string; token: string; password: string }; res: SessionState };
  /** One's own names, title and phones (what signatures print). */
  'me.update': { req: ProfilePatch; res: SessionState };
  /** Also ends the must-change-password state; the server ends the other sessions. */
  'me.changePassword': { req: PasswordChangeRequest; res: SessionState };

  'signatures.list': { req: { accountId: string }; res: Signature[] };
  'signatures.create': { req: { accountId: string; signature: CreateSignatureRequest }; res: Signature };
  'signatures.update': { req: { id: string; patch: UpdateSignatureRequest }; res: Signature };
  'signatures.delete': { req: { id: string }; res: void };
  'signatures.rendered': { req: { id: string }; res: RenderedSignature };
  'signatures.preview': { req: PreviewSignatureRequest; res: RenderedSignature };

  'records.search': { req: { q: string; kind?: RecordKind; limit?: number; cursor?: string }; res: RecordList };
  /** `messageKeys`: the conversation's message keys, so the records its thread is filed to come first. */
  'records.suggest': { req: { emails: string[]; messageKeys?: string[] }; res: Suggestion[] };
  'records.create': { req: CreateRecordRequest; res: CrmRecord };
  'records.get': { req: { id: string }; res: CrmRecord };
  /** The "create a record" form's check: records holding the address, companies owning the domain. */
  'records.lookup': { req: import('@/contract').RecordLookupQuery; res: import('@/contract').RecordLookup };
  /** A record's most recent filed mail (the record card). */
  'records.messages': { req: { id: string; limit: number }; res: import('@/contract').RecordMessages };
  /** Any user may edit a record (name, emails, phone, company, a company's domains). */
  'records.update': { req: { id: string; patch: import('@/contract').UpdateRecordRequest }; res: CrmRecord };
  /** Records administration (admins): the record with how many filings and contacts go with it. */
  'admin.records.detail': { req: { id: string }; res: import('@/contract').RecordDetail };
  /** Deletes the record and its filings; its contacts lose their company. */
  'admin.records.delete': { req: { id: string }; res: void };
  /** `mergeId` moves into `id` (kept, answered) and is deleted. */
  'admin.records.merge': { req: { id: string; mergeId: string }; res: CrmRecord };
  /**
   * A CSV import: `csv` is the file's bytes in base64 (messages carry JSON, and the server reads
   * the file's own encoding). `dryRun`: what it would do, nothing written; otherwise the import
   * runs, its progress broadcast as `records.importProgress` with this `importId`.
   */
  'admin.records.import': {
    req: { csv: string; dryRun: boolean; importId: string };
    res: import('@/contract').RecordImportResult;
  };
  /** The records as CSV text (every kind, or one). */
  'admin.records.export': { req: { kind?: RecordKind }; res: { csv: string } };

  'filings.get': { req: { messageId: string }; res: FilingState };
  /** Where each of these messages (keys) is filed, in one request; one entry per key, in order. */
  'filings.lookup': { req: { messageIds: string[] }; res: import('@/contract').FilingLookup['items'] };
  'filings.file': { req: FileRequest; res: FilingState };
  'filings.unfile': { req: { filingId: string }; res: void };
  /**
   * Filing through the persistent queue: stored before any network call, then sent;
   * answers whether the API confirmed it now or it waits in the queue (pending or failed).
   */
  'filings.submit': { req: FileRequest; res: import('@/background/filing-queue.types').FilingOutcome };
  /** Filings still waiting for the API, oldest first. */
  'filings.queue': { req: void; res: import('@/background/filing-queue.types').QueuedFiling[] };
  'filings.queue.retry': { req: { id: string }; res: import('@/background/filing-queue.types').FilingOutcome | null };
  'filings.queue.dismiss': { req: { id: string }; res: void };
  /** Collision hints on shared accounts: who else views or replies to this conversation. */
  'presence.put': { req: import('@/contract').PutPresenceRequest; res: import('@/contract').PresenceList };
  'presence.get': { req: import('@/contract').PresenceQuery; res: import('@/contract').PresenceList };
  /**
   * Side panel → background → the followed webmail tab's content script: the RFC Message-IDs of
   * these messages (read with the page's session), null where unreadable. Keys: provider ids.
   */
  'tab.resolveMessageIds': {
    req: { refs: import('@/webmail/types').MessageRef[] };
    res: Record<string, string | null>;
  };
  /** An account's shared inbox: a page of it, who can be given its mail, assigning, handled/reopen. */
  'inbox.list': { req: { accountId: string; query: import('@/contract').InboxQuery }; res: import('@/contract').InboxPage };
  'inbox.assignees': { req: { accountId: string }; res: import('@/contract').InboxAssignees['items'] };
  'inbox.assign': { req: { accountId: string; messageId: string; userId: string | null }; res: import('@/contract').InboxMessage };
  'inbox.setHandled': { req: { accountId: string; messageId: string; handled: boolean }; res: import('@/contract').InboxMessage };
  /** Attachment content of a filed message (at most 25 MB per message, checked by the API). */
  'attachments.upload': { req: import('@/contract').UploadAttachmentRequest; res: import('@/contract').StoredAttachment };

  /** Content script → background: what the webmail tab shows now. */
  'tab.report': { req: Omit<TabState, 'tabId'>; res: void };
  /** Side panel → background: the state of the active webmail tab, if any. */
  'tab.active': { req: void; res: TabState | undefined };
  /** Opens the side panel for the sender's window (needs a user gesture in Chrome). */
  'ui.openSidePanel': { req: void; res: void };
  /**
   * Webmail tab → background: inject one of our run-time content scripts into the sender's frame
   * (the page core at the first idle moment, the in-page Vue UI on first need). `locale`: for
   * `mail-ui`, the language whose texts go in just before it (English when left out).
   */
  'page.inject': { req: { script: PageScript; locale?: Locale }; res: void };

  /**
   * "Write to": side panel → background → the followed webmail tab's content script,
   * which opens a compose to `to` from `accountId` (else the default account) with its signature.
   */
  'compose.openTo': {
    req: { to: import('@/contract').MailAddress[]; accountId?: string };
    res: { composeId: string };
  };
}

export type MessageName = keyof ProtocolMap;
export type RequestOf<N extends MessageName> = ProtocolMap[N]['req'];
export type ResponseOf<N extends MessageName> = ProtocolMap[N]['res'];

/**
 * Failures the extension raises itself, with no API answer behind them. Like the API's codes
 * they reach the page as codes; the page writes the text in its language (locales/errors.ts).
 */
export const extensionErrorCodes = [
  /** The API did not answer (`params.url`: the server address). */
  'network',
  /** No session; with `status` 401 a session that existed has ended. */
  'signed_out',
  /** With `status`, the server answered but not as Mailroom; without, the address is malformed. */
  'server_url',
  /** The API answered outside the contract: extension and server versions apart. */
  'bad_response',
  /** Something other than the API failed on the server (`params.status`: the HTTP status). */
  'server_failed',
  /** The page could not reach the background: the extension was updated or reloaded. */
  'extension_unreachable',
  'no_webmail_tab',
  /** The webmail tab has no content script of ours (opened before the extension was installed). */
  'webmail_not_ready',
  'webmail_ui_failed',
  'compose_not_opened',
  'compose_failed',
  /** Sending failed and the filing queue could not store the filing for later either. */
  'queue_storage_failed',
  'no_side_panel',
] as const;
export type ExtensionErrorCode = (typeof extensionErrorCodes)[number];
export type ProtocolErrorCode = ErrorCode | ExtensionErrorCode;

/** An error crossing the protocol: the API's code and message, or one of the extension's own. */
export interface ProtocolError {
  code: ProtocolErrorCode;
  /**
   * English, for logs and developers: the API's sentence, or ours. People read the text for
   * `code` (composables/useErrorMessage.ts); this only for a code the page has no text for.
   */
  message: string;
  /** Values the text for `code` names, e.g. `{ url }` for `network`. */
  params?: Record<string, string | number>;
  status?: number;
  fields?: Record<string, string>;
}

export type Envelope<N extends MessageName = MessageName> = { name: N; req: RequestOf<N> };
export type Reply<N extends MessageName = MessageName> =
  | { ok: true; res: ResponseOf<N> }
  | { ok: false; error: ProtocolError };

/**
 * Background → pages, fire-and-forget (`runtime.sendMessage` without an answer): something
 * changed, listeners read the new state again through the protocol, so the
 * side panel follows the active tab and every open page follows sign-in/sign-out.
 */
export type Broadcast =
  | { broadcast: 'session.changed' }
  /** The signed-in user's names, title or phones changed: renderings of signatures are stale. */
  | { broadcast: 'profile.changed' }
  | { broadcast: 'tab.changed' }
  /** The filing queue changed: a filing was queued, confirmed, failed or dismissed. */
  | { broadcast: 'filings.queueChanged' }
  /**
   * A message was filed or unfiled from this browser (popover, side panel, queue): pages and
   * webmail tabs read where their messages are filed again (the toolbar's "Filed · 2").
   */
  | { broadcast: 'filings.changed' }
  /** A running CSV import wrote another batch: `done` rows of `total`. */
  | { broadcast: 'records.importProgress'; importId: string; done: number; total: number }
  /** Inbox mail was assigned, handled or reopened from this browser: open inbox views read it again. */
  | { broadcast: 'inbox.changed' };
