/**
 * The worker's side of readiness and metrics: `npm run worker` with MAILROOM_WORKER_HEALTH_PORT
 * answers /api/health at once and /api/ready only once it holds an account's lease, and with
 * MAILROOM_METRICS_PORT shows each synced account's lag and the queue of unclaimed accounts.
 * On the suite's database (SQLite file, or PostgreSQL with MAILROOM_TEST_DATABASE_URL).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAccount } from '../../src/accounts/accounts.repository';
import { createSecretBox, loadKey } from '../../src/accounts/secret-box';
import { createDatabase, type Db } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { newId, nowIso } from '../../src/db/values';
import { insertOrganisation } from '../../src/orgs/orgs.repository';
import { startDovecot, type Dovecot } from '../helpers/dovecot';
import { startWorkerProcess } from '../helpers/server-processes';
import { createEmptyDatabaseUrl } from '../helpers/test-database';
import { eml } from './ingest-helpers';
import { mailbox, waitFor } from './sync-kit';

const user = { user: 'probe@acme.test', password: 'probe-Pa55' };
const secret = 'worker-health-secret';
let dv: Dovecot;
let db: Db;
let dataDir: string;
let dbUrl: string | null;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  dv = await startDovecot([user]);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-worker-health-'));
  const empty = await createEmptyDatabaseUrl();
  dbUrl = empty.url;
  dropDatabase = empty.drop;
  db = dbUrl ? createDatabase({ kind: 'postgres', url: dbUrl }) : createDatabase({ kind: 'sqlite', file: path.join(dataDir, 'mailroom.sqlite') });
  await migrateToLatest(db);
  const c = await mailbox(dv, user);
  await c.append('INBOX', eml({ messageId: '<probe-1@client.test>' }));
  await c.logout();
});

afterAll(async () => {
  await db?.destroy();
  await dropDatabase?.();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  await dv?.stop();
});

describe('npm run worker with MAILROOM_WORKER_HEALTH_PORT and MAILROOM_METRICS_PORT', () => {
  it('is healthy at once, ready once it holds a lease, and reports the account\'s sync lag', async () => {
    const worker = await startWorkerProcess({
      ...process.env,
      MAILROOM_DATA_DIR: dataDir,
      MAILROOM_SECRET: secret,
      DATABASE_URL: dbUrl ?? '',
      LOG_LEVEL: 'warn',
      MAILROOM_SYNC_TICK_MS: '100',
      HOST: '127.0.0.1',
      MAILROOM_WORKER_HEALTH_PORT: '0',
      MAILROOM_METRICS_PORT: '0',
    });
    try {
      const probes = /Worker health on (http:\/\/127\.0\.0\.1:\d+)\/api\/ready/.exec(worker.output())![1]!;
      const metricsUrl = /Metrics on (http:\/\/\S+)/.exec(worker.output())![1]!;

      expect(await (await fetch(`${probes}/api/health`)).json()).toEqual({ ok: true });
      // No account yet: alive, but not doing its job.
      const notReady = await fetch(`${probes}/api/ready`);
      expect(notReady.status).toBe(503);
      expect((await notReady.json()) as unknown).toMatchObject({ error: { code: 'unavailable', message: expect.stringContaining('lease') } });
      const unknown = await fetch(`${probes}/metrics`);
      expect(unknown.status).toBe(404);
      expect((await unknown.json()) as unknown).toMatchObject({ error: { code: 'not_found' } });

      const orgId = newId();
      const accountId = newId();
      const now = nowIso();
      await insertOrganisation(db, { id: orgId, name: 'Acme', quota: 3, created_at: now });
      await insertAccount(db, {
        id: accountId, org_id: orgId, address: user.user, display_name: '', active: 1, in_protocol: 'imap', in_host: dv.host, in_port: dv.imapPort,
        in_security: 'none', in_username: user.user, in_password_enc: createSecretBox(loadKey({ secret, dataDir })).seal(user.password),
        out_host: null, out_port: null, out_security: null, out_username: null, out_password_enc: null, last_sync_at: null, last_sync_error: null,
        created_at: now, updated_at: now,
      });

      const ready = await waitFor('the worker ready', async () => {
        const res = await fetch(`${probes}/api/ready`);
        return res.status === 200 ? ((await res.json()) as unknown) : null;
      }, 15_000);
      expect(ready).toEqual({ ok: true, accounts: 1 });

      await waitFor('the account synced', async () => (await db.selectFrom('sync_state').select('last_sync_at').where('account_id', '=', accountId).executeTakeFirst())?.last_sync_at, 15_000);
      const lagLine = new RegExp(`^mailroom_sync_lag_seconds\\{account="${accountId}"\\} (\\S+)$`, 'm');
      const scraped = await waitFor('the lag figure', async () => {
        const body = await (await fetch(metricsUrl)).text();
        return lagLine.test(body) ? body : null;
      }, 15_000);
      const lag = Number(lagLine.exec(scraped)![1]);
      // Seconds since the sync just done: a few at most, never negative.
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(30);
      // The one account is taken: nothing waits for a worker.
      expect(/^mailroom_sync_queue_depth (\S+)$/m.exec(scraped)?.[1]).toBe('0');

      worker.child.kill('SIGTERM');
      expect(await worker.exited, worker.output()).toBe(0);
      await expect(fetch(`${probes}/api/health`)).rejects.toThrow();
    } finally {
      if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    }
  }, 60_000);
});
