/**
 * One typed function per API endpoint, each checking the answer with the `contract/` schema.
 * Paths and shapes follow the server's routes; list endpoints answer `{ items }`.
 */
import {
  accessEntrySchema,
  accessListSchema,
  crmRecordSchema,
  emailAccountListSchema,
  emailAccountSchema,
  filingLookupSchema,
  filingStateSchema,
  inboxAssigneesSchema,
  inboxMessageSchema,
  inboxPageSchema,
  type InboxQuery,
  presenceListSchema,
  recordLookupSchema,
  recordMessagesSchema,
  storedAttachmentSchema,
  loginResponseSchema,
  meResponseSchema,
  recordListSchema,
  renderedSignatureSchema,
  signatureListSchema,
  signatureSchema,
  suggestionListSchema,
  adminUserListSchema,
  adminUserSchema,
  invitationInfoSchema,
  userCredentialsSchema,
  userSchema,
  userStatusSchema,
  type CreateAccountRequest,
  type CreateUserRequest,
  type PasswordChangeRequest,
  type ProfilePatch,
  type UpdateUserRequest,
  type UserListQuery,
  type CreateRecordRequest,
  type CreateSignatureRequest,
  type FileRequest,
  type LoginRequest,
  type PatchMyAccessRequest,
  type PresenceQuery,
  type PutPresenceRequest,
  type RecordLookupQuery,
  type UploadAttachmentRequest,
  type PreviewSignatureRequest,
  type PutAccessRequest,
  type RecordKind,
  type UpdateAccountRequest,
  type UpdateSignatureRequest,
} from '@/contract';
import { z } from 'zod';
import type { ApiClient } from './client';
import { mailCheckApi } from './mail-check';
import { recordsAdminApi } from './records';

const id = (s: string) => encodeURIComponent(s);

/** The access dialog's search: people, with their status where the server gives it. */
const userSearchSchema = z.object({ items: z.array(userSchema.extend({ status: userStatusSchema.optional() })) });

export function mailroomApi(c: ApiClient) {
  return {
    login: (req: LoginRequest) => c.json('post', '/api/auth/login', loginResponseSchema, { json: req, auth: false }),
    logout: () => c.send('post', '/api/auth/logout'),
    me: () => c.json('get', '/api/me', meResponseSchema),

    myAccounts: async () => (await c.json('get', '/api/me/accounts', emailAccountListSchema)).items,
    /** The answer's shape is not needed: callers read the list again, which also reflects
     *  the default moving away from the previous account. */
    patchMyAccount: (accountId: string, patch: PatchMyAccessRequest) =>
      c.send('patch', `/api/me/accounts/${id(accountId)}`, { json: patch }),

    listAccounts: async () => (await c.json('get', '/api/email-accounts', emailAccountListSchema)).items,
    createAccount: (req: CreateAccountRequest) => c.json('post', '/api/email-accounts', emailAccountSchema, { json: req }),
    updateAccount: (accountId: string, patch: UpdateAccountRequest) =>
      c.json('patch', `/api/email-accounts/${id(accountId)}`, emailAccountSchema, { json: patch }),
    deleteAccount: (accountId: string) => c.send('delete', `/api/email-accounts/${id(accountId)}`),
    listAccess: async (accountId: string) =>
      (await c.json('get', `/api/email-accounts/${id(accountId)}/access`, accessListSchema)).items,
    putAccess: (accountId: string, userId: string, access: PutAccessRequest) =>
      c.json('put', `/api/email-accounts/${id(accountId)}/access/${id(userId)}`, accessEntrySchema, { json: access }),
    deleteAccess: (accountId: string, userId: string) =>
      c.send('delete', `/api/email-accounts/${id(accountId)}/access/${id(userId)}`),
    searchUsers: async (q: string) => (await c.json('get', '/api/users', userSearchSchema, { searchParams: { q } })).items,

    // People (admins): the list with status and mailboxes, add, edit, (de)activate, new way in.
    listUsers: (q: Partial<UserListQuery>) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
      return c.json('get', '/api/users', adminUserListSchema, { searchParams: params });
    },
    createUser: (req: CreateUserRequest) => c.json('post', '/api/users', userCredentialsSchema, { json: req }),
    updateUser: (userId: string, patch: UpdateUserRequest) =>
      c.json('patch', `/api/users/${id(userId)}`, adminUserSchema, { json: patch }),
    setUserActive: (userId: string, active: boolean) =>
      c.json('post', `/api/users/${id(userId)}/${active ? 'reactivate' : 'deactivate'}`, adminUserSchema),
    reissueCredentials: (userId: string, temporaryPassword: boolean) =>
      c.json('post', `/api/users/${id(userId)}/invitation`, userCredentialsSchema, { json: { temporaryPassword } }),

    // Public: the invited person has no session yet.
    inspectInvitation: (token: string) =>
      c.json('post', '/api/invitations/inspect', invitationInfoSchema, { json: { token }, auth: false }),
    acceptInvitation: (token: string, password: string) =>
      c.json('post', '/api/invitations/accept', loginResponseSchema, { json: { token, password }, auth: false }),

    // One's own profile and password.
    updateProfile: (patch: ProfilePatch) => c.json('patch', '/api/me', userSchema, { json: patch }),
    changePassword: (req: PasswordChangeRequest) => c.send('post', '/api/me/password', { json: req }),

    listSignatures: async (accountId: string) =>
      (await c.json('get', `/api/email-accounts/${id(accountId)}/signatures`, signatureListSchema)).items,
    createSignature: (accountId: string, req: CreateSignatureRequest) =>
      c.json('post', `/api/email-accounts/${id(accountId)}/signatures`, signatureSchema, { json: req }),
    updateSignature: (signatureId: string, patch: UpdateSignatureRequest) =>
      c.json('patch', `/api/signatures/${id(signatureId)}`, signatureSchema, { json: patch }),
    deleteSignature: (signatureId: string) => c.send('delete', `/api/signatures/${id(signatureId)}`),
    renderedSignature: (signatureId: string) =>
      c.json('get', `/api/signatures/${id(signatureId)}/rendered`, renderedSignatureSchema),
    previewSignature: (req: PreviewSignatureRequest) =>
      c.json('post', '/api/signatures/preview', renderedSignatureSchema, { json: req }),

    searchRecords: (q: { q: string; kind?: RecordKind; limit?: number; cursor?: string }) => {
      const params = new URLSearchParams({ q: q.q });
      if (q.kind) params.set('kind', q.kind);
      if (q.limit !== undefined) params.set('limit', String(q.limit));
      if (q.cursor !== undefined) params.set('cursor', q.cursor);
      return c.json('get', '/api/records', recordListSchema, { searchParams: params });
    },
    suggestRecords: async (emails: string[], messageKeys: string[] = []) => {
      // Repeated `email=` (and `message=`) parameters, as the route reads them.
      const params = new URLSearchParams([...emails.map((e) => ['email', e]), ...messageKeys.map((k) => ['message', k])]);
      return (await c.json('get', '/api/records/suggest', suggestionListSchema, { searchParams: params })).items;
    },
    createRecord: (req: CreateRecordRequest) => c.json('post', '/api/records', crmRecordSchema, { json: req }),
    getRecord: (recordId: string) => c.json('get', `/api/records/${id(recordId)}`, crmRecordSchema),
    /** Duplicates of an address and companies owning a domain, for the "create a record" form. */
    lookupRecords: (q: RecordLookupQuery) => {
      const params = new URLSearchParams();
      if (q.email) params.set('email', q.email);
      if (q.domain) params.set('domain', q.domain);
      return c.json('get', '/api/records/lookup', recordLookupSchema, { searchParams: params });
    },
    recordMessages: (recordId: string, limit: number) =>
      c.json('get', `/api/records/${id(recordId)}/messages`, recordMessagesSchema, { searchParams: { limit: String(limit) } }),

    filingState: (messageId: string) =>
      c.json('get', '/api/filings', filingStateSchema, { searchParams: { messageId } }),
    /** Where each message is filed, in one request (repeated `messageId=`). */
    filingStates: async (messageIds: string[]) => {
      const params = new URLSearchParams(messageIds.map((m) => ['messageId', m]));
      return (await c.json('get', '/api/filings/lookup', filingLookupSchema, { searchParams: params })).items;
    },
    file: (req: FileRequest) => c.json('post', '/api/filings', filingStateSchema, { json: req }),
    unfile: (filingId: string) => c.send('delete', `/api/filings/${id(filingId)}`),

    // Filing: collision hints and attachment content.
    putPresence: (req: PutPresenceRequest) => c.json('put', '/api/presence', presenceListSchema, { json: req }),
    getPresence: (q: PresenceQuery) => c.json('get', '/api/presence', presenceListSchema, { searchParams: q }),
    uploadAttachment: (req: UploadAttachmentRequest) =>
      c.json('post', '/api/attachments', storedAttachmentSchema, { json: req }),

    ...recordsAdminApi(c),
    ...mailCheckApi(c),
    inbox: (accountId: string, q: InboxQuery) => {
      const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
      return c.json('get', `/api/email-accounts/${id(accountId)}/inbox`, inboxPageSchema, { searchParams: params });
    },
    inboxAssignees: async (accountId: string) =>
      (await c.json('get', `/api/email-accounts/${id(accountId)}/inbox/assignees`, inboxAssigneesSchema)).items,
    assignInbox: (accountId: string, messageId: string, userId: string | null) =>
      c.json('post', `/api/email-accounts/${id(accountId)}/inbox/${id(messageId)}/assign`, inboxMessageSchema, { json: { userId } }),
    setInboxHandled: (accountId: string, messageId: string, handled: boolean) =>
      c.json(handled ? 'post' : 'delete', `/api/email-accounts/${id(accountId)}/inbox/${id(messageId)}/handled`, inboxMessageSchema),
  };
}

export type MailroomApi = ReturnType<typeof mailroomApi>;
