/**
 * Several sync workers on one database share the accounts through row leases: each account is
 * synced by exactly one of them, and the accounts of a worker that dies (its leases never let go)
 * are taken over once the leases run out. Meant for PostgreSQL (MAILROOM_TEST_DATABASE_URL, with
 * FOR UPDATE SKIP LOCKED); on SQLite the same rules hold through the conditional claim.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRunner } from '../../src/sync/sync-runner';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { eml } from './ingest-helpers';
import { imapAccount, mailbox, runnerFor, syncedKeys, waitFor } from './sync-kit';

const users = [1, 2, 3, 4].map((i) => ({ user: `box${i}@acme.test`, password: `box${i}-Pa55` }));

let dv: Dovecot;
let t: TestApp;
let admin: string;
let ids: string[];
const runners: SyncRunner[] = [];

beforeAll(async () => {
  dv = await startDovecot(users);
  t = await createTestApp({ quota: 10 });
  admin = await t.login(t.seed.admin.email);
  for (const [i, u] of users.entries()) {
    const box = await mailbox(dv, u);
    await box.append('INBOX', eml({ messageId: `<first${i}@client.test>` }));
    await box.logout();
  }
  ids = [];
  for (const u of users) ids.push((await imapAccount(t, admin, dv, u)).id);
});

afterAll(async () => {
  for (const r of runners) await r.stop();
  await t?.close();
  await dv?.stop();
});

const owners = async () => new Map((await t.db.selectFrom('sync_state').select(['account_id', 'lease_owner']).execute()).map((r) => [r.account_id, r.lease_owner]));

describe('two workers', () => {
  it('share the accounts, each synced by exactly one, and take over a dead worker\'s accounts', async () => {
    // worker-a takes what it may (2), worker-b the rest; on PostgreSQL their claims meet on
    // locked rows, which SKIP LOCKED passes over.
    const a = runnerFor(t, { maxAccounts: 2 }, 'worker-a');
    const b = runnerFor(t, { maxAccounts: 4 }, 'worker-b');
    runners.push(a, b);
    a.start();
    await waitFor('worker-a\'s share', async () => a.held().length === 2);
    b.start();
    await waitFor('every account claimed', async () => a.held().length + b.held().length === 4);
    expect(new Set([...a.held(), ...b.held()])).toEqual(new Set(ids));
    expect(a.held().filter((id) => b.held().includes(id))).toEqual([]);
    const leases = await owners();
    for (const id of a.held()) expect(leases.get(id)).toBe('worker-a');
    for (const id of b.held()) expect(leases.get(id)).toBe('worker-b');
    for (const [i, id] of ids.entries()) await waitFor(`box${i + 1} synced`, async () => (await syncedKeys(t, id)).has(`first${i}@client.test`));

    // worker-a dies: its leases stay in the table until they run out (1 s here, 20 s by default).
    const orphaned = a.held();
    expect(orphaned.length).toBeGreaterThan(0);
    await a.stop({ abandon: true });
    const died = Date.now();
    await waitFor('the takeover', async () => orphaned.every((id) => b.held().includes(id)), 5_000);
    expect(Date.now() - died).toBeLessThan(30_000);
    for (const id of ids) expect((await owners()).get(id)).toBe('worker-b');

    // New mail in a taken-over account is synced by the survivor, once.
    const i = ids.indexOf(orphaned[0]!);
    const box = await mailbox(dv, users[i]!);
    await box.append('INBOX', eml({ messageId: `<after${i}@client.test>` }));
    await box.logout();
    await waitFor('mail after the takeover', async () => (await syncedKeys(t, orphaned[0]!)).has(`after${i}@client.test`));
    const keys = await syncedKeys(t, orphaned[0]!);
    expect([...keys.entries()].sort()).toEqual([[`after${i}@client.test`, 1], [`first${i}@client.test`, 1]]);
  });
});
