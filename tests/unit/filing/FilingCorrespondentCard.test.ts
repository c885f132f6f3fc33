import { createTestingPinia } from '@pinia/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import FilingPanel from '@/components/filing/FilingPanel.vue';
import type { RecordMessages } from '@/contract';
import { send } from '@/messaging/client';
import { useFilingStore } from '@/stores/filing';
import { useSessionStore } from '@/stores/session';
import type { OpenMessage } from '@/webmail/types';
import { alice, bob, callsOf, clientCo, conversation, defaultHandlers, message, rfcId, signedIn } from './filing-mock';
import { answerFrom } from '../stores/api-handlers';

vi.mock('@/messaging/client', (original) => import('../stores/api-handlers').then((m) => m.clientWithSendMock(original)));

const handlers = answerFrom(send, defaultHandlers);

const bobAtClient = { ...bob, phone: '+33 1 23', companyId: clientCo.id, companyName: 'Client SA' };
const recent: RecordMessages = {
  items: [
    {
      id: 'm-1', messageKey: 'k1', messageId: 'k1', threadId: null, subject: 'Invoice 7', from: { address: 'bob@client.test' },
      date: '2026-11-20T10:00:00.000Z', snippet: '', attachments: [], filedAt: '2026-11-20T11:00:00.000Z', filedBy: alice,
    },
    {
      id: 'm-2', messageKey: 'k2', messageId: 'k2', threadId: null, subject: 'Synced', from: { address: 'bob@client.test' },
      date: '2026-11-18T10:00:00.000Z', snippet: '', attachments: [], filedAt: '2026-11-18T11:00:00.000Z', filedBy: null,
    },
  ],
  total: 2,
};

async function mountPanel(sidePanel: boolean, m: OpenMessage = message(1)) {
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false });
  const w = mount(FilingPanel, { props: { sidePanel }, global: { plugins: [pinia] } });
  useSessionStore().state = signedIn;
  await useFilingStore().open({ conversation: conversation(m), resolveMessageId: async (x) => rfcId(x) });
  await flushPromises();
  return w;
}

describe('the correspondent\'s record card', () => {
  it('shows the sender\'s record in the side panel: kind, addresses, phone, company, recent filed mail and who filed it', async () => {
    handlers['records.suggest'] = () => [
      { record: bobAtClient, reason: 'email', matched: 'bob@client.test' },
      { record: clientCo, reason: 'company', matched: 'bob@client.test' },
    ];
    handlers['records.messages'] = () => recent;
    const w = await mountPanel(true);
    const card = w.get('[data-testid="record-card"]');
    expect(card.attributes('aria-label')).toBe('Record of Bob Buyer');
    expect(card.text()).toContain('contact');
    expect(card.text()).toContain('bob@client.test');
    expect(card.text()).toContain('+33 1 23');
    // The company is known from the suggestions: not fetched again.
    expect(card.get('[data-testid="record-card-company"]').text()).toBe('Client SA · client.test');
    expect(callsOf(send, 'records.messages')).toEqual([{ id: bob.id, limit: 5 }]);
    const mail = card.findAll('[data-testid="record-card-mail"]').map((li) => li.text());
    expect(mail[0]).toMatch(/^Invoice 7.*filed by Alice Martin$/);
    expect(mail[1]).toMatch(/filed by sync$/);
    expect(card.get('[data-testid="write-to"]').text()).toBe('Write to Bob Buyer');
    // The side panel heading carries the subject already.
    expect(w.find('[data-testid="filing-message"]').exists()).toBe(false);
  });

  it('still shows the sender\'s card once the mail is filed and the API lists them first as a record of the thread', async () => {
    handlers['records.suggest'] = () => [
      { record: bobAtClient, reason: 'thread', matched: 'k1' },
      { record: clientCo, reason: 'company', matched: 'bob@client.test' },
    ];
    handlers['records.messages'] = () => recent;
    const w = await mountPanel(true);
    expect(w.get('[data-testid="record-card"]').attributes('aria-label')).toBe('Record of Bob Buyer');
    expect(w.get('[data-testid="filing-sender"]').text()).not.toContain('not in Mailroom');
  });

  it('keeps the card behind a click in the popover, under the subject and sender', async () => {
    handlers['records.get'] = ({ id }) => ({ ...clientCo, id });
    handlers['records.suggest'] = () => [{ record: bobAtClient, reason: 'email', matched: 'bob@client.test' }];
    const w = await mountPanel(false);
    expect(w.get('[data-testid="filing-message"]').text()).toBe('Quote for 12 chairsFrom Bob Buyer <Bob@Client.test>');
    const more = w.get('[data-testid="filing-sender"] details');
    expect(more.get('summary').text()).toBe('Record: Bob Buyer');
    expect(more.attributes('open')).toBeUndefined();
    // Not a suggestion here: the company is read for the card.
    expect(callsOf(send, 'records.get')).toEqual([{ id: clientCo.id }]);
  });

  it('offers "Create and file" prefilled for a sender with no record, and files to the new record', async () => {
    handlers['records.suggest'] = () => [{ record: clientCo, reason: 'domain', matched: 'client.test' }];
    handlers['records.lookup'] = () => ({ byEmail: [], byDomain: [clientCo] });
    handlers['filings.submit'] = (req) => ({
      status: 'filed',
      state: { message: null, filings: [{ id: 'f-1', record: { id: req.newRecord!.id, kind: 'client', name: 'Bob Buyer' }, filedBy: alice, filedAt: '2026-11-27T08:00:00.000Z', source: 'manual' }] },
    });
    const w = await mountPanel(true);
    const sender = w.get('[data-testid="filing-sender"]');
    expect(sender.text()).toContain('Bob Buyer is not in Mailroom yet.');
    expect(sender.get('details').attributes('open')).toBeDefined();
    expect((sender.get('[data-testid="create-company"]').element as HTMLInputElement).value).toBe('Client SA');

    await sender.get('form').trigger('submit');
    await flushPromises();
    const [req] = callsOf(send, 'filings.submit');
    expect(req!.recordIds).toEqual([]);
    expect(req!.newRecord).toMatchObject({ kind: 'client', name: 'Bob Buyer', emails: ['bob@client.test'], companyId: clientCo.id });
    expect(w.get('[data-testid="filing-notice"]').text()).toBe('Created Bob Buyer and filed this email there.');
    // The new record is the sender's now: its card replaces the form, its row says filed.
    expect(w.get('[data-testid="record-card"]').attributes('aria-label')).toBe('Record of Bob Buyer');
    expect(w.get(`[data-record-id="${req!.newRecord!.id}"]`).attributes('data-filed')).toBe('true');
  });

  it('is about the recipient for mail sent from one of our shared addresses', async () => {
    handlers['records.suggest'] = () => [];
    const sent = message(1, { from: { name: 'Acme Sales', address: 'sales@acme.test' }, to: [{ name: 'Carol Partner', address: 'carol@partner.test' }], cc: [] });
    const w = await mountPanel(true, sent);
    const card = w.get('[data-testid="filing-sender"]');
    expect(card.text()).toContain('Carol Partner is not in Mailroom yet.');
    expect((card.get('input[type="email"]').element as HTMLInputElement).value).toBe('carol@partner.test');
  });

  it('shows a refused "create and file" in the form and keeps nothing queued', async () => {
    handlers['records.suggest'] = () => [];
    handlers['filings.submit'] = (req) => ({
      status: 'failed',
      item: {
        id: 'q-1', dedupKey: 'k', messageKey: 'k', request: req, status: 'failed', attempts: 1, nextAttemptAt: 0, createdAt: 0,
        lastError: { code: 'conflict', message: 'Already in Mailroom: Bob Buyer has the address bob@client.test.', status: 409 },
      },
    });
    handlers['filings.queue.dismiss'] = () => undefined;
    const w = await mountPanel(true);
    await w.get('[data-testid="filing-sender"] form').trigger('submit');
    await flushPromises();
    expect(callsOf(send, 'filings.queue.dismiss')).toEqual([{ id: 'q-1' }]);
    expect(w.get('[role="alert"]').text()).toContain('Already in Mailroom: Bob Buyer has the address bob@client.test.');
    expect(w.find('[data-testid="record-card"]').exists()).toBe(false);
    expect(w.get('[data-testid="filing-sender"]').text()).toContain('Bob Buyer is not in Mailroom yet.');
  });
});
