import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insertAccount } from '../src/accounts/accounts.repository';
import { resealAccountPasswords } from '../src/accounts/key-rotation.service';
import { createSecretBox, loadKey, type SecretBox } from '../src/accounts/secret-box';
import { hashPassword } from '../src/auth/passwords';
import { createDatabase, databaseTarget, type Db } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { newId, nowIso } from '../src/db/values';
import { createOrganisationWithAdmin } from '../src/orgs/orgs.service';
import { runToExit } from './helpers/cli';
import { createEmptyDatabaseUrl } from './helpers/test-database';

// `npm run rotate-key` on SQLite, or PostgreSQL with MAILROOM_TEST_DATABASE_URL.
const PLAIN = { a: ['in-pass-A', 'out-pass-A'], b: ['in-pass-B', null] } as const;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A migrated database with two organisations' accounts sealed under `box`. */
async function setUp(secret: string | null) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-rotate-'));
  const empty = await createEmptyDatabaseUrl();
  const db = createDatabase(databaseTarget({ databaseUrl: empty.url, dataDir }));
  cleanups.push(async () => {
    await db.destroy();
    await empty.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  await migrateToLatest(db);
  const box = createSecretBox(loadKey({ secret, dataDir }));
  const passwordHash = await hashPassword('an-admin-password');
  const ids: Record<string, string> = {};
  for (const [name, [inPass, outPass]] of Object.entries(PLAIN)) {
    const { orgId } = await createOrganisationWithAdmin(db, { name, quota: 3 }, { email: `admin@${name}.test`, firstName: 'A', lastName: name, password: 'x', passwordHash });
    ids[name] = newId();
    await insertAccount(db, {
      id: ids[name]!,
      org_id: orgId,
      address: `shared@${name}.test`,
      display_name: name,
      active: 1,
      in_protocol: 'imap',
      in_host: 'imap.test',
      in_port: 993,
      in_security: 'tls',
      in_username: 'u',
      in_password_enc: box.seal(inPass),
      ...(outPass && { out_host: 'smtp.test', out_port: 587, out_security: 'starttls', out_username: 'u', out_password_enc: box.seal(outPass) }),
      created_at: nowIso(),
      updated_at: nowIso(),
    });
  }
  const env = { MAILROOM_DATA_DIR: dataDir, DATABASE_URL: empty.url ?? '', MAILROOM_SECRET: secret ?? '' };
  return { dataDir, db, box, ids, env };
}

const sealedRows = (db: Db) => db.selectFrom('email_accounts').select(['id', 'in_password_enc', 'out_password_enc']).orderBy('id').execute();
const rotate = (env: Record<string, string>) => runToExit([], env, 'server/src/cli/rotate-key.ts');

async function expectOpenWith(db: Db, box: SecretBox, ids: Record<string, string>) {
  const rows = await sealedRows(db);
  for (const [name, [inPass, outPass]] of Object.entries(PLAIN)) {
    const row = rows.find((r) => r.id === ids[name])!;
    expect(box.open(row.in_password_enc)).toBe(inPass);
    expect(row.out_password_enc === null ? null : box.open(row.out_password_enc)).toBe(outPass);
  }
}

describe('npm run rotate-key', () => {
  it('with a key file: a new secret.key, every password re-sealed under it, the old key kept', async () => {
    const { dataDir, db, box, ids, env } = await setUp(null);
    const before = await sealedRows(db);
    const oldKey = fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8');
    const r = await rotate(env);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('Re-encrypted 3 mailbox password(s)');
    const newKey = loadKey({ secret: null, dataDir });
    expect(newKey.toString('base64')).not.toBe(oldKey.trim());
    expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    await expectOpenWith(db, createSecretBox(newKey), ids);
    const after = await sealedRows(db);
    expect(() => box.open(after[0]!.in_password_enc)).toThrow();
    const kept = fs.readdirSync(dataDir).filter((f) => /^secret\.key\..+\.old$/.test(f));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(dataDir, kept[0]!), 'utf8')).toBe(oldKey);
    expect(fs.existsSync(path.join(dataDir, 'secret.key.new'))).toBe(false);
    for (const row of await sealedRows(db)) expect(before.map((b) => b.in_password_enc)).not.toContain(row.in_password_enc);
  }, 60_000);

  it('with MAILROOM_SECRET: under MAILROOM_NEW_SECRET, which it requires', async () => {
    const { dataDir, db, ids, env } = await setUp('the-old-secret');
    const missing = await rotate(env);
    expect(missing.code).toBe(2);
    expect(missing.output).toContain('MAILROOM_NEW_SECRET');
    const r = await rotate({ ...env, MAILROOM_NEW_SECRET: 'the-new-secret' });
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('set MAILROOM_SECRET');
    await expectOpenWith(db, createSecretBox(loadKey({ secret: 'the-new-secret', dataDir })), ids);
  }, 60_000);

  it('all or nothing: one password under another key → exit 1, nothing changed, the key file untouched', async () => {
    const { dataDir, db, box, ids, env } = await setUp(null);
    const stranger = createSecretBox(randomBytes(32)).seal('sealed elsewhere');
    await db.updateTable('email_accounts').set({ out_password_enc: stranger }).where('id', '=', ids.b!).execute();
    const before = await sealedRows(db);
    const keyBefore = fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8');
    const r = await rotate(env);
    expect(r.code).toBe(1);
    expect(r.output).toContain('does not open with the current key: nothing was changed');
    expect(await sealedRows(db)).toEqual(before);
    expect(fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8')).toBe(keyBefore);
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('secret.key'))).toEqual(['secret.key']);
    expect(box.open(before.find((row) => row.id === ids.a)!.in_password_enc)).toBe('in-pass-A');
  }, 60_000);

  it('finishes a rotation that stopped after its commit: the left secret.key.new becomes the key', async () => {
    const { dataDir, db, box, ids, env } = await setUp(null);
    const key = randomBytes(32);
    fs.writeFileSync(path.join(dataDir, 'secret.key.new'), key.toString('base64'), { mode: 0o600 });
    await resealAccountPasswords(db, box, createSecretBox(key));
    const r = await rotate(env);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('A previous rotation had re-encrypted the passwords');
    expect(loadKey({ secret: null, dataDir }).equals(key)).toBe(true);
    await expectOpenWith(db, createSecretBox(key), ids);
  }, 60_000);
});
