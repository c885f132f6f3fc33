/**
 * One typed function per API endpoint, each checking the answer with the `contract/` schema.
 * Paths and shapes follow the server's routes (issue 2); list endpoints answer `{ items }`.
 */
import {
  accessEntrySchema,
  accessListSchema,
  crmRecordSchema,
  emailAccountListSchema,
  emailAccountSchema,
  filingStateSchema,
  presenceListSchema,
  storedAttachmentSchema,
  loginResponseSchema,
  meResponseSchema,
  recordListSchema,
  renderedSignatureSchema,
  signatureListSchema,
  signatureSchema,
  suggestionListSchema,
  userListResponseSchema,
  type CreateAccountRequest,
  type CreateRecordRequest,
  type CreateSignatureRequest,
  type FileRequest,
  type LoginRequest,
  type PatchMyAccessRequest,
  type PresenceQuery,
  type PutPresenceRequest,
  type UploadAttachmentRequest,
  type PreviewSignatureRequest,
  type PutAccessRequest,
  type RecordKind,
  type UpdateAccountRequest,
  type UpdateSignatureRequest,
} from '@/contract';
import type { ApiClient } from './client';

const id = (s: string) => encodeURIComponent(s);

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
    searchUsers: async (q: string) => (await c.json('get', '/api/users', userListResponseSchema, { searchParams: { q } })).items,

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
    suggestRecords: async (emails: string[]) => {
      // Repeated `email=` parameters, as the route reads them.
      const params = new URLSearchParams(emails.map((e) => ['email', e]));
      return (await c.json('get', '/api/records/suggest', suggestionListSchema, { searchParams: params })).items;
    },
    createRecord: (req: CreateRecordRequest) => c.json('post', '/api/records', crmRecordSchema, { json: req }),

    filingState: (messageId: string) =>
      c.json('get', '/api/filings', filingStateSchema, { searchParams: { messageId } }),
    file: (req: FileRequest) => c.json('post', '/api/filings', filingStateSchema, { json: req }),
    unfile: (filingId: string) => c.send('delete', `/api/filings/${id(filingId)}`),

    // Issue 5, filing half: collision hints and attachment content.
    putPresence: (req: PutPresenceRequest) => c.json('put', '/api/presence', presenceListSchema, { json: req }),
    getPresence: (q: PresenceQuery) => c.json('get', '/api/presence', presenceListSchema, { searchParams: q }),
    uploadAttachment: (req: UploadAttachmentRequest) =>
      c.json('post', '/api/attachments', storedAttachmentSchema, { json: req }),
  };
}

export type MailroomApi = ReturnType<typeof mailroomApi>;
