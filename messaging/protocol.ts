/**
 * The one message protocol between the background (which alone holds the token and calls the API)
 * and everything else: popup, side panel, options page, content scripts. Each entry maps a
 * message name to its request and response. Add an entry here, handle it in
 * `background/handlers.ts`, call it with `send()` from `messaging/client.ts`.
 */
import type {
  AccessEntry,
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

/** What the UI knows of the session; never contains the token. */
export type SessionState =
  | { status: 'signed-out'; serverUrl: string; reason?: 'expired' }
  | { status: 'signed-in'; serverUrl: string; me: MeResponse };

/** Content scripts injected on demand (see `webmail/README.md`). */
export type PageScript = 'gmail-core' | 'outlook-core' | 'mail-ui';

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

  /** Accounts the signed-in user can use (active, access not expired), with their preferences. */
  'accounts.mine': { req: void; res: EmailAccount[] };
  'accounts.patchMine': { req: { accountId: string; patch: PatchMyAccessRequest }; res: EmailAccount[] };

  'admin.accounts.list': { req: void; res: EmailAccount[] };
  'admin.accounts.create': { req: CreateAccountRequest; res: EmailAccount };
  'admin.accounts.update': { req: { id: string; patch: UpdateAccountRequest }; res: EmailAccount };
  'admin.accounts.delete': { req: { id: string }; res: void };
  'admin.access.list': { req: { accountId: string }; res: AccessEntry[] };
  'admin.access.put': { req: { accountId: string; userId: string; access: PutAccessRequest }; res: AccessEntry };
  'admin.access.delete': { req: { accountId: string; userId: string }; res: void };
  'admin.users.search': { req: { q: string }; res: User[] };

  'signatures.list': { req: { accountId: string }; res: Signature[] };
  'signatures.create': { req: { accountId: string; signature: CreateSignatureRequest }; res: Signature };
  'signatures.update': { req: { id: string; patch: UpdateSignatureRequest }; res: Signature };
  'signatures.delete': { req: { id: string }; res: void };
  'signatures.rendered': { req: { id: string }; res: RenderedSignature };
  'signatures.preview': { req: PreviewSignatureRequest; res: RenderedSignature };

  'records.search': { req: { q: string; kind?: RecordKind; limit?: number; cursor?: string }; res: RecordList };
  'records.suggest': { req: { emails: string[] }; res: Suggestion[] };
  'records.create': { req: CreateRecordRequest; res: CrmRecord };

  'filings.get': { req: { messageId: string }; res: FilingState };
  'filings.file': { req: FileRequest; res: FilingState };
  'filings.unfile': { req: { filingId: string }; res: void };
  /**
   * Filing through the persistent queue (issue 5): stored before any network call, then sent;
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
   * (the page core at the first idle moment, the in-page Vue UI on first need).
   */
  'page.inject': { req: { script: PageScript }; res: void };

  /**
   * "Write to" (issue 5): side panel → background → the followed webmail tab's content script,
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

/** An error crossing the protocol: the API's code and message, or a transport failure. */
export interface ProtocolError {
  code: ErrorCode | 'network' | 'signed_out' | 'server_url';
  message: string;
  status?: number;
  fields?: Record<string, string>;
}

export type Envelope<N extends MessageName = MessageName> = { name: N; req: RequestOf<N> };
export type Reply<N extends MessageName = MessageName> =
  | { ok: true; res: ResponseOf<N> }
  | { ok: false; error: ProtocolError };

/**
 * Background → pages, fire-and-forget (`runtime.sendMessage` without an answer): something
 * changed, listeners read the new state again through the protocol. Added for issue 3 so the
 * side panel follows the active tab and every open page follows sign-in/sign-out.
 */
export type Broadcast =
  | { broadcast: 'session.changed' }
  | { broadcast: 'tab.changed' }
  /** The filing queue changed (issue 5): a filing was queued, confirmed, failed or dismissed. */
  | { broadcast: 'filings.queueChanged' };
