/** The filing store's "Create and file": one request, through the queue, idempotent on the new record's id. */
import { createTestingPinia } from '@pinia/testing';
import { setActivePinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import type { QueuedFiling } from '@/background/filing-queue.types';
import { send } from '@/messaging/client';
import { useFilingStore } from '@/stores/filing';
import { useSessionStore } from '@/stores/session';
import type { OpenMessage } from '@/webmail/types';
import { callsOf, conversation, defaultHandlers, filedState, keyOf, me, message, notFiled, record, rfcId, signedIn } from './filing-mock';
import { answerFrom } from '../stores/api-handlers';

vi.mock('@/messaging/client', (original) => import('../stores/api-handlers').then((m) => m.clientWithSendMock(original)));

function freshStore() {
  setActivePinia(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
  useSessionStore().state = signedIn;
  return useFilingStore();
}

const resolveMessageId = async (m: OpenMessage) => rfcId(m);
const handlers = answerFrom(send, defaultHandlers);

describe('create and file', () => {
  it('creates a record and files the email to it in one request (create and file)', async () => {
    handlers['filings.submit'] = (req) => ({
      status: 'filed',
      state: filedState({ id: 'f-1', record: record(req.newRecord!.id, req.newRecord!.name, 'contact'), by: me, at: '2026-11-27T08:00:00.000Z' }),
    });
    const store = freshStore();
    await store.open({ conversation: conversation(message(1)), resolveMessageId });

    const ok = await store.createAndFile({
      record: { kind: 'contact', name: 'Carol Partner', emails: ['Carol@Partner.test'] },
      company: { name: 'Partner Co', domains: ['partner.test'] },
    });

    expect(ok).toBe(true);
    const [req] = callsOf(send, 'filings.submit');
    expect(req!.recordIds).toEqual([]);
    expect(req!.newRecord).toMatchObject({ kind: 'contact', name: 'Carol Partner', emails: ['Carol@Partner.test'], company: { name: 'Partner Co', domains: ['partner.test'] } });
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(req!.newRecord!.id).toMatch(uuid);
    expect(req!.newRecord!.company!.id).toMatch(uuid);
    expect(req!.newRecord!.company!.id).not.toBe(req!.newRecord!.id);
    expect(store.candidates[0]).toMatchObject({ id: req!.newRecord!.id, name: 'Carol Partner', emails: ['carol@partner.test'], companyName: 'Partner Co' });
    expect(store.focusedState?.filings.map((f) => f.record.id)).toEqual([req!.newRecord!.id]);
    expect(store.notice).toBe('Created Carol Partner and filed this email there.');
    expect(store.filedCount(message(1).providerMessageId)).toBe(1);
  });

  it('creates the record once for the whole conversation: every request carries the same one', async () => {
    handlers['filings.submit'] = () => ({ status: 'filed', state: notFiled });
    const store = freshStore();
    await store.open({ conversation: conversation(message(1), message(2)), resolveMessageId });
    store.scope = 'conversation';
    await store.createAndFile({ record: { kind: 'company', name: 'Partner Co', domains: ['partner.test'] } });
    const calls = callsOf(send, 'filings.submit');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.newRecord).toEqual(calls[0]!.newRecord);
  });

  it('shows a record created offline with its pending filing', async () => {
    const m = message(1);
    let inQueue: QueuedFiling[] = [];
    handlers['filings.submit'] = (req) => {
      const item: QueuedFiling = {
        id: 'q-1', dedupKey: 'k', messageKey: keyOf(m), request: req, status: 'pending', attempts: 1,
        nextAttemptAt: 0, createdAt: 0, lastError: { code: 'network', message: 'Cannot reach' },
      };
      inQueue = [item];
      return { status: 'queued', item };
    };
    handlers['filings.queue'] = () => inQueue;
    const store = freshStore();
    await store.open({ conversation: conversation(m), resolveMessageId });
    expect(await store.createAndFile({ record: { kind: 'client', name: 'Offline Client' } })).toBe(true);
    expect(store.error).toBeNull();
    expect(store.notice).toBe('Saved. It will be filed when the Mailroom server can be reached.');
    expect(store.candidates[0]?.name).toBe('Offline Client');
    expect(store.queued).toHaveLength(1);
  });

});
