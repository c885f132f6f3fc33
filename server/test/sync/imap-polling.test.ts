/**
 * A server that offers no IDLE: the session polls its folders every `pollMs` instead, and new mail
 * still arrives by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRunner } from '../../src/sync/sync-runner';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { eml } from './ingest-helpers';
import { getAccount, imapAccount, mailbox, runnerFor, syncedKeys, waitFor } from './sync-kit';

const user = { user: 'noidle@acme.test', password: 'noidle-Pa55' };
let dv: Dovecot;
let t: TestApp;
let runner: SyncRunner;

beforeAll(async () => {
  // The capabilities Dovecot announces, less IDLE.
  dv = await startDovecot([user], { extraConfig: 'protocol imap {\n  imap_capability = IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE SORT THREAD=REFERENCES MULTIAPPEND UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 ESEARCH SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SPECIAL-USE\n}' });
  t = await createTestApp();
});

afterAll(async () => {
  await runner?.stop();
  await t?.close();
  await dv?.stop();
});

describe('IMAP without IDLE', () => {
  it('polls, and files new mail at the next poll', async () => {
    const box = await mailbox(dv, user);
    expect(box.capabilities.has('IDLE')).toBe(false);
    const admin = await t.login(t.seed.admin.email);
    const account = await imapAccount(t, admin, dv, user);
    runner = runnerFor(t, { pollMs: 300 });
    runner.start();
    await waitFor('the first pass', async () => (await getAccount(t, admin, account.id)).sync.lastSyncAt);
    await box.append('INBOX', eml({ messageId: '<polled@client.test>' }));
    await waitFor('the poll', async () => (await syncedKeys(t, account.id)).has('polled@client.test'), 3_000);
    await box.logout();
    expect((await getAccount(t, admin, account.id)).sync).toMatchObject({ state: 'idle', messages: 1, lastError: null });
  });
});
