import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../src/accounts/secret-box';
import { buildApp } from '../src/app';
import { hashPassword } from '../src/auth/passwords';
import { loginClientKey } from '../src/auth/login-limit.service';
import { createDatabase, type Db } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { createOrganisationWithAdmin } from '../src/orgs/orgs.service';
import { testConfig, testDialect } from './helpers';
import { createEmptyDatabaseUrl } from './helpers/test-database';

// The login limit must hold across API processes behind a load balancer: two apps, each with its
// own connection(s) to ONE database (a SQLite file, or one PostgreSQL database), stand in for two
// processes. Nothing here is shared between them but the database.

const PASSWORD = 'correct horse battery';
const EMAIL = 'ada@acme.test';
const MAX = 3;

interface Shared {
  dbA: Db;
  dbB: Db;
  close(): Promise<void>;
}

/** Two independent handles on one freshly migrated database. */
async function openSharedDatabase(): Promise<Shared> {
  const target = testDialect === 'postgres' ? await postgresDatabase() : sqliteFile();
  const dbA = createDatabase(target.connection);
  const dbB = createDatabase(target.connection);
  await migrateToLatest(dbA);
  return {
    dbA,
    dbB,
    close: async () => {
      await Promise.all([dbA.destroy(), dbB.destroy()]);
      await target.drop();
    },
  };
}

async function postgresDatabase() {
  const { url, drop } = await createEmptyDatabaseUrl();
  if (!url) throw new Error('no PostgreSQL database');
  return { connection: { kind: 'postgres', url } as const, drop };
}

function sqliteFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-shared-'));
  return {
    connection: { kind: 'sqlite', file: path.join(dir, 'mailroom.sqlite') } as const,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

const config = () => testConfig({ loginRateLimit: { max: MAX, windowMs: 60_000 } });
const app = (db: Db) => buildApp({ config: config(), db, secretBox: createSecretBox(randomBytes(32)), logger: false });

let shared: Shared;
let a: FastifyInstance;
let b: FastifyInstance;
beforeAll(async () => {
  shared = await openSharedDatabase();
  await createOrganisationWithAdmin(
    shared.dbA,
    { name: 'Acme', quota: 3 },
    { email: EMAIL, password: PASSWORD, passwordHash: await hashPassword(PASSWORD), firstName: 'Ada', lastName: 'Admin' },
  );
  a = await app(shared.dbA);
  b = await app(shared.dbB);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await shared?.close();
});
// Each test starts with no counted attempts (the seeded user stays).
beforeEach(async () => {
  await shared.dbA.deleteFrom('login_attempts').execute();
});

const attempt = (on: FastifyInstance, password: string, ip = '10.0.0.1', email = EMAIL) =>
  on.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });

describe(`login rate limit shared by two API instances (${testDialect})`, () => {
  it('counts attempts made on A when B decides, and the other way round', async () => {
    expect((await attempt(a, 'bad')).statusCode).toBe(401);
    expect((await attempt(a, 'bad')).statusCode).toBe(401);
    expect((await attempt(b, 'bad')).statusCode).toBe(401); // third attempt overall, on B
    const onB = await attempt(b, PASSWORD); // fourth: over the limit even with the right password
    expect(onB.statusCode).toBe(429);
    expect(onB.json().error.code).toBe('rate_limited');
    expect(onB.json().error.message).toMatch(/^Too many sign-in attempts\. Wait \d+ seconds and try again\.$/);
    expect((await attempt(a, PASSWORD)).statusCode).toBe(429); // and A sees B's attempt too
    // Same key rules as before: another IP for the same email is counted apart.
    expect((await attempt(b, PASSWORD, '10.0.0.2')).statusCode).toBe(200);
  });

  it('answers 429 with a Retry-After header that agrees with the message', async () => {
    for (let i = 0; i < MAX; i++) await attempt(i % 2 ? a : b, 'bad', '10.0.1.1');
    const res = await attempt(a, 'bad', '10.0.1.1');
    expect(res.statusCode).toBe(429);
    const seconds = Number(res.headers['retry-after']);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(res.json().error.message).toBe(`Too many sign-in attempts. Wait ${seconds} seconds and try again.`);
  });

  it('lets exactly `max` of many simultaneous attempts through across both instances', async () => {
    // Lost updates (read-then-write counters) would let more than MAX through.
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => attempt(i % 2 ? a : b, 'bad', '10.0.2.1')),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(MAX);
    expect(codes.filter((c) => c === 429)).toHaveLength(16 - MAX);
    const row = await shared.dbB
      .selectFrom('login_attempts')
      .select('attempts')
      .where('client_key', '=', loginClientKey('10.0.2.1', EMAIL))
      .executeTakeFirstOrThrow();
    expect(Number(row.attempts)).toBe(16);
  });

  it('opens a new window once the old one is over, and prunes expired windows of other clients', async () => {
    for (let i = 0; i <= MAX; i++) await attempt(a, 'bad', '10.0.3.1');
    expect((await attempt(b, PASSWORD, '10.0.3.1')).statusCode).toBe(429);
    // Another client whose window ran out long ago; it must be gone after the next window opens.
    await attempt(b, 'bad', '10.0.3.2');
    const old = new Date(Date.now() - 61_000).toISOString();
    await shared.dbA.updateTable('login_attempts').set({ window_start: old }).execute();

    expect((await attempt(b, PASSWORD, '10.0.3.1')).statusCode).toBe(200);
    const keys = (await shared.dbA.selectFrom('login_attempts').select('client_key').execute()).map((r) => r.client_key);
    expect(keys).toEqual([loginClientKey('10.0.3.1', EMAIL)]);
  });

  it('keeps neither the email nor the IP in clear in the table', async () => {
    await attempt(a, 'bad', '10.0.4.1');
    const rows = await shared.dbA.selectFrom('login_attempts').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toMatch(/acme|10\.0\.4\.1/);
  });
});
