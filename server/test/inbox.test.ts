import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageInput } from '../../contract/filings';
import type { InboxAssignees, InboxMessage, InboxPage } from '../../contract/inbox';
import type { CrmRecord } from '../../contract/records';
import { createAccountAs, grantAccess, insertAccountWithAccess } from './helpers/accounts';
import { admin, member, member2, otherMember, t, useAppForFile } from './helpers/app-for-file';
import { insertSyncedMessage } from './helpers/synced-mail';

useAppForFile({ quota: 10 });

/** `sales`: member and member2 use it (not the admin). */
let sales: string;
let record: string;
beforeAll(async () => {
  sales = (await createAccountAs(t, admin, { address: 'sales@acme.test' })).id;
  await grantAccess(t, admin, sales, t.seed.member.id);
  await grantAccess(t, admin, sales, t.seed.member2.id);
  const res = await t.request(admin, { method: 'POST', url: '/api/records', payload: { kind: 'client', name: 'Alice Client' } });
  record = (res.json() as CrmRecord).id;
});

let n = 0;
function mail(over: Partial<MessageInput> = {}): MessageInput {
  n += 1;
  return {
    messageId: `<inbox-${n}@client.test>`,
    subject: `Question ${n}`,
    from: { name: 'Alice', address: 'alice@client.test' },
    to: [{ address: 'sales@acme.test' }],
    cc: [{ address: 'boss@client.test' }],
    date: `2025-03-01T09:${String(n % 60).padStart(2, '0')}:00Z`,
    snippet: `Hello ${n}`,
    ...over,
  };
}
/** A synced message of `account` received `minutes` after a fixed instant; returns its id. */
const synced = (account: string, minutes: number, over: Partial<MessageInput> = {}) =>
  insertSyncedMessage(t.db, t.seed.org.id, account, mail(over), new Date(Date.UTC(2025, 2, 2, 8) + minutes * 60_000).toISOString());

/** A fresh account used by member and member2, so each test reads its own inbox. */
const freshAccount = () =>
  insertAccountWithAccess(t.db, t.seed.org.id, `box-${++n}@acme.test`, [{ id: t.seed.member.id }, { id: t.seed.member2.id }]);

const list = async (token: string, account: string, query: Record<string, string> = {}) => {
  const res = await t.request(token, { method: 'GET', url: `/api/email-accounts/${account}/inbox`, query });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as InboxPage;
};
const assign = (token: string, account: string, message: string, userId: string | null) =>
  t.request(token, { method: 'POST', url: `/api/email-accounts/${account}/inbox/${message}/assign`, payload: { userId } });
const handled = (token: string, account: string, message: string, method: 'POST' | 'DELETE' = 'POST') =>
  t.request(token, { method, url: `/api/email-accounts/${account}/inbox/${message}/handled` });
const subjects = (page: InboxPage) => page.items.map((m) => m.subject);

describe('GET /api/email-accounts/:id/inbox', () => {
  it('lists synced mail newest first with its headers, page by page', async () => {
    const box = await freshAccount();
    for (let i = 0; i < 5; i++) await synced(box, i, { subject: `Paged ${i}` });
    const first = await list(member, box, { limit: '2' });
    expect(subjects(first)).toEqual(['Paged 4', 'Paged 3']);
    const second = await list(member, box, { limit: '2', cursor: first.nextCursor! });
    expect(subjects(second)).toEqual(['Paged 2', 'Paged 1']);
    const third = await list(member, box, { limit: '2', cursor: second.nextCursor! });
    expect(subjects(third)).toEqual(['Paged 0']);
    expect(third.nextCursor).toBeNull();

    const m = first.items[0]!;
    expect(m).toMatchObject({
      from: { name: 'Alice', address: 'alice@client.test' },
      to: [{ address: 'sales@acme.test' }],
      cc: [{ address: 'boss@client.test' }],
      folder: 'INBOX',
      assignee: null,
      handledAt: null,
      history: [],
      filings: [],
    });
    expect(m.key).toMatch(/^inbox-\d+@client\.test$/);
    expect(m.messageId).toBe(m.key);
    expect(m.snippet).toMatch(/^Hello \d+$/);
  });

  it('orders messages received in the same instant by id, without losing one across pages', async () => {
    const box = await freshAccount();
    const ids = [await synced(box, 0), await synced(box, 0), await synced(box, 0)];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: InboxPage = await list(member, box, { limit: '1', ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].sort().reverse());
  });

  it('keeps out mail filed from the extension and other accounts’ mail', async () => {
    const box = await freshAccount();
    const other = await freshAccount();
    await synced(other, 1, { subject: 'Elsewhere' });
    await synced(box, 2, { subject: 'Mine' });
    const manual = await t.request(member, {
      method: 'POST',
      url: '/api/filings',
      payload: { accountId: box, message: mail({ subject: 'Filed by hand' }), recordIds: [record] },
    });
    expect(manual.statusCode).toBe(201);
    expect(subjects(await list(member, box, { state: 'all' }))).toEqual(['Mine']);
  });

  it('sorts mail into open, assigned and handled; assignee=me keeps the caller’s', async () => {
    const box = await freshAccount();
    const open = await synced(box, 1, { subject: 'Open one' });
    const mine = await synced(box, 2, { subject: 'Mine' });
    const bobs = await synced(box, 3, { subject: 'Bob’s' });
    const done = await synced(box, 4, { subject: 'Done' });
    expect((await assign(member, box, mine, t.seed.member.id)).statusCode).toBe(200);
    expect((await assign(member, box, bobs, t.seed.member2.id)).statusCode).toBe(200);
    expect((await handled(member2, box, done)).statusCode).toBe(200);

    expect(subjects(await list(member, box))).toEqual(['Open one']);
    expect(subjects(await list(member, box, { state: 'open' }))).toEqual(['Open one']);
    expect(subjects(await list(member, box, { state: 'assigned' }))).toEqual(['Bob’s', 'Mine']);
    expect(subjects(await list(member, box, { state: 'assigned', assignee: 'me' }))).toEqual(['Mine']);
    expect(subjects(await list(member2, box, { state: 'assigned', assignee: 'me' }))).toEqual(['Bob’s']);
    expect(subjects(await list(member, box, { state: 'handled' }))).toEqual(['Done']);
    expect(subjects(await list(member, box, { state: 'all' }))).toEqual(['Done', 'Bob’s', 'Mine', 'Open one']);
    expect(open).toBeTruthy();

    // Handling assigned mail moves it to handled, still assigned (whose it was stays visible).
    await handled(member, box, mine);
    expect(subjects(await list(member, box, { state: 'assigned' }))).toEqual(['Bob’s']);
    const handledPage = await list(member, box, { state: 'handled', assignee: 'me' });
    expect(handledPage.items.map((m) => [m.subject, m.assignee?.id])).toEqual([['Mine', t.seed.member.id]]);
  });

  it('refuses bad queries with a 400 and a readable sentence', async () => {
    const queries: Record<string, string>[] = [{ state: 'done' }, { assignee: 'bob' }, { limit: '0' }, { cursor: 'not-a-cursor' }, { extra: '1' }];
    for (const query of queries) {
      const res = await t.request(member, { method: 'GET', url: `/api/email-accounts/${sales}/inbox`, query });
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });
});

describe('who may see and act on an inbox', () => {
  it('refuses users without a grant (admins included), other organisations and signed-out callers', async () => {
    const box = await freshAccount();
    const msg = await synced(box, 1);
    for (const token of [admin, otherMember]) {
      for (const res of [
        await t.request(token, { method: 'GET', url: `/api/email-accounts/${box}/inbox` }),
        await t.request(token, { method: 'GET', url: `/api/email-accounts/${box}/inbox/assignees` }),
        await assign(token, box, msg, null),
        await handled(token, box, msg),
        await handled(token, box, msg, 'DELETE'),
      ]) {
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('not_found');
      }
    }
    expect((await t.request(null, { method: 'GET', url: `/api/email-accounts/${box}/inbox` })).statusCode).toBe(401);
    expect((await list(member, box)).items[0]!.handledAt).toBeNull();
  });

  it('refuses a user whose access has ended', async () => {
    const box = await insertAccountWithAccess(t.db, t.seed.org.id, 'ended@acme.test', [
      { id: t.seed.member.id, expiresAt: '2020-01-01T00:00:00.000Z' },
      { id: t.seed.member2.id },
    ]);
    const msg = await synced(box, 1);
    expect((await t.request(member, { method: 'GET', url: `/api/email-accounts/${box}/inbox` })).statusCode).toBe(404);
    expect((await handled(member, box, msg)).statusCode).toBe(404);
    expect((await list(member2, box)).items).toHaveLength(1);
  });

  it('hides a deactivated account’s inbox', async () => {
    const acc = (await createAccountAs(t, admin, { address: 'paused@acme.test' })).id;
    await grantAccess(t, admin, acc, t.seed.member.id);
    const msg = await synced(acc, 1);
    expect((await list(member, acc)).items).toHaveLength(1);
    await t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${acc}`, payload: { active: false } });
    expect((await t.request(member, { method: 'GET', url: `/api/email-accounts/${acc}/inbox` })).statusCode).toBe(404);
    expect((await assign(member, acc, msg, t.seed.member.id)).statusCode).toBe(404);
  });

  it('answers 404 for a message that is not synced mail of this account', async () => {
    const box = await freshAccount();
    const other = await freshAccount();
    const elsewhere = await synced(other, 1);
    const res = await handled(member, box, elsewhere);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('inbox');
    expect((await handled(member, box, 'no-such-message')).statusCode).toBe(404);
  });
});

describe('assigning', () => {
  it('lists the account’s active users with access as assignees', async () => {
    const box = await insertAccountWithAccess(t.db, t.seed.org.id, 'team@acme.test', [
      { id: t.seed.member.id },
      { id: t.seed.member2.id, expiresAt: '2020-01-01T00:00:00.000Z' },
      { id: t.seed.admin.id },
    ]);
    const res = await t.request(member, { method: 'GET', url: `/api/email-accounts/${box}/inbox/assignees` });
    expect(res.statusCode).toBe(200);
    expect((res.json() as InboxAssignees).items).toEqual([
      { id: t.seed.admin.id, fullName: 'Ada Admin', email: 'admin@acme.test' },
      { id: t.seed.member.id, fullName: 'Mia Member', email: 'member@acme.test' },
    ]);
  });

  it('assigns to a user of the account, reassigns, unassigns with null; each step in the history, once', async () => {
    const box = await freshAccount();
    const msg = await synced(box, 1);
    const first = await assign(member, box, msg, t.seed.member2.id);
    expect(first.statusCode).toBe(200);
    const body = first.json() as InboxMessage;
    expect(body.assignee).toEqual({ id: t.seed.member2.id, fullName: 'Bob Béranger' });
    expect(body.assignedBy).toEqual({ id: t.seed.member.id, fullName: 'Mia Member' });
    expect(body.assignedAt).not.toBeNull();

    // A retry changes nothing.
    expect(((await assign(member, box, msg, t.seed.member2.id)).json() as InboxMessage).history).toHaveLength(1);
    await assign(member2, box, msg, t.seed.member.id);
    const cleared = (await assign(member2, box, msg, null)).json() as InboxMessage;
    expect(cleared.assignee).toBeNull();
    expect(cleared.assignedBy).toBeNull();
    expect(cleared.history.map((e) => [e.action, e.by?.fullName, e.assignee?.fullName])).toEqual([
      ['assigned', 'Mia Member', 'Bob Béranger'],
      ['assigned', 'Bob Béranger', 'Mia Member'],
      ['unassigned', 'Bob Béranger', undefined],
    ]);
    expect(subjects(await list(member, box))).toHaveLength(1);
  });

  it('refuses an assignee without access, with ended access, deactivated, or of another organisation', async () => {
    const box = await insertAccountWithAccess(t.db, t.seed.org.id, 'strict@acme.test', [
      { id: t.seed.member.id },
      { id: t.seed.member2.id, expiresAt: '2020-01-01T00:00:00.000Z' },
    ]);
    const msg = await synced(box, 1);
    const inactive = await t.request(admin, {
      method: 'POST',
      url: '/api/users',
      payload: { email: 'leaver@acme.test', firstName: 'Lee', lastName: 'Leaver' },
    });
    expect(inactive.statusCode, inactive.body).toBe(201);
    const leaver = (inactive.json() as { user: { id: string } }).user.id;
    await grantAccess(t, admin, box, leaver);
    expect((await t.request(admin, { method: 'POST', url: `/api/users/${leaver}/deactivate` })).statusCode).toBe(200);

    for (const userId of [t.seed.admin.id, t.seed.member2.id, leaver, t.seed.otherMember.id, 'nobody']) {
      const res = await assign(member, box, msg, userId);
      expect(res.statusCode, userId).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', fields: { userId: expect.stringContaining('strict@acme.test') } });
    }
    expect((await list(member, box)).items[0]!.history).toEqual([]);
  });
});

describe('handled and reopened', () => {
  it('marks handled, reopens, and tells who did what when', async () => {
    const box = await freshAccount();
    const msg = await synced(box, 1, { subject: 'To handle' });
    const done = (await handled(member, box, msg)).json() as InboxMessage;
    expect(done.handledBy).toEqual({ id: t.seed.member.id, fullName: 'Mia Member' });
    expect(done.handledAt).not.toBeNull();
    expect((await list(member2, box)).items).toEqual([]);
    expect(subjects(await list(member2, box, { state: 'handled' }))).toEqual(['To handle']);

    expect(((await handled(member2, box, msg)).json() as InboxMessage).history).toHaveLength(1);
    const reopened = (await handled(member2, box, msg, 'DELETE')).json() as InboxMessage;
    expect(reopened.handledAt).toBeNull();
    expect(reopened.handledBy).toBeNull();
    expect(reopened.history.map((e) => [e.action, e.by?.id])).toEqual([
      ['handled', t.seed.member.id],
      ['reopened', t.seed.member2.id],
    ]);
    expect(subjects(await list(member, box))).toEqual(['To handle']);
  });

  it('two people marking the same message handled at once record one step', async () => {
    const box = await freshAccount();
    const msg = await synced(box, 1);
    const answers = await Promise.all([handled(member, box, msg), handled(member2, box, msg), handled(member, box, msg)]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const after = (await list(member, box, { state: 'handled' })).items[0]!;
    expect(after.history.map((e) => e.action)).toEqual(['handled']);
    expect(after.handledBy?.id).toBe(after.history[0]!.by?.id);
  });

  it('audits every step in the same transaction', async () => {
    const box = await freshAccount();
    const msg = await synced(box, 1);
    await assign(member, box, msg, t.seed.member2.id);
    await assign(member, box, msg, null);
    await handled(member2, box, msg);
    await handled(member2, box, msg, 'DELETE');
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'subject_type', 'detail_json'])
      .where('subject_id', '=', msg)
      .orderBy('at')
      .execute();
    expect(rows.map((r) => [r.action, r.actor_id, r.subject_type])).toEqual([
      ['inbox.assigned', t.seed.member.id, 'message'],
      ['inbox.unassigned', t.seed.member.id, 'message'],
      ['inbox.handled', t.seed.member2.id, 'message'],
      ['inbox.reopened', t.seed.member2.id, 'message'],
    ]);
    expect(JSON.parse(rows[0]!.detail_json)).toEqual({ accountId: box, assigneeId: t.seed.member2.id });
  });
});

describe('filing from the inbox', () => {
  it('files through POST /api/filings by the message’s key, which takes it out of open and assigned', async () => {
    const box = await freshAccount();
    await synced(box, 1, { subject: 'To file' });
    await synced(box, 2, { subject: 'No Message-ID', messageId: null });
    const assigned = await synced(box, 3, { subject: 'Assigned then filed' });
    await assign(member, box, assigned, t.seed.member.id);

    const before = await t.db.selectFrom('messages').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    for (const item of [...(await list(member, box)).items, ...(await list(member, box, { state: 'assigned' })).items]) {
      // What the side panel sends: the inbox item's own fields, no body.
      const res = await t.request(member, {
        method: 'POST',
        url: '/api/filings',
        payload: {
          accountId: box,
          message: { messageId: item.messageId, threadId: item.threadId, subject: item.subject, from: item.from, to: item.to, cc: item.cc, date: item.date, snippet: item.snippet },
          recordIds: [record],
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().message.id).toBe(item.id);
    }
    const after = await t.db.selectFrom('messages').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    expect((await list(member, box)).items).toEqual([]);
    expect((await list(member, box, { state: 'assigned' })).items).toEqual([]);
    const all = await list(member2, box, { state: 'all' });
    expect(all.items).toHaveLength(3);
    for (const m of all.items) {
      expect(m.filings.map((f) => [f.record.name, f.filedBy?.id, f.source])).toEqual([['Alice Client', t.seed.member.id, 'manual']]);
      expect(m.history.at(-1)).toMatchObject({ action: 'filed', by: { id: t.seed.member.id }, record: { id: record, name: 'Alice Client' } });
    }
  });

  it('keeps mail filed by the sync out of the inbox', async () => {
    const box = await freshAccount();
    const msg = await synced(box, 1, { subject: 'Auto-filed' });
    await synced(box, 2, { subject: 'Left over' });
    await t.db.insertInto('filings').values({ id: `sync-${msg}`, message_id: msg, record_id: record, filed_by: null, filed_at: new Date().toISOString(), source: 'sync' }).execute();
    expect(subjects(await list(member, box))).toEqual(['Left over']);
    const auto = (await list(member, box, { state: 'all' })).items.find((m) => m.id === msg)!;
    expect(auto.history).toEqual([expect.objectContaining({ action: 'filed', by: null })]);
  });
});
