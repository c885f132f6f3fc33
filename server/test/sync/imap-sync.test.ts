/**
 * The sync runner against a real Dovecot over IMAP: mail appended to INBOX and Sent is synced and
 * filed to its records, new mail arrives through IDLE, a renumbered folder (UIDVALIDITY) doubles
 * nothing, and deactivating an account stops its sync until it is reactivated.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmRecord } from '../../../contract/records';
import { findCheckpoint } from '../../src/sync/sync.repository';
import type { SyncRunner } from '../../src/sync/sync-runner';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { createRecordAs, eml } from './ingest-helpers';
import { appendAll, getAccount, imapAccount, mailbox, runnerFor, syncedKeys, waitFor } from './sync-kit';

const sales = { user: 'sales@acme.test', password: 'sales-Pa55' };
const support = { user: 'support@acme.test', password: 'support-Pa55' };

let dv: Dovecot;
let t: TestApp;
let admin: string;
let alice: CrmRecord;
let bob: CrmRecord;
let runner: SyncRunner;
let salesBox: ImapFlow;

/** Small real-world messages from tests/fixtures (odd MIME included), each given its own Message-ID. */
function fixtureMails(): Buffer[] {
  const dir = path.resolve(import.meta.dirname, '../../../tests/fixtures/eml/flanker/tests/fixtures/messages');
  return ['8bitmime.eml', 'multipart.eml', 'text-only.eml', 'encoded-header.eml', 'missing-boundaries.eml', 'outlook-express.eml', 'attached-pdf.eml']
    .map((f, i) => {
      const raw = fs.readFileSync(path.join(dir, f), 'latin1').replace(/^Message-ID:.*\r?\n/im, '');
      return Buffer.from(`Message-ID: <fixture-${i}@fixtures.test>\r\n${raw}`, 'latin1');
    });
}

/** Record ids the message with this Message-ID is filed to, with each filing's source. */
async function filingsOf(key: string): Promise<{ record: string; source: string; by: string | null }[]> {
  const rows = await t.db
    .selectFrom('filings as f')
    .innerJoin('messages as m', 'm.id', 'f.message_id')
    .select(['f.record_id', 'f.source', 'f.filed_by'])
    .where('m.org_id', '=', t.seed.org.id)
    .where('m.message_key', '=', key)
    .execute();
  return rows.map((r) => ({ record: r.record_id, source: r.source, by: r.filed_by }));
}

beforeAll(async () => {
  dv = await startDovecot([sales, support]);
  t = await createTestApp({ quota: 10 });
  admin = await t.login(t.seed.admin.email);
  alice = await createRecordAs(t, admin, { kind: 'contact', name: 'Alice Martin', emails: ['alice@client.test'] });
  bob = await createRecordAs(t, admin, { kind: 'client', name: 'Bob', emails: ['bob@other.test'] });
  salesBox = await mailbox(dv, sales);
});

afterAll(async () => {
  await runner?.stop();
  await salesBox?.logout();
  await t?.close();
  await dv?.stop();
});

describe('IMAP sync', () => {
  let accountId: string;
  const fixtures = fixtureMails();

  it('syncs INBOX and Sent, files mail to its records, and shows the account synced', async () => {
    await appendAll(salesBox, 'INBOX', [
      ...fixtures,
      eml({ messageId: '<q1@client.test>', from: 'Alice Martin <alice@client.test>', subject: 'Quote' }),
      eml({ messageId: '<r1@acme.test>', from: 'Someone <someone@elsewhere.test>', subject: 'Re: Quote', inReplyTo: '<q1@client.test>' }),
    ]);
    await appendAll(salesBox, 'Sent', [eml({ messageId: '<s1@acme.test>', from: 'sales@acme.test', to: 'Bob <bob@other.test>', subject: 'Offer' })]);
    // Mail older than the first sync's window (30 days) is left alone.
    await appendAll(salesBox, 'INBOX', [eml({ messageId: '<old@client.test>', from: 'alice@client.test' })], new Date(Date.now() - 60 * 86_400_000));

    accountId = (await imapAccount(t, admin, dv, sales)).id;
    runner = runnerFor(t);
    runner.start();
    const synced = await waitFor('the first sync', async () => {
      const a = await getAccount(t, admin, accountId);
      return a.sync.state === 'idle' && a.sync.lastSyncAt ? a : undefined;
    });

    const keys = await syncedKeys(t, accountId);
    expect([...keys.values()].every((n) => n === 1)).toBe(true);
    expect(keys.has('q1@client.test') && keys.has('r1@acme.test') && keys.has('s1@acme.test')).toBe(true);
    expect(keys.has('old@client.test')).toBe(false);
    for (let i = 0; i < fixtures.length; i++) expect(keys.has(`fixture-${i}@fixtures.test`)).toBe(true);
    expect(synced.sync).toMatchObject({ messages: fixtures.length + 3, lastError: null, progress: null });

    // By participant, by thread (a stranger's reply to Alice's mail) and by recipient of Sent mail.
    expect(await filingsOf('q1@client.test')).toEqual([{ record: alice.id, source: 'sync', by: null }]);
    expect(await filingsOf('r1@acme.test')).toEqual([{ record: alice.id, source: 'sync', by: null }]);
    expect(await filingsOf('s1@acme.test')).toEqual([{ record: bob.id, source: 'sync', by: null }]);
    const folders = await t.db.selectFrom('message_accounts').select('folder').distinct().where('account_id', '=', accountId).execute();
    expect(folders.map((f) => f.folder).sort()).toEqual(['INBOX', 'Sent']);

    // The checkpoint covers the whole folder, the old message included: it is never read later.
    const status = await salesBox.status('INBOX', { uidNext: true, uidValidity: true });
    expect(await findCheckpoint(t.db, accountId, 'INBOX')).toEqual({ uidValidity: Number(status.uidValidity), lastUid: status.uidNext! - 1, firstSyncSince: null });
    // The admin list shows the same status.
    const list = await t.request(admin, { method: 'GET', url: '/api/email-accounts' });
    expect(list.json().items.find((a: { id: string }) => a.id === accountId).sync).toEqual(synced.sync);
  });

  it('files a new message within seconds through IDLE (polling is a minute away)', async () => {
    const before = Date.now();
    await salesBox.append('INBOX', eml({ messageId: '<idle1@client.test>', from: 'alice@client.test', subject: 'Pushed' }));
    await waitFor('the IDLE delivery', async () => (await filingsOf('idle1@client.test')).length > 0, 5_000);
    expect(Date.now() - before).toBeLessThan(5_000);
    expect(await filingsOf('idle1@client.test')).toEqual([{ record: alice.id, source: 'sync', by: null }]);
  });

  it('reads a renumbered folder (UIDVALIDITY changed) again without doubling anything', async () => {
    const cpBefore = await findCheckpoint(t.db, accountId, 'Sent');
    const before = await syncedKeys(t, accountId);
    await salesBox.mailboxDelete('Sent');
    await salesBox.mailboxCreate('Sent');
    await appendAll(salesBox, 'Sent', [
      eml({ messageId: '<s1@acme.test>', from: 'sales@acme.test', to: 'Bob <bob@other.test>', subject: 'Offer' }),
      eml({ messageId: '<s2@acme.test>', from: 'sales@acme.test', to: 'Bob <bob@other.test>', subject: 'Offer, again' }),
    ]);
    // New INBOX mail wakes the session; its pass reads Sent too.
    await salesBox.append('INBOX', eml({ messageId: '<wake@elsewhere.test>', from: 'x@elsewhere.test' }));
    await waitFor('the renumbered Sent', async () => {
      const keys = await syncedKeys(t, accountId);
      return keys.has('s2@acme.test') && keys.has('wake@elsewhere.test');
    });
    const after = await syncedKeys(t, accountId);
    expect([...after.values()].every((n) => n === 1)).toBe(true);
    expect([...after.keys()].sort()).toEqual([...before.keys(), 's2@acme.test', 'wake@elsewhere.test'].sort());
    const cpAfter = await findCheckpoint(t.db, accountId, 'Sent');
    expect(cpAfter!.uidValidity).not.toBe(cpBefore!.uidValidity);
    expect(cpAfter!.lastUid).toBe(2);
    expect(await filingsOf('s1@acme.test')).toHaveLength(1);
  });

  it('stops syncing a deactivated account within 5 s and resumes from the checkpoint when reactivated', async () => {
    const patch = (active: boolean) => t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${accountId}`, payload: { active } });
    expect((await patch(false)).statusCode).toBe(200);
    await waitFor('the sync to stop', async () => !runner.held().includes(accountId), 5_000);
    expect((await getAccount(t, admin, accountId)).sync.state).toBe('off');

    await salesBox.append('INBOX', eml({ messageId: '<while-off@client.test>', from: 'alice@client.test' }));
    await new Promise((r) => setTimeout(r, 500));
    expect((await syncedKeys(t, accountId)).has('while-off@client.test')).toBe(false);

    const count = (await syncedKeys(t, accountId)).size;
    expect((await patch(true)).statusCode).toBe(200);
    await waitFor('the sync to resume', async () => (await syncedKeys(t, accountId)).has('while-off@client.test'), 5_000);
    const keys = await syncedKeys(t, accountId);
    expect(keys.size).toBe(count + 1);
    expect([...keys.values()].every((n) => n === 1)).toBe(true);
  });

  it('syncs a second account beside the first, and the same mail reaching both is one message', async () => {
    const supportBox = await mailbox(dv, support);
    const shared = eml({ messageId: '<both@client.test>', from: 'alice@client.test', to: 'sales@acme.test, support@acme.test' });
    await supportBox.append('INBOX', shared);
    await salesBox.append('INBOX', shared);
    const supportId = (await imapAccount(t, admin, dv, support)).id;
    await waitFor('both accounts', async () => (await syncedKeys(t, supportId)).has('both@client.test') && (await syncedKeys(t, accountId)).has('both@client.test'));
    const rows = await t.db.selectFrom('messages').select('id').where('message_key', '=', 'both@client.test').execute();
    expect(rows).toHaveLength(1);
    expect(await filingsOf('both@client.test')).toEqual([{ record: alice.id, source: 'sync', by: null }]);
    await supportBox.logout();
  });
});
