import { describe, expect, it, vi } from 'vitest';
import type { InboxMessage, InboxPage } from '@/contract';
import { useInboxStore } from '@/stores/inbox';
import { belongsTo } from '@/stores/inbox-filters';
import { useSessionStore } from '@/stores/session';
import { locale } from '@/utils/i18n';
import { alice, meAlice } from '../background/samples';
import { sendMock, sent } from './mock-send';
import { resetBeforeEach } from './reset';

vi.mock('@/messaging/client', (original) => import('./mock-send').then((m) => m.mockedClient(original)));

resetBeforeEach();

const bob = { id: 'u-bob', fullName: 'Bob Béranger' };
const me = { id: alice.id, fullName: alice.fullName };
function message(id: string, over: Partial<InboxMessage> = {}): InboxMessage {
  return {
    id,
    key: `${id}@client.test`,
    messageId: `${id}@client.test`,
    threadId: null,
    subject: `Subject ${id}`,
    from: { name: 'Claire', address: 'claire@client.test' },
    to: [{ address: 'sales@demo.test' }],
    cc: [],
    date: '2026-12-01T09:00:00.000Z',
    receivedAt: '2026-12-01T09:00:05.000Z',
    folder: 'INBOX',
    snippet: 'Hello',
    filings: [],
    assignee: null,
    assignedBy: null,
    assignedAt: null,
    handledBy: null,
    handledAt: null,
    history: [],
    ...over,
  };
}
const page = (items: InboxMessage[], nextCursor: string | null = null): InboxPage => ({ items, nextCursor });
const assignees = [
  { ...bob, email: 'bob@demo.test' },
  { ...me, email: alice.email },
];

async function signedInStore() {
  sendMock.on('session.get', () => ({ status: 'signed-in', serverUrl: 'http://localhost:8787', me: meAlice }));
  await useSessionStore().load();
  sendMock.on('inbox.assignees', () => assignees);
  return useInboxStore();
}
const lists = () => sent.filter((s) => s.name === 'inbox.list').map((s) => s.req);

describe('inbox store', () => {
  it('opens an account on its open mail with its people, and asks each filter as the API names it', async () => {
    const store = await signedInStore();
    sendMock.on('inbox.list', () => page([message('m1'), message('m2')], 'c1'));
    await store.open('acc-1');
    expect(store.items.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(store.hasMore).toBe(true);
    expect(store.assignees).toEqual(assignees);
    await store.setFilter('mine');
    await store.setFilter('handled');
    expect(lists()).toEqual([
      { accountId: 'acc-1', query: { state: 'open', limit: 25 } },
      { accountId: 'acc-1', query: { state: 'assigned', assignee: 'me', limit: 25 } },
      { accountId: 'acc-1', query: { state: 'handled', limit: 25 } },
    ]);
    // The same account: its people are not asked again.
    expect(sent.filter((s) => s.name === 'inbox.assignees')).toHaveLength(1);
  });

  it('pages on with the cursor, without repeating a message that moved meanwhile', async () => {
    const store = await signedInStore();
    sendMock.on('inbox.list', () => page([message('m1'), message('m2')], 'c1'));
    await store.open('acc-1');
    sendMock.on('inbox.list', () => page([message('m2'), message('m3')]));
    await store.loadMore();
    expect(store.items.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(store.hasMore).toBe(false);
    expect(lists()[1]).toEqual({ accountId: 'acc-1', query: { state: 'open', limit: 25, cursor: 'c1' } });
  });

  it('refresh reads as many messages as are shown and shows what others changed', async () => {
    const store = await signedInStore();
    sendMock.on('inbox.list', () => page(Array.from({ length: 25 }, (_, i) => message(`m${i}`)), 'c1'));
    await store.open('acc-1');
    sendMock.on('inbox.list', () => page(Array.from({ length: 5 }, (_, i) => message(`n${i}`))));
    await store.loadMore();
    sendMock.on('inbox.list', () => page([message('m1')]));
    await store.refresh();
    expect(lists().at(-1)).toEqual({ accountId: 'acc-1', query: { state: 'open', limit: 30 } });
    expect(store.items.map((m) => m.id)).toEqual(['m1']);
  });

  it('an assignment leaves the open list; assigned to me it stays under "mine"', async () => {
    const store = await signedInStore();
    sendMock.on('inbox.list', () => page([message('m1'), message('m2')]));
    await store.open('acc-1');
    sendMock.on('inbox.assign', ({ messageId, userId }) => message(messageId, { assignee: userId === bob.id ? bob : me, assignedBy: me }));
    expect(await store.assign('m1', bob.id)).toBe(true);
    expect(store.items.map((m) => m.id)).toEqual(['m2']);
    expect(sent.at(-1)).toEqual({ name: 'inbox.assign', req: { accountId: 'acc-1', messageId: 'm1', userId: bob.id } });

    sendMock.on('inbox.list', () => page([message('m3', { assignee: me })]));
    await store.setFilter('mine');
    await store.assign('m3', me.id);
    expect(store.items.map((m) => [m.id, m.assignee?.id])).toEqual([['m3', me.id]]);
  });

  it('marking handled takes the message out of open; reopening takes it out of handled', async () => {
    const store = await signedInStore();
    sendMock.on('inbox.list', () => page([message('m1')]));
    await store.open('acc-1');
    sendMock.on('inbox.setHandled', ({ messageId, handled }) =>
      message(messageId, handled ? { handledBy: me, handledAt: '2026-12-01T10:00:00.000Z' } : {}),
    );
    await store.setHandled('m1', true);
    expect(store.items).toEqual([]);
    sendMock.on('inbox.list', () => page([message('m1', { handledBy: me, handledAt: '2026-12-01T10:00:00.000Z' })]));
    await store.setFilter('handled');
    await store.setHandled('m1', false);
    expect(store.items).toEqual([]);
  });

  it('a refused assignment keeps the list and says why, in the UI language', async () => {
    const store = await signedInStore();
    sendMock.on('inbox.list', () => page([message('m1')]));
    await store.open('acc-1');
    locale.value = 'fr';
    sendMock.fail('inbox.assign', {
      code: 'validation_failed',
      message: 'This person cannot use sales@demo.test.',
      status: 422,
      fields: { userId: 'This person cannot use sales@demo.test.' },
    });
    expect(await store.assign('m1', 'u-gone')).toBe(false);
    expect(store.items.map((m) => m.id)).toEqual(['m1']);
    expect(store.error).toBe('Choisissez une personne qui a accès à ce compte\u00a0: donnez-lui d’abord l’accès si elle doit l’avoir.');
    expect(store.busy).toEqual([]);
  });

  it('says the message is gone when the API no longer finds it', async () => {
    const store = await signedInStore();
    sendMock.on('inbox.list', () => page([message('m1')]));
    await store.open('acc-1');
    sendMock.fail('inbox.setHandled', { code: 'not_found', message: 'The message was not found.', status: 404 });
    await store.setHandled('m1', true);
    expect(store.error).toBe('This message is no longer in this inbox, or you no longer have access to the mailbox: reload.');
  });

  it('drops an answer for an account left meanwhile', async () => {
    const store = await signedInStore();
    let release: (p: InboxPage) => void = () => undefined;
    sendMock.on('inbox.list', () => new Promise<InboxPage>((r) => (release = r)));
    const first = store.open('acc-1');
    await Promise.resolve();
    const slow = release;
    sendMock.on('inbox.list', () => page([message('b1')]));
    await store.open('acc-2');
    slow(page([message('a1')]));
    await first;
    expect(store.accountId).toBe('acc-2');
    expect(store.items.map((m) => m.id)).toEqual(['b1']);
  });
});

describe('belongsTo', () => {
  it('matches the API’s states', () => {
    const filed = message('f', { filings: [{ id: 'f1', record: { id: 'r', kind: 'client', name: 'R' }, filedBy: null, filedAt: '2026-12-01T10:00:00.000Z', source: 'manual' }] });
    const handled = message('h', { handledAt: '2026-12-01T10:00:00.000Z', assignee: me });
    expect(belongsTo(message('o'), 'open', me.id)).toBe(true);
    expect(belongsTo(filed, 'open', me.id)).toBe(false);
    expect(belongsTo(message('a', { assignee: bob }), 'open', me.id)).toBe(false);
    expect(belongsTo(message('a', { assignee: bob }), 'mine', me.id)).toBe(false);
    expect(belongsTo(message('a', { assignee: me }), 'mine', me.id)).toBe(true);
    expect(belongsTo(handled, 'mine', me.id)).toBe(false);
    expect(belongsTo(handled, 'handled', me.id)).toBe(true);
  });
});
