/**
 * Data for the filing tests and the API's usual answers to them. The mock itself (`send`
 * answers only what the table has, anything else rejects) is in ../stores/api-handlers.ts.
 */
import type { CrmRecord, EmailAccount, FilingState } from '@/contract';
import type { SessionState } from '@/messaging/protocol';
import type { OpenConversation, OpenMessage } from '@/webmail/types';
import type { RequestOf, ResponseOf } from '@/messaging/protocol';
import type { Handlers } from '../stores/api-handlers';

export { callsOf, mockSend, type Handlers } from '../stores/api-handlers';

export const me = { id: 'user-ana', fullName: 'Ana Silva' };
export const alice = { id: 'user-alice', fullName: 'Alice Martin' };

export const signedIn: SessionState = {
  status: 'signed-in',
  serverUrl: 'http://localhost:8787',
  me: {
    user: {
      id: me.id, email: 'ana@acme.test', role: 'member', firstName: 'Ana', lastName: 'Silva',
      fullName: me.fullName, jobTitle: null, phone: null, mobile: null,
    },
    org: { id: 'org-1', name: 'Acme', quota: 5, activeAccounts: 2 },
  },
};

function account(id: string, address: string, isDefault: boolean): EmailAccount {
  return {
    id, address, displayName: address, active: true, incoming: null, outgoing: null, userCount: 2, processedCount: 0,
    lastSyncAt: null, lastSyncError: null,
    sync: { state: 'idle', lastSyncAt: null, messages: 0, progress: null, lastError: null, lastErrorCode: null, lastErrorAt: null }, createdAt: '2026-11-01T00:00:00.000Z',
    myAccess: { isDefault, defaultSignatureId: null, expiresAt: null },
  };
}
export const sales = account('acc-sales', 'sales@acme.test', true);
export const support = account('acc-support', 'support@acme.test', false);

export function record(id: string, name: string, kind: CrmRecord['kind'] = 'company', emails: string[] = []): CrmRecord {
  return {
    id, kind, name, emails, phone: null, companyId: null, companyName: null,
    domains: kind === 'company' ? ['client.test'] : [], createdAt: '2026-11-01T00:00:00.000Z',
  };
}
export const clientCo = record('rec-client', 'Client SA', 'company');
export const bob = record('rec-bob', 'Bob Buyer', 'contact', ['bob@client.test']);

export function message(n: number, over: Partial<OpenMessage> = {}): OpenMessage {
  return {
    providerMessageId: `msg-f:${1000 + n}`,
    providerThreadId: 'thread-f:77',
    subject: 'Quote for 12 chairs',
    from: { name: 'Bob Buyer', address: 'Bob@Client.test' },
    to: [{ name: 'Sales', address: 'sales@acme.test' }],
    cc: [{ address: 'carol@partner.test' }],
    date: `2026-11-2${n}T10:00:00.000Z`,
    snippet: `Hello ${n}`,
    bodyHtml: `<p>Hello ${n}</p>`,
    attachments: [],
    expanded: true,
    ...over,
  };
}

export const conversation = (...messages: OpenMessage[]): OpenConversation => ({
  providerThreadId: 'thread-f:77',
  subject: 'Quote for 12 chairs',
  messages,
});

/** The Message-ID the fake page gives each message. */
export const rfcId = (m: OpenMessage) => `<${m.providerMessageId.replace('msg-f:', 'm')}@Mail.Client.TEST>`;
export const keyOf = (m: OpenMessage) => `${m.providerMessageId.replace('msg-f:', 'm')}@mail.client.test`;

export const notFiled: FilingState = { message: null, filings: [] };
export function filedState(...filings: { id: string; record: CrmRecord; by: { id: string; fullName: string } | null; at: string }[]): FilingState {
  return {
    message: null,
    filings: filings.map((f) => ({
      id: f.id,
      record: { id: f.record.id, kind: f.record.kind, name: f.record.name },
      filedBy: f.by,
      filedAt: f.at,
      source: f.by ? 'manual' : 'sync',
    })),
  };
}

/** A `filings.lookup` answer built from where each asked key is filed. */
export function lookupBy(stateOf: (req: { messageId: string }) => FilingState) {
  return ({ messageIds }: RequestOf<'filings.lookup'>): ResponseOf<'filings.lookup'> =>
    messageIds.map((messageId) => ({ messageId, ...stateOf({ messageId }) }));
}

/** Every key asked in `filings.lookup` calls, in order. */
export const lookedUp = (calls: RequestOf<'filings.lookup'>[]) => calls.map((c) => c.messageIds);

/** A signed-in user with two shared accounts, nothing filed, nobody else around. */
export function defaultHandlers(): Handlers {
  return {
    'session.get': () => signedIn,
    'accounts.mine': () => [sales, support],
    'records.suggest': () => [{ record: bob, reason: 'email', matched: 'bob@client.test' }, { record: clientCo, reason: 'domain', matched: 'client.test' }],
    'filings.lookup': lookupBy(() => notFiled),
    'records.lookup': () => ({ byEmail: [], byDomain: [] }),
    'records.messages': () => ({ items: [], total: 0 }),
    'filings.queue': () => [],
    'presence.put': () => ({ items: [] }),
  };
}
