import { createTestingPinia } from '@pinia/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import InboxSection from '@/components/inbox/InboxSection.vue';
import type { InboxMessage } from '@/contract';
import { useSessionStore } from '@/stores/session';
import { locale } from '@/utils/i18n';
import { account, alice, meAlice } from '../background/samples';
import { sendMock, sent } from '../stores/mock-send';
import { resetBeforeEach } from '../stores/reset';

vi.mock('@/messaging/client', (original) => import('../stores/mock-send').then((m) => m.mockedClient(original)));

resetBeforeEach({ pinia: false });

const bob = { id: 'u-bob', fullName: 'Bob Béranger' };
const me = { id: alice.id, fullName: alice.fullName };
const quote: InboxMessage = {
  id: 'm1',
  key: 'm1@client.test',
  messageId: 'm1@client.test',
  threadId: null,
  subject: 'Quote request',
  from: { name: 'Claire', address: 'claire@client.test' },
  to: [{ address: 'sales@demo.test' }],
  cc: [],
  date: '2026-12-01T09:00:00.000Z',
  receivedAt: '2026-12-01T09:00:05.000Z',
  folder: 'INBOX',
  snippet: 'Could you send a quote?',
  filings: [],
  assignee: null,
  assignedBy: null,
  assignedAt: null,
  handledBy: null,
  handledAt: null,
  history: [{ action: 'reopened', by: bob, at: '2026-12-01T09:30:00.000Z' }],
};

async function mountSignedIn() {
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false });
  sendMock.on('session.get', () => ({ status: 'signed-in', serverUrl: 'http://localhost:8787', me: meAlice }));
  sendMock.on('accounts.mine', () => [account('a1', 'sales@demo.test', true), account('a2', 'support@demo.test', false)]);
  sendMock.on('inbox.assignees', () => [
    { ...bob, email: 'bob@demo.test' },
    { ...me, email: alice.email },
  ]);
  sendMock.on('inbox.list', () => ({ items: [quote], nextCursor: null }));
  await useSessionStore(pinia).load();
  const w = mount(InboxSection, { global: { plugins: [pinia] } });
  await flushPromises();
  return w;
}

describe('InboxSection', () => {
  it.each([
    ['en', ['Open', 'Assigned to me', 'Handled'], ['Nobody', 'Bob Béranger', 'Alice Martin (me)'], 'Mark handled', 'Bob Béranger reopened it'],
    ['fr', ['À traiter', 'Assignés à moi', 'Traités'], ['Personne', 'Bob Béranger', 'Alice Martin (moi)'], 'Marquer comme traité', 'Bob Béranger l’a rouvert'],
  ] as const)('shows the default mailbox’s open mail in %s', async (lang, filters, people, handle, history) => {
    locale.value = lang;
    const w = await mountSignedIn();
    expect(sent.find((s) => s.name === 'inbox.list')?.req).toEqual({ accountId: 'a1', query: { state: 'open', limit: 25 } });
    expect(w.findAll('[role=group] button').map((b) => b.text())).toEqual(filters);
    expect(w.get('[role=group] button[aria-pressed=true]').text()).toBe(filters[0]);
    const item = w.get('[data-testid=inbox-item]');
    expect(item.get('h3').text()).toBe('Quote request');
    expect(item.findAll('option').map((o) => o.text())).toEqual(people);
    expect(item.findAll('button').map((b) => b.text())).toContain(handle);
    expect(item.get('[data-testid=inbox-history]').text()).toContain(history);
  });

  it('assigns through the menu and switches filters', async () => {
    const w = await mountSignedIn();
    sendMock.on('inbox.assign', ({ messageId }) => ({ ...quote, id: messageId, assignee: bob, assignedBy: me }));
    await w.get('[data-testid=inbox-item] select').setValue('u-bob');
    await flushPromises();
    expect(sent.find((s) => s.name === 'inbox.assign')?.req).toEqual({ accountId: 'a1', messageId: 'm1', userId: 'u-bob' });
    expect(w.findAll('[data-testid=inbox-item]')).toHaveLength(0);
    expect(w.get('[data-testid=inbox-empty]').text()).toBe('Nothing waits here: all mail is filed, assigned or handled.');

    sendMock.on('inbox.list', () => ({ items: [], nextCursor: null }));
    await w.findAll('[role=group] button')[1]!.trigger('click');
    await flushPromises();
    expect(sent.filter((s) => s.name === 'inbox.list').at(-1)?.req).toEqual({ accountId: 'a1', query: { state: 'assigned', assignee: 'me', limit: 25 } });
    expect(w.get('[data-testid=inbox-empty]').text()).toBe('No mail is assigned to you.');
  });

  it('reads another mailbox when picked', async () => {
    const w = await mountSignedIn();
    await w.get('select.mr-input').setValue('a2');
    await flushPromises();
    expect(sent.filter((s) => s.name === 'inbox.list').at(-1)?.req).toEqual({ accountId: 'a2', query: { state: 'open', limit: 25 } });
    w.unmount();
  });
});
