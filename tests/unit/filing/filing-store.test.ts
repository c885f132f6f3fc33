import { createTestingPinia } from '@pinia/testing';
import { setActivePinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import type { QueuedFiling } from '@/background/filing-queue.types';
import { messageKey } from '@/contract/message-key';
import { ProtocolRequestError, send } from '@/messaging/client';
import { useFilingStore } from '@/stores/filing';
import { useSessionStore } from '@/stores/session';
import { locale } from '@/utils/i18n';
import type { OpenMessage } from '@/webmail/types';
import {
  alice,
  bob,
  callsOf,
  clientCo,
  conversation,
  defaultHandlers,
  filedState,
  keyOf,
  lookedUp,
  lookupBy,
  me,
  message,
  notFiled,
  rfcId,
  sales,
  signedIn,
  support,
} from './filing-mock';
import { answerFrom } from '../stores/api-handlers';

vi.mock('@/messaging/client', (original) => import('../stores/api-handlers').then((m) => m.clientWithSendMock(original)));

function freshStore() {
  setActivePinia(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
  useSessionStore().state = signedIn;
  return useFilingStore();
}

const resolveMessageId = async (m: OpenMessage) => rfcId(m);
const handlers = answerFrom(send, defaultHandlers);

describe('opening an email', () => {
  it('suggests records for every participant except our own mailboxes, and reads where it is filed', async () => {
    const m = message(1);
    handlers['filings.lookup'] = lookupBy(({ messageId }) =>
      messageId === keyOf(m) ? filedState({ id: 'f-1', record: clientCo, by: alice, at: '2026-11-01T09:00:00.000Z' }) : notFiled);
    const store = freshStore();

    await store.open({ conversation: conversation(m), resolveMessageId });

    // At once by the addresses, then again with the keys so the thread's records come first.
    expect(callsOf(send, 'records.suggest')).toEqual([
      { emails: ['bob@client.test', 'carol@partner.test'] },
      { emails: ['bob@client.test', 'carol@partner.test'], messageKeys: [keyOf(m)] },
    ]);
    expect(store.candidates.map((r) => r.id)).toEqual([bob.id, clientCo.id]);
    expect(lookedUp(callsOf(send, 'filings.lookup'))).toEqual([[keyOf(m)]]);
    expect(store.focusedState?.filings.map((f) => f.record.name)).toEqual(['Client SA']);
  });

  it('files from the shared account the webmail is signed in to', async () => {
    const store = freshStore();
    await store.open({ conversation: conversation(message(1)), resolveMessageId, userAddress: 'Support@acme.test' });
    expect(store.accountId).toBe(support.id);
    await store.open({ conversation: conversation(message(1)), resolveMessageId, userAddress: 'me@gmail.test' });
    expect(store.accountId).toBe(sales.id); // the default
  });

  it('keys a message without a readable Message-ID by its fingerprint', async () => {
    const m = message(1);
    const store = freshStore();
    await store.open({ conversation: conversation(m), resolveMessageId: async () => undefined });
    const fp = await messageKey({ from: m.from.address, date: m.date!, subject: m.subject });
    expect(lookedUp(callsOf(send, 'filings.lookup'))).toEqual([[fp]]);
    expect(store.focusedKey).toBe(fp);
  });

  it('drops answers for a conversation the user has left', async () => {
    let answerFirst!: () => void;
    handlers['records.suggest'] = ({ emails }) =>
      emails.includes('old@client.test')
        ? new Promise((resolve) => (answerFirst = () => resolve([{ record: clientCo, reason: 'domain', matched: 'client.test' }])))
        : [{ record: bob, reason: 'email', matched: 'bob@client.test' }];
    const store = freshStore();
    const first = store.open({ conversation: conversation(message(1, { from: { address: 'old@client.test' } })), resolveMessageId });
    await vi.waitFor(() => expect(answerFirst).toBeDefined());
    await store.open({ conversation: conversation(message(2)), resolveMessageId });
    answerFirst();
    await first;
    expect(store.candidates.map((r) => r.id)).toEqual([bob.id]);
  });
});

describe('filing', () => {
  it('files the email to one record through the queue and shows where it is filed', async () => {
    const m = message(1, { attachments: [{ name: 'plan.pdf', size: 1200, contentType: 'application/pdf' }] });
    const state = filedState({ id: 'f-9', record: bob, by: me, at: new Date().toISOString() });
    handlers['filings.submit'] = () => ({ status: 'filed', state });
    const store = freshStore();
    await store.open({ conversation: conversation(m), resolveMessageId, userAddress: 'sales@acme.test' });

    await store.file([bob.id]);

    expect(callsOf(send, 'filings.submit')).toEqual([
      {
        accountId: sales.id,
        recordIds: [bob.id],
        message: {
          messageId: rfcId(m),
          threadId: 'thread-f:77',
          subject: 'Quote for 12 chairs',
          from: m.from,
          to: m.to,
          cc: m.cc,
          date: m.date,
          snippet: 'Hello 1',
          bodyHtml: '<p>Hello 1</p>',
          attachments: [{ name: 'plan.pdf', size: 1200, contentType: 'application/pdf' }],
        },
      },
    ]);
    expect(store.focusedState).toEqual(state);
    expect(store.notice).toBe('Filed to Bob Buyer.');
    expect(store.error).toBeNull();
  });

  it('files every email of the conversation to every ticked record in one action', async () => {
    const [m1, m2] = [message(1), message(2)];
    handlers['filings.submit'] = (req) => ({
      status: 'filed',
      state: filedState(...req.recordIds.map((id, i) => ({ id: `f-${i}`, record: id === bob.id ? bob : clientCo, by: me, at: '2026-11-27T08:00:00.000Z' }))),
    });
    const store = freshStore();
    await store.open({ conversation: conversation(m1, m2), resolveMessageId });
    store.toggle(bob.id);
    store.toggle(clientCo.id);
    store.scope = 'conversation';

    await store.file();

    const calls = callsOf(send, 'filings.submit');
    expect(calls.map((c) => [c.message.messageId, c.recordIds])).toEqual([
      [rfcId(m1), [bob.id, clientCo.id]],
      [rfcId(m2), [bob.id, clientCo.id]],
    ]);
    expect(store.states[keyOf(m1)]?.filings).toHaveLength(2);
    expect(store.states[keyOf(m2)]?.filings).toHaveLength(2);
    expect(store.selected).toEqual([]);
    expect(store.notice).toBe('Filed to Bob Buyer, Client SA.');
  });

  it('shows a filing the server could not take yet as pending, not as an error', async () => {
    const m = message(1);
    const item: QueuedFiling = {
      id: 'q-1', dedupKey: `${keyOf(m)}|${bob.id}`, messageKey: keyOf(m), status: 'pending', attempts: 1,
      nextAttemptAt: 0, createdAt: 0, lastError: { code: 'network', message: 'Cannot reach' },
      request: { accountId: sales.id, recordIds: [bob.id], message: { from: m.from, date: m.date! } },
    };
    let inQueue: QueuedFiling[] = [];
    handlers['filings.submit'] = () => {
      inQueue = [item];
      return { status: 'queued', item };
    };
    handlers['filings.queue'] = () => inQueue;
    const store = freshStore();
    await store.open({ conversation: conversation(m), resolveMessageId });

    await store.file([bob.id]);

    expect(store.error).toBeNull();
    expect(store.notice).toBe('Saved. It will be filed when the Mailroom server can be reached.');
    expect(store.queued).toEqual([item]);

    // The background confirmed it: the item leaves the queue and the state is read again.
    inQueue = [];
    handlers['filings.lookup'] = lookupBy(() => filedState({ id: 'f-1', record: bob, by: me, at: '2026-11-27T08:00:00.000Z' }));
    await store.refreshQueue();
    expect(store.queued).toEqual([]);
    expect(store.focusedState?.filings.map((f) => f.record.id)).toEqual([bob.id]);
  });

  it('shows the API message when a filing is refused, and retries or dismisses it', async () => {
    const m = message(1);
    const item: QueuedFiling = {
      id: 'q-2', dedupKey: 'x', messageKey: keyOf(m), status: 'failed', attempts: 1, nextAttemptAt: 0, createdAt: 0,
      lastError: { code: 'not_found', message: 'The record was not found.', status: 404 },
      request: { accountId: sales.id, recordIds: [bob.id], message: { from: m.from, date: m.date! } },
    };
    let inQueue: QueuedFiling[] = [];
    handlers['filings.submit'] = () => ((inQueue = [item]), { status: 'failed', item });
    handlers['filings.queue'] = () => inQueue;
    handlers['filings.queue.retry'] = () => ((inQueue = []), { status: 'filed', state: notFiled });
    handlers['filings.queue.dismiss'] = () => undefined;
    const store = freshStore();
    await store.open({ conversation: conversation(m), resolveMessageId });

    await store.file([bob.id]);
    expect(store.error).toBe('Not filed: This item no longer exists: reload the page.');
    expect(store.queued.map((i) => i.status)).toEqual(['failed']);

    await store.retry('q-2');
    expect(callsOf(send, 'filings.queue.retry')).toEqual([{ id: 'q-2' }]);
    expect(store.queued).toEqual([]);

    store.queue = [item];
    await store.dismiss('q-2');
    expect(callsOf(send, 'filings.queue.dismiss')).toEqual([{ id: 'q-2' }]);
    expect(store.queue).toEqual([]);
  });

  it('refuses to file an email it cannot identify (no date, no Message-ID)', async () => {
    const store = freshStore();
    await store.open({ conversation: conversation(message(1, { date: undefined })), resolveMessageId: async () => undefined });
    await store.file([bob.id]);
    expect(callsOf(send, 'filings.submit')).toEqual([]);
    expect(store.error).toBe('This email has no date or Message-ID Mailroom can read, so it cannot be filed.');
  });

  it('keeps attachment content when asked, with the page reading the bytes', async () => {
    const m = message(1, {
      attachments: [
        { name: 'a.txt', size: 5, contentType: 'text/plain' },
        { name: 'b.bin', size: 3, contentType: '' },
      ],
    });
    handlers['filings.submit'] = () => ({ status: 'filed', state: notFiled });
    handlers['attachments.upload'] = (req) => ({ id: `att-${req.name}`, name: req.name, contentType: req.contentType, size: 1, createdAt: '2026-11-27T08:00:00.000Z' });
    const blobs = [new Blob(['hello'], { type: 'text/plain' }), new Blob([new Uint8Array([0, 255, 7])])];
    const store = freshStore();
    await store.open({ conversation: conversation(m), resolveMessageId, fetchAttachment: async (_m, i) => blobs[i] });
    store.includeAttachments = true;

    await store.file([bob.id]);

    expect(callsOf(send, 'attachments.upload')).toEqual([
      { accountId: sales.id, messageId: rfcId(m), name: 'a.txt', contentType: 'text/plain', contentBase64: 'aGVsbG8=' },
      { accountId: sales.id, messageId: rfcId(m), name: 'b.bin', contentType: 'application/octet-stream', contentBase64: 'AP8H' },
    ]);
    expect(store.notice).toContain('Content of 2 attachments kept.');
  });
});

describe('unfiling, hints, search', () => {
  it('unfiles at once and puts the filing back when the API refuses', async () => {
    const m = message(1);
    handlers['filings.lookup'] = lookupBy(() =>
      filedState(
        { id: 'f-1', record: bob, by: me, at: '2026-11-27T08:00:00.000Z' },
        { id: 'f-2', record: clientCo, by: me, at: '2026-11-27T08:00:00.000Z' },
      ));
    let answer!: (ok: boolean) => void;
    handlers['filings.unfile'] = () =>
      new Promise<void>((resolve, reject) => {
        answer = (ok) => (ok ? resolve() : reject(new ProtocolRequestError({ code: 'forbidden', message: 'No.', status: 403 })));
      });
    const store = freshStore();
    await store.open({ conversation: conversation(m), resolveMessageId });

    const first = store.unfile('f-1');
    expect(store.focusedState?.filings.map((f) => f.id)).toEqual(['f-2']);
    answer(true);
    await first;
    expect(store.notice).toBe('Unfiled from Bob Buyer.');

    const second = store.unfile('f-2');
    expect(store.focusedState?.filings).toEqual([]);
    answer(false);
    await second;
    expect(store.focusedState?.filings.map((f) => f.id)).toEqual(['f-2']);
    expect(store.error).toBe('Only an administrator of your organisation can do this.');
  });

  it('says who else replies to the conversation and who filed it lately, not the user', async () => {
    const [m1, m2] = [message(1), message(2)];
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000 - 1000).toISOString();
    handlers['presence.put'] = () => ({ items: [{ user: { id: 'user-bea', fullName: 'Bea Roy' }, state: 'replying', updatedAt: new Date().toISOString() }] });
    handlers['filings.lookup'] = lookupBy(({ messageId }) =>
      messageId === keyOf(m2)
        ? filedState({ id: 'f-1', record: bob, by: alice, at: fiveMinutesAgo }, { id: 'f-2', record: clientCo, by: me, at: fiveMinutesAgo })
        : notFiled);
    const store = freshStore();
    await store.open({ conversation: conversation(m1, m2), resolveMessageId });

    // The conversation is named by its first message's key, the same for every user.
    expect(callsOf(send, 'presence.put')).toEqual([{ accountId: sales.id, threadKey: keyOf(m1), state: 'viewing' }]);
    expect(store.hints).toEqual(['Bea Roy is replying', 'Alice Martin filed this 5 min ago']);

    locale.value = 'fr';
    expect(store.hints).toEqual(['Bea Roy est en train de répondre', 'Alice Martin a classé ceci il y a 5 min']);
  });

  it('reads who the user is when the page has no session yet, so their own filings give no hint', async () => {
    const m = message(1);
    handlers['filings.lookup'] = lookupBy(() => filedState({ id: 'f-1', record: bob, by: me, at: new Date().toISOString() }));
    setActivePinia(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
    const store = useFilingStore(); // as in the content script: no session state loaded
    await store.open({ conversation: conversation(m), resolveMessageId });
    expect(callsOf(send, 'session.get')).toHaveLength(1);
    expect(store.hints).toEqual([]);
  });

  it('searches records and keeps only the answer for the latest text', async () => {
    let first!: () => void;
    handlers['records.search'] = ({ q }) =>
      q === 'cl'
        ? new Promise((resolve) => (first = () => resolve({ items: [bob], total: 1, totalCapped: false, nextCursor: null })))
        : { items: [clientCo], total: 1, totalCapped: false, nextCursor: null };
    const store = freshStore();
    await store.open({ conversation: conversation(message(1)), resolveMessageId });
    const older = store.search('cl');
    await store.search('client');
    first();
    await older;
    expect(store.results).toEqual([clientCo]);
  });
});
