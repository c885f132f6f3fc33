import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, databaseTarget, type Db } from '../src/db/database';
import { assertSchemaCurrent, migrateToLatest, pendingMigrations, SchemaBehindError } from '../src/db/migrate';
import { migrations } from '../src/db/migrations';
import { runToExit } from './helpers/cli';
import { createEmptyDatabaseUrl } from './helpers/test-database';

// `npm run migrate` and the schema check of `npm run serve`, on SQLite files and (with
// MAILROOM_TEST_DATABASE_URL) on PostgreSQL databases made empty for each test.
const all = Object.keys(migrations).sort();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function emptyTarget() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-migrate-'));
  const empty = await createEmptyDatabaseUrl();
  const env = { MAILROOM_DATA_DIR: dataDir, DATABASE_URL: empty.url ?? '' };
  const open = (): Db => {
    const db = createDatabase(databaseTarget({ databaseUrl: empty.url, dataDir }));
    cleanups.push(() => db.destroy());
    return db;
  };
  cleanups.push(async () => {
    await empty.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { env, open };
}

const appliedRows = (db: Db) => sql<{ name: string }>`select name from kysely_migration order by name`.execute(db).then((r) => r.rows.map((x) => x.name));

describe('npm run migrate', () => {
  it('two processes started at once: both succeed, every migration applied once', async () => {
    const { env, open } = await emptyTarget();
    const [a, b] = await Promise.all([runToExit([], env, 'server/src/cli/migrate.ts'), runToExit([], env, 'server/src/cli/migrate.ts')]);
    expect(a.code, a.output).toBe(0);
    expect(b.code, b.output).toBe(0);
    // One of them did the work, the other found it done (which one depends on who got the lock).
    const outputs = [a.output, b.output].join('\n');
    expect(outputs).toContain(`applied ${all.length} migration(s)`);
    expect(outputs).toContain('schema already current');
    expect(await appliedRows(open())).toEqual(all);
  }, 120_000);

  it('two connections of one process migrating at once do not race either', async () => {
    const { open } = await emptyTarget();
    const [x, y] = [open(), open()];
    const [rx, ry] = await Promise.all([migrateToLatest(x), migrateToLatest(y)]);
    expect(rx.length + ry.length).toBe(all.length);
    expect(await appliedRows(x)).toEqual(all);
    expect(await pendingMigrations(y)).toEqual([]);
  }, 60_000);
});

describe('npm run serve on a schema that is behind', () => {
  it('refuses an empty database, saying to run npm run migrate, and creates nothing', async () => {
    const { env, open } = await emptyTarget();
    const r = await runToExit([], { ...env, MAILROOM_ORG_NAME: 'Acme', MAILROOM_ADMIN_EMAIL: 'a@acme.test', MAILROOM_ADMIN_PASSWORD: 'a-long-password', MAILROOM_QUOTA: '2' });
    expect(r.code).toBe(1);
    expect(r.output).toContain('npm run migrate');
    expect(r.output).not.toContain('listening');
    expect(await pendingMigrations(open())).toEqual(all);
  }, 60_000);

  it('refuses a database one migration behind, naming it', async () => {
    const { env, open } = await emptyTarget();
    const db = open();
    await migrateToLatest(db);
    const last = all.at(-1)!;
    await sql`delete from kysely_migration where name = ${last}`.execute(db);
    await expect(assertSchemaCurrent(db)).rejects.toBeInstanceOf(SchemaBehindError);
    const r = await runToExit([], env);
    expect(r.code).toBe(1);
    expect(r.output).toContain(`1 migration not applied: ${last}`);
    expect(r.output).toContain('npm run migrate');
  }, 60_000);

  it('accepts a database migrated by a newer version (rolling upgrade: migrate first, then roll)', async () => {
    const { open } = await emptyTarget();
    const db = open();
    await migrateToLatest(db);
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_a_newer_version', '2030-01-01T00:00:00.000Z')`.execute(db);
    expect(await pendingMigrations(db)).toEqual([]);
    await expect(assertSchemaCurrent(db)).resolves.toBeUndefined();
  });
});
