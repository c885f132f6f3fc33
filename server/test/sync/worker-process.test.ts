/**
 * `npm run worker` as a process: it syncs the accounts of the database it is pointed at (SQLite
 * file, or PostgreSQL with MAILROOM_TEST_DATABASE_URL), and SIGTERM ends it with exit 0 and its
 * leases let go, so another worker takes the accounts at once rather than after the lease runs out.
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

const user = { user: 'worker@acme.test', password: 'worker-Pa55' };
let dv: Dovecot;
let db: Db;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let dropDatabase: () => Promise<void>;
let accountId: string;

beforeAll(async () => {
  dv = await startDovecot([user]);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-worker-'));
  const secret = 'worker-test-secret';
  const empty = await createEmptyDatabaseUrl();
  dropDatabase = empty.drop;
  db = empty.url ? createDatabase({ kind: 'postgres', url: empty.url }) : createDatabase({ kind: 'sqlite', file: path.join(dataDir, 'mailroom.sqlite') });
  await migrateToLatest(db);
  const orgId = newId();
  accountId = newId();
  const now = nowIso();
  await insertOrganisation(db, { id: orgId, name: 'Acme', quota: 3, created_at: now });
  const box = createSecretBox(loadKey({ secret, dataDir }));
  await insertAccount(db, {
    id: accountId, org_id: orgId, address: user.user, display_name: '', active: 1, in_protocol: 'imap', in_host: dv.host, in_port: dv.imapPort,
    in_security: 'none', in_username: user.user, in_password_enc: box.seal(user.password), out_host: null, out_port: null, out_security: null,
    out_username: null, out_password_enc: null, last_sync_at: null, last_sync_error: null, created_at: now, updated_at: now,
  });
  const c = await mailbox(dv, user);
  await c.append('INBOX', eml({ messageId: '<w1@client.test>' }));
  await c.logout();
  env = {
    ...process.env,
    MAILROOM_DATA_DIR: dataDir,
    MAILROOM_SECRET: secret,
    DATABASE_URL: empty.url ?? '',
    LOG_LEVEL: 'warn',
    MAILROOM_SYNC_TICK_MS: '100',
    // The embedded sync's switch does not stop a worker.
    MAILROOM_SYNC: 'off',
  };
});

afterAll(async () => {
  await db?.destroy();
  await dropDatabase?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await dv?.stop();
});

describe('npm run worker', () => {
  it('syncs the accounts, and on SIGTERM lets its leases go and exits 0', async () => {
    const w = await startWorkerProcess(env);
    const owner = w.owner;
    await waitFor('the worker\'s sync', async () => {
      const s = await db.selectFrom('sync_state').selectAll().where('account_id', '=', accountId).executeTakeFirst();
      return s?.state === 'idle' && s.last_sync_at && s.lease_owner === owner;
    }, 15_000);
    const linked = await db.selectFrom('message_accounts').select('folder').where('account_id', '=', accountId).execute();
    expect(linked).toEqual([{ folder: 'INBOX' }]);

    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    const s = await db.selectFrom('sync_state').select(['lease_owner', 'lease_expires_at']).where('account_id', '=', accountId).executeTakeFirstOrThrow();
    expect(s).toEqual({ lease_owner: null, lease_expires_at: null });
  });
});
