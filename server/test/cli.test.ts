import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox, loadKey } from '../src/accounts/secret-box';
import { createDatabase, databaseTarget } from '../src/db/database';
import { accountInput, IN_SECRET } from './helpers';
import { login, runToExit, start, stop } from './helpers/cli';
import { createEmptyDatabaseUrl } from './helpers/test-database';

describe('tsx server/src/main.ts --demo', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-cli-'));
  let db: { url: string | null; drop: () => Promise<void> };
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await createEmptyDatabaseUrl();
    env = { MAILROOM_DATA_DIR: dataDir, MAILROOM_DEMO_PASSWORD: 'demo-pass-42', DATABASE_URL: db.url ?? '' };
  });
  afterAll(async () => {
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo org on an empty database, prints the logins, serves the API and stops on SIGTERM', async () => {
    const r = await start(['--demo'], env);
    try {
      expect(r.output()).toContain('admin@demo.test');
      expect(r.output()).toContain('Created the demo organisation');
      expect(r.output()).toContain('alice@demo.test');
      expect(r.output()).toContain('demo-pass-42');
      expect((await login(r.base, 'alice@demo.test', 'demo')).status).toBe(401);
      const res = await login(r.base, 'admin@demo.test', 'demo-pass-42');
      expect(res.status).toBe(200);
      const { token } = await res.json();
      const me = await (await fetch(`${r.base}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect(me.org).toMatchObject({ quota: 3, activeAccounts: 0 });
      expect(me.user.role).toBe('admin');
      const accounts = await (await fetch(`${r.base}/api/email-accounts`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect(accounts.items).toEqual([]);
      // Creates an account so the next test can check its password is readable after a restart.
      const created = await fetch(`${r.base}/api/email-accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(accountInput()),
      });
      expect(created.status).toBe(201);
    } finally {
      expect(await stop(r), r.output()).toBe(0);
    }
  }, 60_000);

  it('has records of each kind, a key file with mode 0600, and encrypted passwords', async () => {
    const conn = createDatabase(databaseTarget({ databaseUrl: db.url, dataDir }));
    try {
      const kinds = await conn.selectFrom('records').select('kind').execute();
      for (const k of ['client', 'contact', 'company']) expect(kinds.map((x) => x.kind)).toContain(k);
      const users = await conn.selectFrom('users').select(['email', 'role']).orderBy('email').execute();
      expect(users).toEqual([
        { email: 'admin@demo.test', role: 'admin' },
        { email: 'alice@demo.test', role: 'member' },
      ]);
      const keyFile = path.join(dataDir, 'secret.key');
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      const row = await conn.selectFrom('email_accounts').select('in_password_enc').executeTakeFirstOrThrow();
      expect(row.in_password_enc).not.toContain(IN_SECRET);
      expect(createSecretBox(loadKey({ secret: null, dataDir })).open(row.in_password_enc)).toBe(IN_SECRET);
    } finally {
      await conn.destroy();
    }
  });

  it('does not seed twice when restarted on the same database', async () => {
    const r = await start(['--demo'], env);
    try {
      expect(r.output()).not.toContain('Created the demo organisation');
      expect((await login(r.base, 'alice@demo.test', 'demo-pass-42')).status).toBe(200);
    } finally {
      expect(await stop(r), r.output()).toBe(0);
    }
  }, 60_000);
});

describe('server/src/main.ts (npm run serve)', () => {
  // Without --demo the server does not migrate (server/test/migrate-cli.test.ts): `npm run migrate` first.
  const migrate = async (env: Record<string, string>) => {
    const r = await runToExit([], env, 'server/src/cli/migrate.ts');
    expect(r.code, r.output).toBe(0);
  };

  it('on an empty database without the first-admin variables, exits 1 naming them', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-cli-'));
    const db = await createEmptyDatabaseUrl();
    try {
      await migrate({ MAILROOM_DATA_DIR: dataDir, DATABASE_URL: db.url ?? '' });
      const { code, output } = await runToExit([], { MAILROOM_DATA_DIR: dataDir, DATABASE_URL: db.url ?? '', MAILROOM_ORG_NAME: 'Acme' });
      expect(code).toBe(1);
      expect(output).toContain('The database is empty');
      expect(output).toContain('MAILROOM_ADMIN_EMAIL, MAILROOM_ADMIN_PASSWORD, MAILROOM_QUOTA');
      expect(output).not.toContain('MAILROOM_ORG_NAME,');
    } finally {
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('creates the first organisation and admin from the environment, without demo data', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-cli-'));
    const db = await createEmptyDatabaseUrl();
    await migrate({ MAILROOM_DATA_DIR: dataDir, DATABASE_URL: db.url ?? '' });
    const r = await start([], {
      MAILROOM_DATA_DIR: dataDir,
      DATABASE_URL: db.url ?? '',
      MAILROOM_ORG_NAME: 'Real Co',
      MAILROOM_ADMIN_EMAIL: 'Boss@Real.example',
      MAILROOM_ADMIN_PASSWORD: 'a-long-password',
      MAILROOM_QUOTA: '7',
    });
    try {
      const res = await login(r.base, 'boss@real.example', 'a-long-password');
      expect(res.status).toBe(200);
      const { token } = await res.json();
      const me = await (await fetch(`${r.base}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect(me.org).toMatchObject({ name: 'Real Co', quota: 7, activeAccounts: 0 });
      expect((await login(r.base, 'admin@demo.test', 'demo')).status).toBe(401);
    } finally {
      expect(await stop(r), r.output()).toBe(0);
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
