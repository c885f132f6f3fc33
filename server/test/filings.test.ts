import { beforeAll, describe, expect, it } from 'vitest';
import type { FilingState, MessageInput } from '../../contract/filings';
import { messageFingerprint } from '../../contract/message-key';
import type { CrmRecord } from '../../contract/records';
import { maxHtmlBodyTags } from '../src/filings/filings.service';
import { createAccountAs, grantAccess } from './helpers/accounts';
import { admin, member, member2, otherAdmin, t, useAppForFile } from './helpers/app-for-file';

useAppForFile({ quota: 10 });
/** `sales`: member and member2 use it; `support`: only member2. */
let sales: string;
let support: string;
let rec: Record<'alice' | 'acme' | 'bob' | 'foreign', string>;

beforeAll(async () => {
  sales = (await createAccountAs(t, admin, { address: 'sales@acme.test' })).id;
  support = (await createAccountAs(t, admin, { address: 'support@acme.test' })).id;
  await grantAccess(t, admin, sales, t.seed.member.id);
  await grantAccess(t, admin, sales, t.seed.member2.id);
  await grantAccess(t, admin, support, t.seed.member2.id);
  const mk = async (token: string, body: object) => {
    const res = await t.request(token, { method: 'POST', url: '/api/records', payload: body });
    if (res.statusCode !== 201) throw new Error(res.body);
    return (res.json() as CrmRecord).id;
  };
  rec = {
    acme: await mk(admin, { kind: 'company', name: 'Acme Client Co' }),
    alice: await mk(admin, { kind: 'contact', name: 'Alice' }),
    bob: await mk(admin, { kind: 'client', name: 'Bob' }),
    foreign: await mk(otherAdmin, { kind: 'client', name: 'Foreign' }),
  };
});

let n = 0;
/** A distinct message each call unless fields are given. */
function message(over: Partial<MessageInput> = {}): MessageInput {
  n += 1;
  return {
    messageId: `<msg-${n}.ABC@Mail.Example.COM>`,
    threadId: `thread-${n}`,
    subject: `Quote ${n}`,
    from: { name: 'Alice', address: 'alice@client.test' },
    to: [{ address: 'sales@acme.test' }],
    cc: [],
    date: `2024-05-${String((n % 28) + 1).padStart(2, '0')}T10:00:00Z`,
    snippet: 'Hello…',
    ...over,
  };
}
const file = (token: string, body: object) => t.request(token, { method: 'POST', url: '/api/filings', payload: body });
const lookup = async (token: string, messageId: string) => {
  const res = await t.request(token, { method: 'GET', url: `/api/filings?messageId=${encodeURIComponent(messageId)}` });
  expect(res.statusCode).toBe(200);
  return res.json() as FilingState;
};
const count = async (table: 'messages' | 'filings' | 'message_accounts') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);

describe('POST /api/filings', () => {
  it('files one message to several records and returns where it is filed, by whom and when', async () => {
    const msg = message({ attachments: [{ name: 'devis.pdf', size: 1234, contentType: 'application/pdf' }] });
    const res = await file(member, { accountId: sales, message: msg, recordIds: [rec.alice, rec.acme] });
    expect(res.statusCode).toBe(201);
    const state = res.json() as FilingState;
    expect(state.message).toMatchObject({
      messageKey: `msg-${n}.ABC@mail.example.com`,
      messageId: `msg-${n}.ABC@mail.example.com`,
      subject: msg.subject,
      from: { name: 'Alice', address: 'alice@client.test' },
      attachments: [{ name: 'devis.pdf', size: 1234, contentType: 'application/pdf' }],
    });
    expect(state.filings.map((f) => f.record.name).sort()).toEqual(['Acme Client Co', 'Alice']);
    expect(state.filings[0]).toMatchObject({ filedBy: { id: t.seed.member.id, fullName: 'Mia Member' }, source: 'manual' });
    expect(Date.now() - Date.parse(state.filings[0]!.filedAt)).toBeLessThan(60_000);
  });

  it('is idempotent: a retry and a refiling to more records never duplicate the message', async () => {
    const msg = message();
    const body = { accountId: sales, message: msg, recordIds: [rec.alice] };
    const first = await file(member, body);
    const [messages, filings] = [await count('messages'), await count('filings')];
    const retry = await file(member, body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect([await count('messages'), await count('filings')]).toEqual([messages, filings]);

    // The same mail as another client reads it: brackets, folding, domain case.
    const more = await file(member2, { ...body, message: { ...msg, messageId: ` <msg-${n}.ABC@MAIL.example.com\r\n >` }, recordIds: [rec.alice, rec.bob] });
    expect(more.statusCode).toBe(201);
    const state = more.json() as FilingState;
    expect(state.message?.id).toBe((first.json() as FilingState).message?.id);
    expect(state.filings.map((f) => [f.record.name, f.filedBy?.fullName])).toEqual([['Alice', 'Mia Member'], ['Bob', 'Bob Béranger']]);
    expect(await count('messages')).toBe(messages);
  });

  it('survives concurrent identical POSTs (no 500, one message, one filing per record)', async () => {
    const body = { accountId: sales, message: message(), recordIds: [rec.alice, rec.bob] };
    const before = [await count('messages'), await count('filings')];
    const results = await Promise.all(Array.from({ length: 6 }, () => file(member, body)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect([await count('messages'), await count('filings')]).toEqual([before[0]! + 1, before[1]! + 2]);
  });

  it('links the same message filed from two accounts to both', async () => {
    const msg = message();
    const a = (await file(member2, { accountId: sales, message: msg, recordIds: [rec.alice] })).json() as FilingState;
    const b = await file(member2, { accountId: support, message: msg, recordIds: [rec.alice] });
    expect(b.statusCode).toBe(200);
    const links = await t.db.selectFrom('message_accounts').select('account_id').where('message_id', '=', a.message!.id).execute();
    expect(links.map((l) => l.account_id).sort()).toEqual([sales, support].sort());
  });

  it('keys a message without Message-ID by its fingerprint, and reconciles it when the id turns up', async () => {
    const msg = message({ messageId: null, subject: '  Sans   identifiant ', date: '2024-06-01T08:09:10.555+02:00' });
    const expectedKey = await messageFingerprint({ from: 'alice@client.test', date: '2024-06-01T06:09:10Z', subject: 'Sans identifiant' });
    const first = (await file(member, { accountId: sales, message: msg, recordIds: [rec.alice] })).json() as FilingState;
    expect(first.message?.messageKey).toBe(expectedKey);
    expect(first.message?.messageId).toBeNull();
    expect((await lookup(member, expectedKey)).message?.id).toBe(first.message?.id);

    const withId = await file(member, { accountId: sales, message: { ...msg, messageId: '<late-id@x.test>' }, recordIds: [rec.bob] });
    const state = withId.json() as FilingState;
    expect(state.message).toMatchObject({ id: first.message?.id, messageKey: 'late-id@x.test', messageId: 'late-id@x.test' });
    expect(state.filings.map((f) => f.record.name)).toEqual(['Alice', 'Bob']);
    expect((await lookup(member, expectedKey)).message).toBeNull();
  });

  it('finds the copy stored under its Message-ID when a later client cannot read the id', async () => {
    const msg = message({ messageId: '<known-id@x.test>', date: '2024-07-01T12:00:00.250Z' });
    const first = (await file(member, { accountId: sales, message: msg, recordIds: [rec.alice] })).json() as FilingState;
    const res = await file(member, { accountId: sales, message: { ...msg, messageId: undefined, date: '2024-07-01T14:00:00.900+02:00', subject: ` ${msg.subject}  ` }, recordIds: [rec.bob] });
    expect(res.statusCode).toBe(201);
    const state = res.json() as FilingState;
    expect(state.message).toMatchObject({ id: first.message?.id, messageKey: 'known-id@x.test' });
    expect(state.filings.map((f) => f.record.name)).toEqual(['Alice', 'Bob']);
  });

  it('merges a fingerprint copy into an existing copy keyed by Message-ID', async () => {
    const msg = message({ messageId: null });
    const viaFp = (await file(member, { accountId: sales, message: msg, recordIds: [rec.alice] })).json() as FilingState;
    const withId = message({ messageId: '<merge-me@x.test>', subject: 'other' });
    await file(member, { accountId: sales, message: withId, recordIds: [rec.bob] });
    // Now a client supplies both: the fingerprint's fields and the id.
    const res = await file(member, { accountId: sales, message: { ...msg, messageId: '<merge-me@x.test>' }, recordIds: [rec.acme] });
    const state = res.json() as FilingState;
    expect(state.message?.messageKey).toBe('merge-me@x.test');
    expect(state.filings.map((f) => f.record.name).sort()).toEqual(['Acme Client Co', 'Alice', 'Bob']);
    expect(await t.db.selectFrom('messages').select('id').where('id', '=', viaFp.message!.id).executeTakeFirst()).toBeUndefined();
  });

  it('stores the HTML body sanitized (by the background job; the raw body is never in body_html)', async () => {
    const msg = message({ bodyHtml: '<p onclick="x()">Hi<script>alert(1)</script></p><img src="javascript:alert(1)">', bodyText: 'Hi' });
    const state = (await file(member, { accountId: sales, message: msg, recordIds: [rec.alice] })).json() as FilingState;
    const row = () => t.db.selectFrom('messages').select(['body_html', 'body_html_pending', 'body_text']).where('id', '=', state.message!.id).executeTakeFirstOrThrow();
    // Before the job has run, or after: never anything but null or the sanitized body.
    expect([null, '<p>Hi</p><img>']).toContain((await row()).body_html);
    await t.app.pendingBodies.idle();
    expect(await row()).toEqual({ body_html: '<p>Hi</p><img>', body_html_pending: null, body_text: 'Hi' });
  });

  it('keeps the first HTML body, and fills one in only when the stored copy had none', async () => {
    const msg = message({ bodyHtml: null, bodyText: null });
    const id = ((await file(member, { accountId: sales, message: msg, recordIds: [rec.alice] })).json() as FilingState).message!.id;
    const body = async () => {
      await t.app.pendingBodies.idle();
      return t.db.selectFrom('messages').select(['body_html', 'body_text']).where('id', '=', id).executeTakeFirstOrThrow();
    };
    expect(await body()).toEqual({ body_html: null, body_text: null });
    await file(member, { accountId: sales, message: { ...msg, bodyHtml: '<p>First<script>x</script></p>', bodyText: 'First' }, recordIds: [rec.alice] });
    expect(await body()).toEqual({ body_html: '<p>First</p>', body_text: 'First' });
    await file(member, { accountId: sales, message: { ...msg, bodyHtml: '<p>Second</p>', bodyText: 'Second' }, recordIds: [rec.bob] });
    expect(await body()).toEqual({ body_html: '<p>First</p>', body_text: 'First' });
  });

  it('files mail with pathologically dense HTML with its text body only (no request-long sanitizing)', async () => {
    const msg = message({ bodyHtml: '<b>x</b>'.repeat(maxHtmlBodyTags + 1), bodyText: 'x x x' });
    const res = await file(member, { accountId: sales, message: msg, recordIds: [rec.alice] });
    expect(res.statusCode).toBe(201);
    await t.app.pendingBodies.idle();
    const row = await t.db.selectFrom('messages').select(['body_html', 'body_html_pending', 'body_text']).where('id', '=', (res.json() as FilingState).message!.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ body_html: null, body_html_pending: null, body_text: 'x x x' });
  });

  it('writes every filing to the audit log', async () => {
    const state = (await file(member, { accountId: sales, message: message(), recordIds: [rec.alice, rec.bob] })).json() as FilingState;
    const entries = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'message.filed').where('subject_id', 'in', state.filings.map((f) => f.id)).execute();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ org_id: t.seed.org.id, actor_id: t.seed.member.id, subject_type: 'filing' });
    expect(JSON.parse(entries[0]!.detail_json)).toMatchObject({ messageId: state.message!.id, accountId: sales });
  });

  it('needs access to the account (404), or to be an admin', async () => {
    const body = { accountId: support, message: message(), recordIds: [rec.alice] };
    expect((await file(member, body)).statusCode).toBe(404);
    expect((await file(otherAdmin, body)).statusCode).toBe(404);
    expect((await file(admin, body)).statusCode).toBe(201);
  });

  it('refuses records of another organisation or unknown ones (422)', async () => {
    const res = await file(member, { accountId: sales, message: message(), recordIds: [rec.alice, rec.foreign] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toHaveProperty('recordIds');
    expect(res.json().error.message).toContain(rec.foreign);
  });

  it.each([
    ['no records', { recordIds: [] }],
    ['unknown top-level field', { extra: true }],
    ['unknown message field', { message: { ...message(), priority: 'high' } }],
    ['bad date', { message: { ...message(), date: 'Mon, 3 Jun 2024 10:00:00 +0200' } }],
    ['missing from', { message: { ...message(), from: undefined } }],
    ['from as a string', { message: { ...message(), from: 'alice@client.test' } }],
    ['subject as a number', { message: { ...message(), subject: 42 } }],
    ['huge subject', { message: { ...message(), subject: 'x'.repeat(5000) } }],
    ['huge Message-ID', { message: { ...message(), messageId: `<${'a'.repeat(2000)}@x>` } }],
    ['negative attachment size', { message: { ...message(), attachments: [{ name: 'a', size: -1, contentType: 'x' }] } }],
    ['too many recipients', { message: { ...message(), to: Array.from({ length: 501 }, () => ({ address: 'a@b.c' })) } }],
    ['recordIds not a list', { recordIds: 'abc' }],
    ['accountId missing', { accountId: undefined }],
  ])('answers 400 for %s, never 500', async (_label, over) => {
    const res = await file(member, { accountId: sales, message: message(), recordIds: [rec.alice], ...over });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});

describe('GET /api/filings?messageId=', () => {
  let msg: MessageInput;
  beforeAll(async () => {
    msg = message({ messageId: '<Lookup.Me@Example.ORG>' });
    await file(member2, { accountId: support, message: msg, recordIds: [rec.bob] });
  });

  it('finds a message by its raw Message-ID in any usual spelling', async () => {
    for (const raw of ['<Lookup.Me@Example.ORG>', 'Lookup.Me@example.org', ' <Lookup.Me@EXAMPLE.org> ']) {
      expect((await lookup(member2, raw)).filings.map((f) => f.record.name)).toEqual(['Bob']);
    }
    // The local part is case-sensitive: another message.
    expect((await lookup(member2, 'lookup.me@example.org')).message).toBeNull();
  });

  it('is visible to every user of the account and admins; others get what a never-filed message gets', async () => {
    expect((await lookup(admin, '<Lookup.Me@Example.ORG>')).message).not.toBeNull();
    expect(await lookup(member, '<Lookup.Me@Example.ORG>')).toEqual({ message: null, filings: [] });
    expect(await lookup(otherAdmin, '<Lookup.Me@Example.ORG>')).toEqual({ message: null, filings: [] });
    expect(await lookup(member, '<never-filed@x.test>')).toEqual({ message: null, filings: [] });
  });

  it.each(['', '<>', 'fp:xyz', `${'a'.repeat(1000)}`])('refuses a key that is neither id nor fingerprint (%j) with a 4xx', async (raw) => {
    const res = await t.request(member, { method: 'GET', url: `/api/filings?messageId=${encodeURIComponent(raw)}` });
    expect([400, 422]).toContain(res.statusCode);
  });
});

describe('DELETE /api/filings/:id', () => {
  it('unfiles one record link, audit-logged; the rest stays', async () => {
    const state = (await file(member, { accountId: sales, message: message(), recordIds: [rec.alice, rec.bob] })).json() as FilingState;
    const alice = state.filings.find((f) => f.record.id === rec.alice)!;
    expect((await t.request(otherAdmin, { method: 'DELETE', url: `/api/filings/${alice.id}` })).statusCode).toBe(404);
    const res = await t.request(member2, { method: 'DELETE', url: `/api/filings/${alice.id}` });
    expect(res.statusCode).toBe(200);
    expect((res.json() as FilingState).filings.map((f) => f.record.name)).toEqual(['Bob']);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'message.unfiled').where('subject_id', '=', alice.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(t.seed.member2.id);
    expect((await t.request(member2, { method: 'DELETE', url: `/api/filings/${alice.id}` })).statusCode).toBe(404);
  });

  it('is refused (404) to a user who cannot see the message', async () => {
    const state = (await file(member2, { accountId: support, message: message(), recordIds: [rec.alice] })).json() as FilingState;
    expect((await t.request(member, { method: 'DELETE', url: `/api/filings/${state.filings[0]!.id}` })).statusCode).toBe(404);
  });
});

describe('GET /api/records/:id/messages', () => {
  it('lists a record\'s mail newest first, paged, only what the caller may see', async () => {
    const res = await t.request(admin, { method: 'POST', url: '/api/records', payload: { kind: 'client', name: 'Timeline' } });
    const timeline = (res.json() as CrmRecord).id;
    const dates = ['2024-01-05T00:00:00Z', '2024-03-01T00:00:00Z', '2024-02-10T00:00:00Z'];
    for (const date of dates) await file(member, { accountId: sales, message: message({ date }), recordIds: [timeline] });
    await file(member2, { accountId: support, message: message({ date: '2024-12-31T00:00:00Z', subject: 'support only' }), recordIds: [timeline] });

    const page = async (token: string, qs: string) => {
      const r = await t.request(token, { method: 'GET', url: `/api/records/${timeline}/messages?${qs}` });
      expect(r.statusCode).toBe(200);
      return r.json() as { items: { date: string; subject: string; filedAt: string }[]; total: number };
    };
    const all = await page(admin, 'limit=10');
    expect(all.total).toBe(4);
    expect(all.items.map((m) => m.date)).toEqual(['2024-12-31T00:00:00.000Z', '2024-03-01T00:00:00.000Z', '2024-02-10T00:00:00.000Z', '2024-01-05T00:00:00.000Z']);
    const mine = await page(member, 'limit=2&offset=0');
    expect(mine.total).toBe(3);
    expect(mine.items.map((m) => m.date)).toEqual(['2024-03-01T00:00:00.000Z', '2024-02-10T00:00:00.000Z']);
    expect((await page(member, 'limit=2&offset=2')).items.map((m) => m.date)).toEqual(['2024-01-05T00:00:00.000Z']);
    expect((await t.request(otherAdmin, { method: 'GET', url: `/api/records/${timeline}/messages` })).statusCode).toBe(404);
    expect((await t.request(admin, { method: 'GET', url: `/api/records/${timeline}/messages?limit=0` })).statusCode).toBe(400);
  });
});
