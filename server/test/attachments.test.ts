import { beforeAll, describe, expect, it } from 'vitest';
import { newId, nowIso } from '../src/db/values';
import { insertAccountWithAccess } from './helpers';
import { member, member2, t, useAppForFile } from './helpers/app-for-file';

const MB = 1024 * 1024;
useAppForFile();
let accountId: string;
let otherAccountId: string;

/** An email account the given users have access to, written straight through the repositories. */
const seedAccount = (orgId: string, address: string, userIds: string[]) =>
  insertAccountWithAccess(t.db, orgId, address, userIds.map((id) => ({ id })));

/** A message as filing leaves it: a row keyed by its normalised Message-ID, linked to an account. */
async function seedFiledMessage(messageKey: string, onAccount: string, orgId = t.seed.org.id) {
  const id = newId();
  await t.db
    .insertInto('messages')
    .values({
      id,
      org_id: orgId,
      message_key: messageKey,
      message_id: messageKey,
      thread_id: null,
      subject: 'Plans',
      from_name: 'Bob',
      from_address: 'bob@client.test',
      to_json: '[]',
      cc_json: '[]',
      date: '2026-11-20T10:00:00.000Z',
      snippet: '',
      body_html: null,
      body_text: null,
      attachments_json: '[]',
      created_at: nowIso(),
    })
    .execute();
  await t.db.insertInto('message_accounts').values({ message_id: id, account_id: onAccount }).execute();
  return id;
}

beforeAll(async () => {
  const { seed } = t;
  accountId = await seedAccount(seed.org.id, 'sales@acme.test', [seed.member.id, seed.member2.id]);
  otherAccountId = await seedAccount(seed.org.id, 'billing@acme.test', [seed.member2.id]);
});

let n = 0;
const newKey = () => `plans-${++n}@mail.client.test`;
const upload = (token: string, body: Record<string, unknown>) =>
  t.request(token, { method: 'POST', url: '/api/attachments', payload: body });
const file = (messageId: string, bytes: Buffer, name = 'plan.pdf', contentType = 'application/pdf') => ({
  accountId,
  messageId,
  name,
  contentType,
  contentBase64: bytes.toString('base64'),
});

describe('attachment content', () => {
  it('stores the bytes with the filed message, lists them and gives them back', async () => {
    const key = newKey();
    await seedFiledMessage(key, accountId);
    const bytes = Buffer.from('%PDF-1.7 floor plan');
    // The raw header form (angle brackets, upper-case domain) finds the same message.
    const res = await upload(member, file(`<${key.replace('client.test', 'CLIENT.test')}>`, bytes));
    expect(res.statusCode).toBe(201);
    const stored = res.json();
    expect(stored).toMatchObject({ name: 'plan.pdf', contentType: 'application/pdf', size: bytes.length });

    const list = await t.request(member2, { method: 'GET', url: '/api/attachments', query: { accountId, messageId: key } });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ items: [stored], totalBytes: bytes.length, maxBytes: 25 * MB });

    const download = await t.request(member2, {
      method: 'GET',
      url: `/api/attachments/${stored.id}/content`,
      query: { accountId },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="plan.pdf"; filename*=UTF-8''plan.pdf`);
  });

  it('does not store the same file twice when an upload is retried', async () => {
    const key = newKey();
    await seedFiledMessage(key, accountId);
    const bytes = Buffer.from('same bytes');
    const first = await upload(member, file(key, bytes));
    const again = await upload(member, file(key, bytes));
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    // Same name, other content: a different file.
    expect((await upload(member, file(key, Buffer.from('other bytes')))).statusCode).toBe(201);
    const list = await t.request(member, { method: 'GET', url: '/api/attachments', query: { accountId, messageId: key } });
    expect(list.json().items).toHaveLength(2);
  });

  it('refuses more than 25 MB per message with 413 and a readable message', async () => {
    const key = newKey();
    await seedFiledMessage(key, accountId);
    expect((await upload(member, file(key, Buffer.alloc(20 * MB, 1), 'a.bin'))).statusCode).toBe(201);

    const over = await upload(member, file(key, Buffer.alloc(6 * MB, 2), 'b.bin'));
    expect(over.statusCode).toBe(413);
    expect(over.json().error).toEqual({
      code: 'payload_too_large',
      message: 'Attachments can keep at most 25 MB per message: 20 MB is already kept for this message and this file adds 6 MB.',
    });
    // What still fits is accepted.
    expect((await upload(member, file(key, Buffer.alloc(5 * MB, 3), 'c.bin'))).statusCode).toBe(201);
  });

  it('refuses a single file over the cap before reading it', async () => {
    const key = newKey();
    await seedFiledMessage(key, accountId);
    const res = await upload(member, file(key, Buffer.alloc(26 * MB, 1), 'huge.bin'));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    expect(res.json().error.message).toMatch(/^Attachments can keep at most 25 MB per message: this upload is 26(\.\d)? MB\.$/);
  });

  it('answers 404 for a message not filed, filed from another account, or another organisation', async () => {
    const bytes = Buffer.from('x');
    const notFiled = await upload(member, file(newKey(), bytes));
    expect(notFiled.statusCode).toBe(404);
    expect(notFiled.json().error.message).toBe('The filed message was not found.');

    const elsewhere = newKey();
    await seedFiledMessage(elsewhere, otherAccountId);
    // member2 can use both accounts, but names the wrong one.
    expect((await upload(member2, file(elsewhere, bytes))).statusCode).toBe(404);
    // member cannot use billing@ at all.
    expect((await upload(member, { ...file(elsewhere, bytes), accountId: otherAccountId })).statusCode).toBe(404);

    const key = newKey();
    await seedFiledMessage(key, accountId);
    const globex = await t.login(t.seed.otherMember.email);
    expect((await upload(globex, file(key, bytes))).statusCode).toBe(404);
  });

  it('serves active content as a download, never inline', async () => {
    const key = newKey();
    await seedFiledMessage(key, accountId);
    const html = Buffer.from('<script>alert(1)</script>');
    const stored = (await upload(member, file(key, html, 'page.html', 'text/html'))).json();
    const res = await t.request(member, { method: 'GET', url: `/api/attachments/${stored.id}/content`, query: { accountId } });
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('validates the request', async () => {
    const key = newKey();
    await seedFiledMessage(key, accountId);
    const res = await upload(member, { ...file(key, Buffer.from('x')), contentBase64: 'not base64!' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('contentBase64');
    expect((await t.request(null, { method: 'POST', url: '/api/attachments', payload: file(key, Buffer.from('x')) })).statusCode).toBe(401);
  });
});
