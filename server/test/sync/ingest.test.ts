/**
 * The sync ingest (server/src/sync/ingest.service.ts) on a real database (SQLite, or PostgreSQL
 * with MAILROOM_TEST_DATABASE_URL): identity across accounts and the extension, classification,
 * thread following, batch atomicity and the account delete rule.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FilingState } from '../../../contract/filings';
import type { CrmRecord, Suggestion } from '../../../contract/records';
import { ingestBatch, ingestMail, type IngestInput } from '../../src/sync/ingest.service';
import { createAccountAs, grantAccess } from '../helpers/accounts';
import { admin, member, t, useAppForFile } from '../helpers/app-for-file';
import { createRecordAs, eml } from './ingest-helpers';

useAppForFile({ quota: 20 });

let orgId: string;
let sales: string;
let support: string;
let alice: CrmRecord;
let clientCo: CrmRecord;
let bob: CrmRecord;
beforeAll(async () => {
  orgId = t.seed.org.id;
  sales = (await createAccountAs(t, admin, { address: 'sales@acme.test' })).id;
  support = (await createAccountAs(t, admin, { address: 'support@acme.test' })).id;
  alice = await createRecordAs(t, admin, { kind: 'contact', name: 'Alice Martin', emails: ['alice@client.test'] });
  clientCo = await createRecordAs(t, admin, { kind: 'company', name: 'Client SA', domains: ['client.test'] });
  bob = await createRecordAs(t, admin, { kind: 'client', name: 'Bob', emails: ['bob@other.test'] });
  // A record holding a free-mail domain must never be matched by domain.
  await createRecordAs(t, admin, { kind: 'company', name: 'Gmail lookalike', domains: ['gmail.com'] });
});

const deps = () => ({ db: t.db });
const mail = (raw: Buffer, over: Partial<IngestInput> = {}): IngestInput => ({ orgId, accountId: sales, folder: 'INBOX', direction: 'received', raw, ...over });

async function filingState(messageId: string): Promise<FilingState> {
  const res = await t.request(admin, { method: 'GET', url: `/api/filings?messageId=${encodeURIComponent(messageId)}` });
  return res.json() as FilingState;
}
const links = (messageId: string) =>
  t.db.selectFrom('message_accounts').selectAll().where('message_id', '=', messageId).orderBy('account_id').execute();

describe('identity', () => {
  it('stores a message once and links it to both accounts it reached', async () => {
    const raw = eml({ messageId: '<Two-Accounts@MAIL.test>', to: 'sales@acme.test, support@acme.test' });
    const first = await ingestMail(deps(), mail(raw));
    const second = await ingestMail(deps(), mail(raw, { accountId: support, folder: 'Archive' }));
    const again = await ingestMail(deps(), mail(raw));
    expect(first.outcome).toBe('stored');
    expect(second.outcome).toBe('linked');
    expect(again.outcome).toBe('duplicate');
    if (first.outcome === 'skipped' || second.outcome === 'skipped') throw new Error('skipped');
    expect(second.messageId).toBe(first.messageId);
    const rows = await links(first.messageId);
    expect(rows.map((r) => [r.account_id, r.source, r.folder])).toEqual(
      [[sales, 'sync', 'INBOX'], [support, 'sync', 'Archive']].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    expect(rows.every((r) => r.received_at !== null)).toBe(true);
    const stored = await t.db.selectFrom('messages').selectAll().where('id', '=', first.messageId).executeTakeFirstOrThrow();
    expect(stored.message_key).toBe('Two-Accounts@mail.test');
  });

  it('is the same message as one filed from the extension earlier', async () => {
    const res = await t.request(admin, {
      method: 'POST',
      url: '/api/filings',
      payload: {
        accountId: sales,
        recordIds: [bob.id],
        message: { messageId: '<from-extension@mail.test>', subject: 'Hi', from: { address: 'someone@else.test' }, date: '2026-12-01T09:00:00Z' },
      },
    });
    expect(res.statusCode).toBe(201);
    const filed = res.json() as FilingState;
    const synced = await ingestMail(deps(), mail(eml({ messageId: '<from-extension@mail.test>', from: 'someone@else.test', subject: 'Hi' }), { accountId: support }));
    expect(synced).toMatchObject({ outcome: 'linked', messageId: filed.message!.id, filedTo: [] });
    // Already filed by hand: the sync adds nothing to it.
    expect((await filingState('from-extension@mail.test')).filings.map((f) => f.source)).toEqual(['manual']);
  });

  it('keys mail without a Message-ID by the fingerprint the extension computes', async () => {
    const raw = eml({ messageId: null, from: 'nobody@nowhere.test', subject: 'No id here', date: 'Tue, 01 Dec 2026 11:22:33 +0000' });
    const r = await ingestMail(deps(), mail(raw));
    if (r.outcome === 'skipped') throw new Error(r.reason);
    const stored = await t.db.selectFrom('messages').selectAll().where('id', '=', r.messageId).executeTakeFirstOrThrow();
    const { messageFingerprint } = await import('../../../contract/message-key');
    expect(stored.message_key).toBe(await messageFingerprint({ from: 'nobody@nowhere.test', date: '2026-12-01T11:22:33Z', subject: 'No id here' }));
    expect((await ingestMail(deps(), mail(raw))).outcome).toBe('duplicate');
  });

  it('stores headers, bodies (HTML pending sanitizing) and attachment metadata', async () => {
    const raw = eml({
      messageId: '<full@mail.test>',
      cc: 'Carol <carol@third.test>',
      subject: '=?utf-8?q?R=C3=A9union?=',
      inReplyTo: '<parent@mail.test>',
      references: '<root@MAIL.test> <parent@mail.test>',
      html: '<p onclick="x()">Bonjour</p>',
      text: 'Bonjour',
    });
    const r = await ingestMail(deps(), mail(raw));
    if (r.outcome === 'skipped') throw new Error(r.reason);
    const m = await t.db.selectFrom('messages').selectAll().where('id', '=', r.messageId).executeTakeFirstOrThrow();
    expect(m).toMatchObject({
      subject: 'Réunion',
      from_address: 'alice@client.test',
      from_name: 'Alice Martin',
      date: '2026-12-01T10:00:00.000Z',
      body_text: 'Bonjour',
      body_html: null,
      body_html_pending: '<p onclick="x()">Bonjour</p>',
      in_reply_to: 'parent@mail.test',
      references_json: JSON.stringify(['root@mail.test', 'parent@mail.test']),
      snippet: 'Bonjour',
    });
    expect(JSON.parse(m.cc_json)).toEqual([{ name: 'Carol', address: 'carol@third.test' }]);
  });

  it('sanitizes the HTML body on the worker pool once the batch commits', async () => {
    const raw = eml({ messageId: '<sanitize-me@mail.test>', html: '<p>Hi</p><img src=x onerror="alert(1)"><script>alert(2)</script>' });
    const r = await ingestMail({ db: t.db, pendingBodies: t.app.pendingBodies }, mail(raw));
    if (r.outcome === 'skipped') throw new Error(r.reason);
    await t.app.pendingBodies.idle();
    const m = await t.db.selectFrom('messages').select(['body_html', 'body_html_pending']).where('id', '=', r.messageId).executeTakeFirstOrThrow();
    expect(m.body_html_pending).toBeNull();
    expect(m.body_html).toContain('<p>Hi</p>');
    expect(m.body_html).not.toMatch(/onerror|script/);
  });

  it('stores hard mail: unknown charset, NUL bytes, a huge header, no From nor Date', async () => {
    const hard = [
      Buffer.from('Message-ID: <charset@mail.test>\r\nFrom: a@b.test\r\nSubject: =?x-unknown?q?caf=E9?=\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\ncaf\xe9\r\n', 'latin1'),
      Buffer.from('Message-ID: <nul@mail.test>\r\nFrom: "N\u0000ul" <nul@b.test>\r\nSubject: a\u0000b\r\n\r\nbody \u0000 here\r\n'),
      Buffer.from(`Message-ID: <huge@mail.test>\r\nFrom: a@b.test\r\nSubject: ${'x'.repeat(200_000)}\r\nX-Long: ${'y '.repeat(100_000)}\r\n\r\nhi\r\n`),
      Buffer.from('Subject: only a subject\r\n\r\nno sender, no date, no id\r\n'),
      Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02, 0x0d, 0x0a, 0x0d, 0x0a, 0x80]),
    ];
    const results = await ingestBatch(deps(), hard.map((raw) => mail(raw)));
    expect(results.map((r) => r.outcome)).not.toContain(undefined);
    const [charset, nul, huge] = results;
    for (const r of [charset, nul, huge]) expect(r?.outcome).toBe('stored');
    const row = async (r: typeof charset) => t.db.selectFrom('messages').selectAll().where('id', '=', (r as { messageId: string }).messageId).executeTakeFirstOrThrow();
    expect((await row(nul)).subject).toBe('ab');
    expect((await row(nul)).body_text).toBe('body  here\n');
    expect((await row(huge)).subject).toHaveLength(998);
  });

  it('skips empty input with a reason', async () => {
    expect(await ingestMail(deps(), mail(Buffer.alloc(0)))).toEqual({ outcome: 'skipped', reason: 'empty message' });
  });
});

describe('classification', () => {
  it('files to the contact holding the exact address, not to its domain company', async () => {
    const r = await ingestMail(deps(), mail(eml({ from: 'alice@client.test' })));
    expect(r).toMatchObject({ outcome: 'stored', filedTo: [alice.id] });
  });

  it('files to the company by domain when no record holds the address', async () => {
    const r = await ingestMail(deps(), mail(eml({ from: 'zoe@mail.client.test' })));
    expect(r).toMatchObject({ outcome: 'stored', filedTo: [clientCo.id] });
  });

  it('never files by a free-mail domain', async () => {
    const r = await ingestMail(deps(), mail(eml({ from: 'someone@gmail.com' })));
    expect(r).toMatchObject({ outcome: 'stored', filedTo: [] });
  });

  it('files sent mail by its recipients, never by the shared address itself', async () => {
    const raw = eml({ from: 'sales@acme.test', to: 'bob@other.test', cc: 'support@acme.test' });
    const r = await ingestMail(deps(), mail(raw, { folder: 'Sent', direction: 'sent' }));
    expect(r).toMatchObject({ outcome: 'stored', filedTo: [bob.id] });
    const state = await filingState((await t.db.selectFrom('messages').select('message_key').where('id', '=', (r as { messageId: string }).messageId).executeTakeFirstOrThrow()).message_key);
    expect(state.filings).toMatchObject([{ record: { id: bob.id }, source: 'sync', filedBy: null }]);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('subject_id', '=', state.filings[0]!.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'message.filed', actor_id: null, org_id: orgId });
  });

  it('ignores the organisation\'s shared addresses among the recipients of received mail', async () => {
    const r = await ingestMail(deps(), mail(eml({ from: 'stranger@unknown.test', to: 'sales@acme.test', cc: 'bob@other.test' })));
    expect(r).toMatchObject({ filedTo: [bob.id] });
  });
});

describe('thread following', () => {
  it('files a reply where a message filed by hand was filed', async () => {
    const res = await t.request(admin, {
      method: 'POST',
      url: '/api/filings',
      payload: { accountId: sales, recordIds: [bob.id], message: { messageId: '<manual-root@mail.test>', subject: 'Deal', from: { address: 'x@unknown.test' }, date: '2026-12-01T08:00:00Z' } },
    });
    expect(res.statusCode).toBe(201);
    const reply = eml({ from: 'y@unknown2.test', inReplyTo: '<manual-root@mail.test>', subject: 'Re: Deal' });
    expect(await ingestMail(deps(), mail(reply))).toMatchObject({ outcome: 'stored', filedTo: [bob.id] });
  });

  it('files a reply where a synced message was filed, within one batch too', async () => {
    const root = eml({ messageId: '<sync-root@mail.test>', from: 'alice@client.test' });
    const reply = eml({ from: 'y@unknown3.test', references: '<sync-root@mail.test>', subject: 'Re: Quote' });
    const [a, b] = await ingestBatch(deps(), [mail(root), mail(reply)]);
    expect(a).toMatchObject({ filedTo: [alice.id] });
    expect(b).toMatchObject({ filedTo: [alice.id] });
    const later = eml({ from: 'y@unknown4.test', inReplyTo: '<sync-root@mail.test>' });
    expect(await ingestMail(deps(), mail(later))).toMatchObject({ filedTo: [alice.id] });
  });
});

describe('suggestions for an open message', () => {
  const suggest = async (token: string, query: string) => {
    const res = await t.request(token, { method: 'GET', url: `/api/records/suggest?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Suggestion[] }).items.map((s) => [s.record.name, s.reason]);
  };

  it('lists the records of the thread first, flagged, for a reply the thread answers', async () => {
    const root = eml({ messageId: '<suggest-root@mail.test>', from: 'bob@other.test' });
    expect(await ingestMail(deps(), mail(root))).toMatchObject({ filedTo: [bob.id] });
    // The open message is a reply not stored yet: its own key finds nothing, the In-Reply-To does.
    const q = `email=alice@client.test&message=${encodeURIComponent('<new-reply@mail.test>')}&message=${encodeURIComponent('<suggest-root@mail.test>')}`;
    expect(await suggest(admin, q)).toEqual([['Bob', 'thread'], ['Alice Martin', 'email'], ['Client SA', 'domain']]);
    // A stored reply names its thread through its References.
    const reply = eml({ messageId: '<stored-reply@mail.test>', from: 'x@unknown9.test', references: '<suggest-root@mail.test>' });
    await ingestMail(deps(), mail(reply));
    expect((await suggest(admin, `email=alice@client.test&message=${encodeURIComponent('<stored-reply@mail.test>')}`))[0]).toEqual(['Bob', 'thread']);
  });

  it('never reveals the thread of mail the user cannot see', async () => {
    // The member has no access to the sales account the thread reached.
    const q = `email=alice@client.test&message=${encodeURIComponent('<suggest-root@mail.test>')}`;
    expect(await suggest(member, q)).toEqual([['Alice Martin', 'email'], ['Client SA', 'domain']]);
  });
});

describe('batches', () => {
  it('reports a bad message as skipped and stores the others', async () => {
    const results = await ingestBatch(deps(), [mail(eml({ messageId: '<ok-1@mail.test>' })), mail(Buffer.alloc(0)), mail(eml({ messageId: '<ok-2@mail.test>' }))]);
    expect(results.map((r) => r.outcome)).toEqual(['stored', 'skipped', 'stored']);
  });

  it('writes nothing of a batch whose transaction fails', async () => {
    const before = await t.db.selectFrom('messages').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
    await expect(
      ingestBatch(deps(), [mail(eml({ messageId: '<atomic-1@mail.test>', from: 'alice@client.test' })), mail(eml({ messageId: '<atomic-2@mail.test>' }))], {
        alsoInTransaction: async () => {
          throw new Error('checkpoint failed');
        },
      }),
    ).rejects.toThrow('checkpoint failed');
    const after = await t.db.selectFrom('messages').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await t.db.selectFrom('messages').select('id').where('message_key', 'in', ['atomic-1@mail.test', 'atomic-2@mail.test']).execute()).toEqual([]);
  });
});

describe('delete rule', () => {
  it('lets an account with synced but unprocessed mail be deleted, not one with filed mail', async () => {
    const idle = (await createAccountAs(t, admin, { address: 'idle@acme.test' })).id;
    const busy = (await createAccountAs(t, admin, { address: 'busy@acme.test' })).id;
    expect(await ingestMail(deps(), mail(eml({ from: 'nobody@unmatched.test' }), { accountId: idle }))).toMatchObject({ filedTo: [] });
    expect(await ingestMail(deps(), mail(eml({ from: 'alice@client.test' }), { accountId: busy }))).toMatchObject({ filedTo: [alice.id] });
    const del = (id: string) => t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${id}` });
    expect((await del(idle)).statusCode).toBe(204);
    const refused = await del(busy);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('account_in_use');
  });

  it('counts mail marked handled in the shared inbox as processed, though filed nowhere', async () => {
    const handledBox = (await createAccountAs(t, admin, { address: 'handled@acme.test' })).id;
    const r = await ingestMail(deps(), mail(eml({ from: 'nobody@unmatched.test' }), { accountId: handledBox }));
    if (r.outcome === 'skipped') throw new Error('skipped');
    expect(r.filedTo).toEqual([]);
    await grantAccess(t, admin, handledBox, t.seed.member.id);
    const marked = await t.request(member, { method: 'POST', url: `/api/email-accounts/${handledBox}/inbox/${r.messageId}/handled` });
    expect(marked.statusCode).toBeLessThan(300);
    // The user gone, only the handled mail keeps the account.
    expect((await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${handledBox}/access/${t.seed.member.id}` })).statusCode).toBe(204);
    const refused = await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${handledBox}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/1 message was filed or handled from it/);
    const view = await t.request(admin, { method: 'GET', url: `/api/email-accounts/${handledBox}` });
    expect(view.json()).toMatchObject({ processedCount: 1, sync: { messages: 1 } });
  });
});
