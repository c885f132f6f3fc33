import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createSecretBox, type SecretBox } from '../../src/accounts/secret-box';
import { buildApp, type AppDeps } from '../../src/app';
import { hashPassword } from '../../src/auth/passwords';
import { openSession } from '../../src/auth/sessions.service';
import { loadConfig, type Config } from '../../src/config';
import type { Db } from '../../src/db/database';
import { createOrganisationWithAdmin, createUser, type NewUserInput } from '../../src/orgs/orgs.service';
import { findUserByEmail } from '../../src/users/users.repository';
import { loopbackLookup, noDnsResolve } from './loopback-dns';
import { createTestDatabase } from './test-database';

/** Password of every seeded user. */
export const TEST_PASSWORD = 'correct horse battery';
// scrypt takes ~0.2 s: hash once per test file, not once per seeded user.
let testPasswordHash: Promise<string> | undefined;
const seedPasswordHash = () => (testPasswordHash ??= hashPassword(TEST_PASSWORD));

export interface SeedUser {
  id: string;
  email: string;
}
export interface TestSeed {
  org: { id: string; name: string; quota: number };
  admin: SeedUser;
  /** A member of `org` with every mail-merge field filled. */
  member: SeedUser;
  /** A second member of `org` with only names. */
  member2: SeedUser;
  otherOrg: { id: string; name: string; quota: number };
  otherAdmin: SeedUser;
  otherMember: SeedUser;
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  /** The key box the app seals account passwords with (the sync worker opens them with it). */
  secretBox: SecretBox;
  seed: TestSeed;
  /** A bearer token for a seeded (or any existing) user, without going through the login route. */
  login(email: string): Promise<string>;
  /** `app.inject` with `Authorization: Bearer <token>` when a token is given. */
  request(token: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** Starts listening on a free loopback port for tests over real HTTP; returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Override config (e.g. `{ loginRateLimit: { max: 3, windowMs: 60_000 } }`). */
  config?: Partial<Config>;
  /** Quota of the seeded organisations (default 3, like the demo). */
  quota?: number;
  /** Receives every log line (JSON) at trace level, e.g. to prove secrets are never logged. */
  onLog?: (line: string) => void;
  /** DNS for the mail checks (see buildApp): loopback only unless a test brings a local DNS server. */
  dnsLookup?: AppDeps['dnsLookup'];
  dnsResolve?: AppDeps['dnsResolve'];
  mailTrustedCas?: AppDeps['mailTrustedCas'];
}

/** The configuration of an app under test: its own data dir and secret, no logs; `overrides` win. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    dataDir: path.join(os.tmpdir(), `mailroom-test-${randomBytes(4).toString('hex')}`),
    secret: randomBytes(16).toString('hex'),
    logLevel: 'silent',
    // Tests talk to mail servers they start on loopback.
    allowPrivateHosts: true,
    ...overrides,
  };
}

/**
 * A fresh app on a fresh database (SQLite in memory, or PostgreSQL with
 * MAILROOM_TEST_DATABASE_URL), seeded with two organisations. Call it in `beforeAll` (or
 * `beforeEach` for full isolation) and `close()` in `afterAll`.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { db, drop } = await createTestDatabase();
  const config = testConfig(options.config);
  const quota = options.quota ?? 3;
  const seed = await seedTwoOrgs(db, quota);
  const onLog = options.onLog;
  const logger = onLog ? { level: 'trace', stream: { write: (line: string) => onLog(line) } } : false;
  const secretBox = createSecretBox(randomBytes(32));
  const app = await buildApp({
    config,
    db,
    secretBox,
    logger,
    dnsLookup: options.dnsLookup ?? loopbackLookup,
    dnsResolve: options.dnsResolve ?? noDnsResolve,
    mailTrustedCas: options.mailTrustedCas,
  });

  return {
    app,
    db,
    config,
    secretBox,
    seed,
    async login(email) {
      const user = await findUserByEmail(db, email);
      if (!user) throw new Error(`No user ${email} to log in`);
      return (await openSession(db, user.id, config.sessionTtlDays)).token;
    },
    request(token, opts) {
      const headers = { ...(opts.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
      return app.inject({ ...opts, headers });
    },
    async listen() {
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      return address;
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}

/** A seeded person: email, names and, for some, the mail-merge fields. */
type SeedPerson = Pick<NewUserInput, 'email' | 'firstName' | 'lastName' | 'jobTitle' | 'phone' | 'mobile'>;

/** An organisation with its admin and members, all with `TEST_PASSWORD`; the members' ids in order. */
async function seedOrg(db: Db, org: { name: string; quota: number }, admin: SeedPerson, members: SeedPerson[]) {
  const passwordHash = await seedPasswordHash();
  const { orgId, adminId } = await createOrganisationWithAdmin(db, org, { ...admin, password: TEST_PASSWORD, passwordHash });
  const memberIds: string[] = [];
  for (const m of members) memberIds.push(await createUser(db, orgId, { ...m, password: TEST_PASSWORD, passwordHash, role: 'member' }));
  return { orgId, adminId, memberIds };
}

async function seedTwoOrgs(db: Db, quota: number): Promise<TestSeed> {
  const acme = await seedOrg(db, { name: 'Acme', quota }, { email: 'admin@acme.test', firstName: 'Ada', lastName: 'Admin' }, [
    {
      email: 'member@acme.test',
      firstName: 'Mia',
      lastName: 'Member',
      jobTitle: 'Account manager',
      phone: '+33 1 23 45 67 89',
      mobile: '+33 6 12 34 56 78',
    },
    { email: 'bob@acme.test', firstName: 'Bob', lastName: 'Béranger' },
  ]);
  const globex = await seedOrg(db, { name: 'Globex', quota }, { email: 'admin@globex.test', firstName: 'Gus', lastName: 'Globex' }, [
    { email: 'member@globex.test', firstName: 'Olga', lastName: 'Other' },
  ]);
  return {
    org: { id: acme.orgId, name: 'Acme', quota },
    admin: { id: acme.adminId, email: 'admin@acme.test' },
    member: { id: acme.memberIds[0]!, email: 'member@acme.test' },
    member2: { id: acme.memberIds[1]!, email: 'bob@acme.test' },
    otherOrg: { id: globex.orgId, name: 'Globex', quota },
    otherAdmin: { id: globex.adminId, email: 'admin@globex.test' },
    otherMember: { id: globex.memberIds[0]!, email: 'member@globex.test' },
  };
}
