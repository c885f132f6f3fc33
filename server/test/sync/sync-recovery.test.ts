/**
 * The sync runner when things go wrong, against a real Dovecot: a wrong password shows a clear
 * error with its time and recovers as soon as the admin fixes it; an unreachable server too; a
 * worker stopped in the middle of a big first sync (keeping its lease, as a killed one would) is
 * replaced by another that reads on from the checkpoint with no gap and no duplicate; POP3 by UIDL.
 */
import net from 'node:net';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCheckpoint, findSyncState } from '../../src/sync/sync.repository';
import type { SyncRunner } from '../../src/sync/sync-runner';
import { freePort, startDovecot, type Dovecot } from '../helpers/dovecot';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { createRecordAs, eml } from './ingest-helpers';
import { getAccount, imapAccount, logged, mailbox, runnerFor, syncedKeys, waitFor } from './sync-kit';

const wrong = { user: 'wrong@acme.test', password: 'right-Pa55' };
const big = { user: 'big@acme.test', password: 'big-Pa55' };
const pop = { user: 'pop@acme.test', password: 'pop-Pa55' };

let dv: Dovecot;
let t: TestApp;
let admin: string;
const runners: SyncRunner[] = [];

beforeAll(async () => {
  dv = await startDovecot([wrong, big, pop]);
  t = await createTestApp({ quota: 10 });
  admin = await t.login(t.seed.admin.email);
});

afterAll(async () => {
  for (const r of runners) await r.stop();
  await t?.close();
  await dv?.stop();
});

function start(settings: Parameters<typeof runnerFor>[1] = {}, owner?: string): SyncRunner {
  const r = runnerFor(t, settings, owner);
  runners.push(r);
  r.start();
  return r;
}

describe('errors and recovery', () => {
  it('shows a wrong password as a clear error, backs off, and recovers at once when the admin fixes it', async () => {
    const box = await mailbox(dv, wrong);
    await box.append('INBOX', eml({ messageId: '<w1@client.test>' }));
    await box.logout();
    const badPassword = 'typo-Pa55-secret';
    const account = await imapAccount(t, admin, dv, { user: wrong.user, password: badPassword });
    // A minute of backoff: only the edit can explain a quick recovery.
    const runner = start({ backoffBaseMs: 60_000 });
    const failed = await waitFor('the error state', async () => {
      const a = await getAccount(t, admin, account.id);
      return a.sync.state === 'error' ? a : undefined;
    });
    expect(failed.sync.lastError).toBe('The IMAP server refused the login: check the username and password.');
    expect(failed.sync.lastErrorCode).toBe('auth_failed');
    expect(Date.parse(failed.sync.lastErrorAt!)).toBeGreaterThan(Date.now() - 10_000);
    const state = await findSyncState(t.db, account.id);
    expect(state).toMatchObject({ failures: 1, lease_owner: null });
    expect(Date.parse(state!.next_attempt_at!) - Date.now()).toBeGreaterThan(30_000);
    expect(logged.join('\n')).not.toContain(badPassword);

    const fix = await t.request(admin, {
      method: 'PATCH',
      url: `/api/email-accounts/${account.id}`,
      payload: { incoming: { protocol: 'imap', host: dv.host, port: dv.imapPort, security: 'none', username: wrong.user, password: wrong.password } },
    });
    expect(fix.statusCode).toBe(200);
    // Claimed again at once despite the minute of backoff...
    const fixedAt = Date.now();
    await waitFor('the retry', async () => (await findSyncState(t.db, account.id))?.lease_owner === runner.owner, 1_000);
    expect(Date.now() - fixedAt).toBeLessThan(1_000);
    // ...though Dovecot makes a login from an address that just failed wait a few seconds (its auth penalty).
    const fixed = await waitFor('the recovery', async () => {
      const a = await getAccount(t, admin, account.id);
      return a.sync.state === 'idle' && a.sync.lastSyncAt ? a : undefined;
    }, 10_000);
    expect(fixed.sync).toMatchObject({ lastError: null, lastErrorCode: null, lastErrorAt: null, messages: 1 });
    expect((await findSyncState(t.db, account.id))?.failures).toBe(0);
    expect(runner.held()).toContain(account.id);
    expect(logged.join('\n')).not.toContain(wrong.password);
    await runner.stop();
  });

  it('shows an unreachable server and doubles the wait between tries', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await freePort();
    const closed = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(false)));
      s.on('error', () => resolve(true));
    });
    expect(closed).toBe(true);
    const res = await t.request(admin, {
      method: 'POST',
      url: '/api/email-accounts',
      payload: { address: 'nowhere@acme.test', incoming: { protocol: 'imap', host: '127.0.0.1', port, security: 'none', username: 'x', password: 'nowhere-Pa55' }, outgoing: null },
    });
    const id = res.json().id as string;
    const runner = start();
    await waitFor('two failures', async () => ((await findSyncState(t.db, id))?.failures ?? 0) >= 2, 5_000);
    const a = await getAccount(t, admin, id);
    expect(a.sync.state).toBe('error');
    expect(a.sync.lastError).toBe(`Nothing answers on 127.0.0.1:${port} (connection refused): check the server name and port.`);
    expect(a.sync.lastErrorCode).toBe('refused');
    const s = await findSyncState(t.db, id);
    // Base 200 ms doubling: the wait after failure n is 200·2^(n-1) ms.
    const wait = Date.parse(s!.next_attempt_at!) - Date.parse(s!.last_error_at!);
    expect(wait).toBeGreaterThanOrEqual(200 * 2 ** (s!.failures - 1) - 5);
    expect(wait).toBeLessThanOrEqual(200 * 2 ** (s!.failures - 1) + 50);
    await t.request(admin, { method: 'PATCH', url: `/api/email-accounts/${id}`, payload: { active: false } });
    await runner.stop();
  });
});

describe('a worker stopped mid-sync', () => {
  it('is replaced by another that reads on with no gap and no duplicate', async () => {
    const box: ImapFlow = await mailbox(dv, big);
    const total = 240;
    for (let i = 0; i < total; i++) await box.append('INBOX', eml({ messageId: `<big${i}@client.test>`, from: `p${i}@client.test` }));
    // Older than the first sync's window though above every recent UID: a resumed first sync
    // must still leave them alone.
    const old = 10;
    for (let i = 0; i < old; i++) await box.append('INBOX', eml({ messageId: `<old${i}@client.test>` }), [], new Date(Date.now() - 60 * 86_400_000));
    await box.logout();
    await createRecordAs(t, admin, { kind: 'company', name: 'Client SA', domains: ['client.test'] });
    const account = await imapAccount(t, admin, dv, big);

    const first = start({ batchSize: 20 }, 'first-worker');
    await waitFor('the first batches', async () => {
      const s = await findSyncState(t.db, account.id);
      return s && s.progress_done >= 40 && s.progress_done < total;
    }, 10_000);
    // As a killed process: no release, the lease simply runs out (1 s here).
    await first.stop({ abandon: true });
    const partial = (await syncedKeys(t, account.id)).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(total);
    // Half-way: the window is kept with the checkpoint.
    expect((await findCheckpoint(t.db, account.id, 'INBOX'))?.firstSyncSince).toBeTruthy();
    expect((await findSyncState(t.db, account.id))?.lease_owner).toBe('first-worker');

    const second = start({ batchSize: 20 }, 'second-worker');
    await waitFor('the takeover and the rest', async () => (await syncedKeys(t, account.id)).size === total, 15_000);
    const keys = await syncedKeys(t, account.id);
    expect([...keys.values()].every((n) => n === 1)).toBe(true);
    for (let i = 0; i < total; i++) expect(keys.has(`big${i}@client.test`)).toBe(true);
    expect(keys.size).toBe(total);
    expect(await findCheckpoint(t.db, account.id, 'INBOX')).toMatchObject({ lastUid: total + old, firstSyncSince: null });
    // Every message filed once to the company, however many workers read it.
    const filings = await t.db
      .selectFrom('filings as f')
      .innerJoin('message_accounts as ma', 'ma.message_id', 'f.message_id')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('ma.account_id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(Number(filings.n)).toBe(total);
    expect((await findSyncState(t.db, account.id))?.lease_owner).toBe('second-worker');
    await second.stop();
    // A stop that is no kill lets the lease go.
    expect((await findSyncState(t.db, account.id))?.lease_owner).toBeNull();
  });
});

describe('POP3', () => {
  it('syncs INBOX by UIDL, only what is new on each pass', async () => {
    const box = await mailbox(dv, pop);
    await box.append('INBOX', eml({ messageId: '<p1@client.test>', from: 'alice@client.test', text: '.a line that starts with a dot\r\n..and two' }));
    await box.append('INBOX', eml({ messageId: '<p2@client.test>' }));
    const account = await imapAccount(t, admin, dv, pop, { protocol: 'pop3' });
    const runner = start({ pollMs: 200 });
    await waitFor('the POP3 sync', async () => (await syncedKeys(t, account.id)).size === 2);
    await box.append('INBOX', eml({ messageId: '<p3@client.test>' }));
    await waitFor('the next poll', async () => (await syncedKeys(t, account.id)).has('p3@client.test'));
    await box.logout();
    const keys = await syncedKeys(t, account.id);
    expect([...keys.entries()].sort()).toEqual([['p1@client.test', 1], ['p2@client.test', 1], ['p3@client.test', 1]]);
    const seen = await t.db.selectFrom('sync_pop3_seen').select('uidl').where('account_id', '=', account.id).execute();
    expect(seen).toHaveLength(3);
    const body = await t.db.selectFrom('messages').select('body_text').where('message_key', '=', 'p1@client.test').executeTakeFirstOrThrow();
    // Dot-stuffing undone: the text is as written.
    expect(body.body_text).toContain('.a line that starts with a dot\n..and two');
    expect((await getAccount(t, admin, account.id)).sync).toMatchObject({ state: 'idle', messages: 3, lastError: null });
    await runner.stop();
  });
});
