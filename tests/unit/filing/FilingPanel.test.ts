import { createTestingPinia } from '@pinia/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import FilingPanel from '@/components/filing/FilingPanel.vue';
import { send } from '@/messaging/client';
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
  lookupBy,
  message,
  record,
  rfcId,
  signedIn,
} from './filing-mock';
import { answerFrom } from '../stores/api-handlers';

vi.mock('@/messaging/client', (original) => import('../stores/api-handlers').then((m) => m.clientWithSendMock(original)));

const handlers = answerFrom(send, defaultHandlers);

async function mountPanel(messages: OpenMessage[] = [message(1)]) {
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false });
  const wrapper = mount(FilingPanel, { props: { closable: true }, global: { plugins: [pinia] } });
  useSessionStore().state = signedIn;
  await useFilingStore().open({ conversation: conversation(...messages), resolveMessageId: async (m) => rfcId(m) });
  await flushPromises();
  return wrapper;
}

const button = (w: Awaited<ReturnType<typeof mountPanel>>, name: string) => {
  const found = w.findAll('button').find((b) => (b.attributes('aria-label') ?? b.text()) === name);
  if (!found) throw new Error(`No button named "${name}"`);
  return found;
};

describe('FilingPanel', () => {
  it('files to the suggested record in one click, then shows that row as filed, by whom, with Unfile', async () => {
    handlers['filings.submit'] = () => ({
      status: 'filed',
      state: filedState({ id: 'f-1', record: bob, by: alice, at: '2026-11-27T08:00:00.000Z' }),
    });
    const w = await mountPanel();
    expect(w.findAll('[data-testid="record-option"]').map((li) => li.attributes('data-record-id'))).toEqual([bob.id, clientCo.id]);
    expect(w.get('[data-testid="filing-filed"]').text()).toBe('Not filed yet.');

    await button(w, 'File to Bob Buyer').trigger('click');
    await flushPromises();

    expect(callsOf(send, 'filings.submit').map((r) => r.recordIds)).toEqual([[bob.id]]);
    const row = w.get(`[data-record-id="${bob.id}"]`);
    expect(row.attributes('data-filed')).toBe('true');
    expect(row.get('[data-testid="record-filed"]').text()).toMatch(/^Filed by Alice Martin, /);
    // No "File to" for a record it is filed to: "Unfile" instead, and no second line above.
    expect(row.findAll('button').map((b) => b.attributes('aria-label'))).toEqual(['Unfile from Bob Buyer']);
    expect(row.get('input[type="checkbox"]').attributes('disabled')).toBeDefined();
    expect(w.findAll('[data-testid="filed-item"]')).toHaveLength(0);
    expect(w.get('[data-testid="filing-notice"]').text()).toBe('Filed to Bob Buyer.');
  });

  it('lists above the filings to records it does not offer, with who and when', async () => {
    const other = record('rec-other', 'Other Ltd', 'company');
    handlers['filings.lookup'] = lookupBy(() => filedState({ id: 'f-9', record: other, by: null, at: '2026-11-27T08:00:00.000Z' }));
    const w = await mountPanel();
    const items = w.findAll('[data-testid="filed-item"]');
    expect(items.map((i) => i.get('.mr-record').text())).toEqual(['Other Ltd']);
    expect(items[0]!.text()).toContain('by sync');
    expect(items[0]!.find('button').attributes('aria-label')).toBe('Unfile from Other Ltd');
  });

  it('says it is filing while the background works, and disables the file buttons', async () => {
    let answer!: () => void;
    handlers['filings.submit'] = () => new Promise((resolve) => (answer = () => resolve({ status: 'filed', state: filedState() })));
    const w = await mountPanel();
    await button(w, 'File to Client SA').trigger('click');
    await flushPromises();
    expect(w.find('[role="status"]').text()).toBe('Filing…');
    expect(button(w, 'File to Bob Buyer').attributes('disabled')).toBeDefined();
    answer();
    await flushPromises();
    expect(w.get('[data-testid="filing-notice"]').text()).toBe('Filed to Client SA.');
  });

  it('files to several ticked records with the main button', async () => {
    handlers['filings.submit'] = () => ({ status: 'filed', state: filedState() });
    const w = await mountPanel();
    const main = w.get('button.mr-primary');
    expect(main.attributes('disabled')).toBeDefined();
    const boxes = w.findAll('[data-testid="filing-suggestions"] input[type="checkbox"]');
    await boxes[0]!.setValue(true);
    await boxes[1]!.setValue(true);
    expect(main.text()).toBe('File to 2 selected records');
    await main.trigger('click');
    await flushPromises();
    expect(callsOf(send, 'filings.submit').map((r) => r.recordIds)).toEqual([[bob.id, clientCo.id]]);
  });

  it('offers the whole conversation when it has several emails', async () => {
    const w = await mountPanel([message(1), message(2), message(3)]);
    expect(w.text()).toContain('The whole conversation (3 emails)');
  });

  it('unfiles with a button named after the record, and the row offers filing again', async () => {
    handlers['filings.lookup'] = lookupBy(() => filedState({ id: 'f-7', record: clientCo, by: alice, at: '2026-11-27T08:00:00.000Z' }));
    handlers['filings.unfile'] = () => undefined;
    const w = await mountPanel();
    await button(w, 'Unfile from Client SA').trigger('click');
    await flushPromises();
    expect(callsOf(send, 'filings.unfile')).toEqual([{ filingId: 'f-7' }]);
    expect(w.get(`[data-record-id="${clientCo.id}"]`).attributes('data-filed')).toBe('false');
    expect(button(w, 'File to Client SA').attributes('disabled')).toBeUndefined();
  });

  it('shows a pending filing and a failed one with retry and dismiss', async () => {
    const base = { dedupKey: 'k', attempts: 1, nextAttemptAt: 0, createdAt: 0, request: { accountId: 'acc-sales', recordIds: [bob.id], message: { from: { address: 'bob@client.test' }, date: '2026-11-21T10:00:00.000Z' } } };
    const key = `${message(1).providerMessageId.replace('msg-f:', 'm')}@mail.client.test`;
    handlers['filings.queue'] = () => [
      { ...base, id: 'q-1', messageKey: key, status: 'pending', lastError: { code: 'network', message: 'x' } },
      { ...base, id: 'q-2', messageKey: key, status: 'failed', lastError: { code: 'not_found', message: 'The record was not found.', status: 404 } },
      { ...base, id: 'q-3', messageKey: 'other@x', status: 'pending', lastError: null },
    ];
    const w = await mountPanel();
    const items = w.findAll('[data-testid="queued-item"]');
    expect(items.map((i) => i.attributes('data-status'))).toEqual(['pending', 'failed']);
    expect(items[0]!.text()).toBe('Waiting to be filed to 1 record');
    expect(items[1]!.text()).toContain('Not filed: This item no longer exists: reload the page.');
    expect(items[1]!.findAll('button').map((b) => b.text())).toEqual(['Retry', 'Dismiss']);
  });

  it('searches after a pause in typing', async () => {
    vi.useFakeTimers();
    try {
      handlers['records.search'] = () => ({ items: [clientCo], total: 1, totalCapped: false, nextCursor: null });
      const w = await mountPanel();
      await w.get('input[type="search"]').setValue('cli');
      await w.get('input[type="search"]').setValue('client');
      expect(callsOf(send, 'records.search')).toEqual([]);
      await vi.advanceTimersByTimeAsync(250);
      await flushPromises();
      expect(callsOf(send, 'records.search')).toEqual([{ q: 'client', limit: 20 }]);
      expect(w.findAll('[data-testid="filing-results"] [data-testid="record-option"]')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('speaks French', async () => {
    locale.value = 'fr';
    const w = await mountPanel();
    expect(w.get('h2').text()).toBe('Classer cet e-mail');
    expect(button(w, 'Classer dans Bob Buyer').exists()).toBe(true);
  });

  it('asks to close when it is a popover', async () => {
    const w = await mountPanel();
    await button(w, 'Close').trigger('click');
    expect(w.emitted('close')).toHaveLength(1);
  });
});

