/**
 * The production shape the production benches share: 2 API processes (`server/src/main.ts`,
 * MAILROOM_SYNC=off) on one migrated PostgreSQL database of their own (from
 * MAILROOM_TEST_DATABASE_URL), the demo organisation seeded, a shared account the demo member may
 * use and two records to file to. `call` talks to the first API; `stop` sends SIGTERM to both and
 * drops the database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { DEMO_ADMIN, DEMO_MEMBER, seedDemo } from '../../server/src/demo/demo.seed';
import { accountInput } from '../../server/test/helpers/accounts';
import { startApiProcess, type ServerProcess } from '../../server/test/helpers/server-processes';
import { createEmptyDatabaseUrl } from '../../server/test/helpers/test-database';

export interface ProductionCluster {
  apis: (ServerProcess & { base: string })[];
  /** The database's address, for figures read straight from it. */
  url: string;
  /** Bearer tokens of the demo administrator and member. */
  admin: string;
  member: string;
  accountId: string;
  recordIds: string[];
  call<T>(method: string, url: string, token: string | null, body?: unknown): Promise<T>;
  /** SIGTERM to both APIs; their exit codes, once the database is dropped. */
  stop(): Promise<(number | null)[]>;
}

const password = 'bench-pass';

export async function startProductionCluster(): Promise<ProductionCluster> {
  const empty = await createEmptyDatabaseUrl();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-bench-prod-'));
  const db = createDatabase({ kind: 'postgres', url: empty.url! });
  await migrateToLatest(db);
  await seedDemo(db, password);
  await db.destroy();
  const env = { ...process.env, DATABASE_URL: empty.url!, MAILROOM_DATA_DIR: dataDir, MAILROOM_SECRET: 'bench-secret', LOG_LEVEL: 'warn', MAILROOM_SYNC: 'off' };
  const apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);

  async function call<T>(method: string, url: string, token: string | null, body?: unknown): Promise<T> {
    const res = await fetch(apis[0]!.base + url, {
      method,
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
  const login = async (email: string) => (await call<{ token: string }>('POST', '/api/auth/login', null, { email, password })).token;
  const admin = await login(DEMO_ADMIN);
  const account = await call<{ id: string }>('POST', '/api/email-accounts', admin, accountInput({ address: 'sales@bench.test' }));
  const people = await call<{ items: { id: string; email: string }[] }>('GET', `/api/users?q=${encodeURIComponent(DEMO_MEMBER)}`, admin);
  await call('PUT', `/api/email-accounts/${account.id}/access/${people.items.find((u) => u.email === DEMO_MEMBER)!.id}`, admin, {});
  const recordIds = [
    (await call<{ id: string }>('POST', '/api/records', admin, { kind: 'client', name: 'Bench client' })).id,
    (await call<{ id: string }>('POST', '/api/records', admin, { kind: 'contact', name: 'Bench contact' })).id,
  ];
  const member = await login(DEMO_MEMBER);

  return {
    apis,
    url: empty.url!,
    admin,
    member,
    accountId: account.id,
    recordIds,
    call,
    async stop() {
      for (const api of apis) api.child.kill('SIGTERM');
      const codes = await Promise.all(apis.map((a) => a.exited));
      await empty.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      return codes;
    },
  };
}
