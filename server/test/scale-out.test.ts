/**
 * The production shape on one PostgreSQL: 2 API processes (MAILROOM_SYNC=off) and 2 sync workers,
 * real processes on loopback, against a Dovecot holding a few hundred messages. Filings go to both
 * APIs in turn and the same Message-ID through both at once; both workers sync; one is SIGKILLed
 * mid-sync. Afterwards every message is stored once, every filing is there once, and the killed
 * worker's accounts were taken over by the other once its leases ran out.
 *
 * PostgreSQL only: SQLite is the one-machine store (one file, one writer process), so several
 * processes sharing it is not a supported shape and proves nothing about production.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAccount } from '../src/accounts/accounts.repository';
import { createSecretBox, loadKey } from '../src/accounts/secret-box';
import { createDatabase, type Db } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { newId, nowIso } from '../src/db/values';
import { seedDemo } from '../src/demo/demo.seed';
import { insertOrganisation } from '../src/orgs/orgs.repository';
import { startDovecot, type Dovecot } from './helpers/dovecot';
import { fileUnderLoad, prepareFilingClient, storedLoadFilings, type FilingClient } from './helpers/filing-client';
import { startApiProcess, startWorkerProcess, type ServerProcess } from './helpers/server-processes';
import { createEmptyDatabaseUrl, testDialect } from './helpers/test-database';
import { eml } from './sync/ingest-helpers';
import { mailbox, waitFor } from './sync/sync-kit';

const users = [
  { user: 'sales@scale.test', password: 'sales-Pa55' },
  { user: 'support@scale.test', password: 'support-Pa55' },
  { user: 'billing@scale.test', password: 'billing-Pa55' },
];
const PER_MAILBOX = 120;
// Sent to every mailbox (one mail to several addresses): workers syncing different accounts at
// once store them as one message each, linked to every account.
const SHARED = 30;
const secret = 'scale-out-test-secret';

describe.skipIf(testDialect !== 'postgres')('2 API processes and 2 sync workers on one PostgreSQL', () => {
  let dv: Dovecot;
  let db: Db;
  let dropDatabase: () => Promise<void>;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let orgId: string;
  const accountIds: string[] = [];
  const processes: ServerProcess[] = [];
  // Left running by the first test for the second.
  let apis: (ServerProcess & { base: string })[] = [];
  let survivor: ServerProcess & { owner: string };
  let clients: FilingClient[] = [];

  beforeAll(async () => {
    dv = await startDovecot(users);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-scale-'));
    const empty = await createEmptyDatabaseUrl();
    dropDatabase = empty.drop;
    db = createDatabase({ kind: 'postgres', url: empty.url! });
    // Migrated once, before any process starts: they refuse a schema behind and never migrate.
    await migrateToLatest(db);
    await seedDemo(db, 'demo');
    orgId = newId();
    const now = nowIso();
    await insertOrganisation(db, { id: orgId, name: 'Scale', quota: 10, created_at: now });
    const box = createSecretBox(loadKey({ secret, dataDir }));
    for (const u of users) {
      const c = await mailbox(dv, u);
      await c.mailboxOpen('INBOX'); // creates the maildir, owned by Dovecot's user
      await c.logout();
      const id = newId();
      accountIds.push(id);
      await insertAccount(db, {
        id, org_id: orgId, address: u.user, display_name: '', active: 1, in_protocol: 'imap', in_host: dv.host, in_port: dv.imapPort,
        in_security: 'none', in_username: u.user, in_password_enc: box.seal(u.password), out_host: null, out_port: null, out_security: null,
        out_username: null, out_password_enc: null, last_sync_at: null, last_sync_error: null, created_at: now, updated_at: now,
      });
    }
    env = {
      ...process.env,
      DATABASE_URL: empty.url!,
      MAILROOM_DATA_DIR: dataDir,
      MAILROOM_SECRET: secret,
      LOG_LEVEL: 'warn',
      MAILROOM_SYNC: 'off',
      // Test timings: a dead worker's leases run out after 1.5 s, not the production 20 s; small
      // batches so a sync of this size takes several transactions and a kill lands in the middle.
      MAILROOM_SYNC_LEASE_MS: '1500',
      MAILROOM_SYNC_TICK_MS: '200',
      MAILROOM_SYNC_BATCH: '5',
      MAILROOM_SYNC_POLL_MS: '500',
    };
  }, 60_000);

  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.exited));
    await db?.destroy();
    await dropDatabase?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    await dv?.stop();
  });

  /** Delivers the mail as a local delivery agent does (files in the maildirs' new/): IDLE tells the workers. */
  function deliverMail(): void {
    users.forEach((u, i) => {
      const dir = path.join(dv.maildir(u.user), 'new');
      fs.mkdirSync(dir, { recursive: true });
      for (let n = 0; n < PER_MAILBOX; n++) {
        const messageId = n < SHARED ? `<shared-${n}@scale.test>` : `<m${i}-${n}@scale.test>`;
        fs.writeFileSync(path.join(dir, `${1_700_000_000 + n}.M${n}P${i}.scale`), eml({ messageId, to: u.user, subject: `Mail ${n}` }));
      }
    });
  }

  const syncedCount = async (ids: string[]) => {
    const row = await db
      .selectFrom('message_accounts')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('account_id', 'in', ids)
      .where('source', '=', 'sync')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const leaseOwners = async () =>
    new Map((await db.selectFrom('sync_state').select(['account_id', 'lease_owner']).where('account_id', 'in', accountIds).execute()).map((r) => [r.account_id, r.lease_owner]));

  it('stores every message and every filing exactly once through a worker killed mid-sync', async () => {
    apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    processes.push(...apis);
    const people = { admin: 'admin@demo.test', member: 'alice@demo.test', password: 'demo' };
    const first = await prepareFilingClient(apis[0]!.base, people);
    // The filing account points at no real server: its next sync attempt is put off past the test,
    // so it takes no worker's lease slot (filing needs it active).
    await db
      .insertInto('sync_state')
      .values({ account_id: first.accountId, state: 'idle', progress_done: 0, failures: 0, next_attempt_at: '9999-12-31T00:00:00.000Z', updated_at: nowIso() })
      .execute();
    clients = [first, first.via(apis[1]!.base)];
    // Alternately to both APIs: number n goes to API n % 2.
    const alternating: FilingClient = { ...first, file: (n) => clients[n % 2]!.file(n) };
    const load = fileUnderLoad(alternating, 8);

    // The worker to be killed starts first and takes 2 of the 3 accounts; the other takes the third
    // and has room for the rest.
    const doomed = await startWorkerProcess({ ...env, MAILROOM_SYNC_MAX_ACCOUNTS: '2' });
    processes.push(doomed);
    await waitFor('the first worker\'s 2 leases', async () => [...(await leaseOwners()).values()].filter((o) => o === doomed.owner).length === 2, 15_000);
    survivor = await startWorkerProcess({ ...env, MAILROOM_SYNC_MAX_ACCOUNTS: '5' });
    processes.push(survivor);
    await waitFor('the second worker\'s lease', async () => [...(await leaseOwners()).values()].includes(survivor.owner), 15_000);
    const doomedAccounts = [...(await leaseOwners())].filter(([, o]) => o === doomed.owner).map(([id]) => id);

    // The mail arrives once both workers hold their accounts, so both sync at once.
    deliverMail();
    // Mid-sync: the doomed worker has stored some of its accounts' mail, not all of it.
    const killedAt = await waitFor('the first worker\'s sync under way', async () => {
      const n = await syncedCount(doomedAccounts);
      return n > 0 ? n : null;
    }, 20_000);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const atKill = await syncedCount(doomedAccounts);
    expect(atKill, 'killed after its sync had finished: the test proves nothing').toBeLessThan(doomedAccounts.length * PER_MAILBOX);
    expect(killedAt).toBeGreaterThan(0);

    // The same Message-ID through both APIs at once, while the rest of the load goes on.
    const pairs = Array.from({ length: 20 }, (_, i) => 1_000_000 + i);
    const pairAnswers = await Promise.all(pairs.flatMap((n) => clients.map((c) => c.file(n).then(async (r) => ({ n, status: r.status, body: await r.text() })))));

    await waitFor('every message synced, every account with the survivor', async () => {
      const owners = await leaseOwners();
      return (await syncedCount(accountIds)) >= users.length * PER_MAILBOX && accountIds.every((id) => owners.get(id) === survivor.owner);
    }, 30_000);
    while (load.acknowledged.size < 200) await new Promise((r) => setTimeout(r, 20));
    await load.stop();

    // Filings: every answer a success, every acknowledged one stored once, the pairs once each.
    expect(load.failures).toEqual([]);
    expect(load.answers.filter((a) => a.status !== 201)).toEqual([]);
    expect(pairAnswers.filter((a) => a.status >= 300)).toEqual([]);
    const stored = await storedLoadFilings(db, first.recordId);
    for (const n of [...load.acknowledged, ...pairs]) expect(stored.get(n), `filing ${n}`).toBe(1);
    for (const [n, count] of stored) expect(count, `filing ${n}`).toBe(1);
    expect(stored.size).toBe(load.acknowledged.size + pairs.length);

    // Mail: one message per Message-ID, each linked once to each account that received it.
    const messages = await db.selectFrom('messages').select('message_key').where('org_id', '=', orgId).execute();
    const keys = messages.map((m) => m.message_key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(SHARED + users.length * (PER_MAILBOX - SHARED));
    const links = await db
      .selectFrom('message_accounts')
      .select(['account_id', 'message_id'])
      .where('account_id', 'in', accountIds)
      .execute();
    expect(new Set(links.map((l) => `${l.account_id} ${l.message_id}`)).size).toBe(links.length);
    for (const id of accountIds) expect(links.filter((l) => l.account_id === id).length, `account ${id}`).toBe(PER_MAILBOX);
  }, 90_000);

  it('SIGTERM under load: the API answers no 5xx, the worker lets every lease go; both exit 0', async () => {
    const [stopping, staying] = apis as [ServerProcess & { base: string }, ServerProcess & { base: string }];
    // Half the load on the API being stopped, as a round-robin proxy would send it until told.
    // Numbers past the first test's, so every filing here is a new one.
    const from = 2_000_000;
    const alternating: FilingClient = { ...clients[0]!, file: (n) => clients[n % 2]!.file(from + n) };
    const load = fileUnderLoad(alternating, 8);
    while (load.answers.length < 100) await new Promise((r) => setTimeout(r, 20));
    const signalledAt = performance.now();
    stopping.child.kill('SIGTERM');
    survivor.child.kill('SIGTERM');
    const [apiCode, workerCode] = await Promise.all([stopping.exited, survivor.exited]);
    // The other API goes on answering.
    const before = load.answers.length;
    while (load.answers.length < before + 50) await new Promise((r) => setTimeout(r, 20));
    await load.stop();

    expect(apiCode, stopping.output()).toBe(0);
    expect(workerCode, survivor.output()).toBe(0);
    expect(load.answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(load.answers.filter((a) => a.status !== 201)).toEqual([]);
    // Refused connections come only after the signal, and only from the stopped process.
    expect(load.failures.filter((f) => f.at < signalledAt)).toEqual([]);
    expect(load.failures.filter((f) => f.n % 2 === 1)).toEqual([]);
    expect((await fetch(`${staying.base}/api/ready`)).status).toBe(200);
    const held = await db.selectFrom('sync_state').select(['account_id', 'lease_owner']).where('lease_owner', 'is not', null).execute();
    expect(held).toEqual([]);
    const stored = await storedLoadFilings(db, clients[0]!.recordId);
    for (const n of load.acknowledged) expect(stored.get(from + n), `filing ${from + n}`).toBe(1);
  }, 60_000);
});
