import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../src/db/database';
import { runToExit, start, stop } from './helpers/cli';
import { fileUnderLoad, loadMessageId, prepareFilingClient, storedLoadFilings } from './helpers/filing-client';

// `npm run backup -- <file>` copies the SQLite database while the API files mail; restoring is
// copying the file back. Always on SQLite (the command is for SQLite; PostgreSQL has pg_dump).
const dirs: string[] = [];
const tmpDir = (name: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mailroom-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const backupCli = (args: string[], env: Record<string, string>) => runToExit(args, env, 'server/src/cli/backup.ts');
const users = { admin: 'admin@demo.test', member: 'alice@demo.test', password: 'demo' };

describe('npm run backup', () => {
  it('during a burst of filings: every filing acknowledged before it began is in the copy, which passes integrity_check and restores', async () => {
    const dataDir = tmpDir('backup');
    const env = { MAILROOM_DATA_DIR: dataDir, MAILROOM_DEMO_PASSWORD: users.password };
    const api = await start(['--demo'], env);
    const file = path.join(tmpDir('backup-out'), 'mailroom-backup.sqlite');
    let client: Awaited<ReturnType<typeof prepareFilingClient>>;
    let before: Set<number>;
    let during: number;
    try {
      client = await prepareFilingClient(api.base, users);
      const load = fileUnderLoad(client, 8);
      while (load.acknowledged.size < 150) await new Promise((resolve) => setTimeout(resolve, 20));
      before = new Set(load.acknowledged);
      const result = await backupCli([file], env);
      during = load.acknowledged.size - before.size;
      await load.stop();
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain('integrity check ok');
      expect(load.answers.filter((a) => a.status >= 400)).toEqual([]);
    } finally {
      expect(await stop(api), api.output()).toBe(0);
    }
    // The burst went on while the copy was taken.
    expect(during).toBeGreaterThan(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const copy = new SQLite(file, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
    const restoredDir = tmpDir('restored');
    fs.copyFileSync(file, path.join(restoredDir, 'mailroom.sqlite'));
    // The key does not travel in the backup: it is copied apart.
    fs.copyFileSync(path.join(dataDir, 'secret.key'), path.join(restoredDir, 'secret.key'));
    const db = createDatabase({ kind: 'sqlite', file: path.join(restoredDir, 'mailroom.sqlite') });
    try {
      const stored = await storedLoadFilings(db, client.recordId);
      for (const n of before) expect(stored.get(n), `filing ${n}`).toBe(1);
      for (const count of stored.values()) expect(count).toBe(1);
    } finally {
      await db.destroy();
    }

    // Restored: the API starts on the copy and finds the filings.
    const restored = await start(['--demo'], { ...env, MAILROOM_DATA_DIR: restoredDir });
    try {
      expect(restored.output()).not.toContain('Created the demo organisation');
      const { token } = await (
        await fetch(`${restored.base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: users.member, password: users.password }),
        })
      ).json();
      const n = [...before][0]!;
      const state = await (
        await fetch(`${restored.base}/api/filings?messageId=${encodeURIComponent(`<${loadMessageId(n)}>`)}`, { headers: { authorization: `Bearer ${token}` } })
      ).json();
      expect(state.filings.map((f: { record: { id: string } }) => f.record.id)).toEqual([client.recordId]);
    } finally {
      expect(await stop(restored), restored.output()).toBe(0);
    }
  }, 180_000);

  it('refuses to overwrite a file, needs a file name, and sends PostgreSQL users to pg_dump', async () => {
    const dataDir = tmpDir('backup-refusals');
    const env = { MAILROOM_DATA_DIR: dataDir };
    const existing = path.join(dataDir, 'exists.sqlite');
    fs.writeFileSync(existing, 'keep me');
    const overwrite = await backupCli([existing], env);
    expect(overwrite.code).toBe(2);
    expect(overwrite.output).toContain('exists already');
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
    const usage = await backupCli([], env);
    expect(usage.code).toBe(2);
    expect(usage.output).toContain('npm run backup -- <file>');
    const noDb = await backupCli([path.join(dataDir, 'b.sqlite')], env);
    expect(noDb.code).toBe(2);
    expect(noDb.output).toContain('There is no database');
    const pg = await backupCli([path.join(dataDir, 'c.sqlite')], { ...env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(pg.code).toBe(2);
    expect(pg.output).toContain('pg_dump');
  }, 60_000);
});
