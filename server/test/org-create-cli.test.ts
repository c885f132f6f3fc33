/** `npm run org:create`: a second organisation on the same server, its admin let in by invitation. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToExit, start, stop } from './helpers/cli';
import { createEmptyDatabaseUrl } from './helpers/test-database';

const script = 'server/src/cli/org-create.ts';

describe('npm run org:create', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-org-'));
  let db: { url: string | null; drop: () => Promise<void> };
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await createEmptyDatabaseUrl();
    env = { MAILROOM_DATA_DIR: dataDir, DATABASE_URL: db.url ?? '' };
  });
  afterAll(async () => {
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the organisation and prints an invitation its admin redeems', async () => {
    const made = await runToExit(['--name', 'Globex', '--admin-email', 'Ada@Globex.example', '--quota', '4'], env, script);
    expect(made.code, made.output).toBe(0);
    const token = /^ {2}(\S{20,})$/m.exec(made.output)?.[1];
    expect(token, made.output).toBeDefined();

    const again = await runToExit(['--name', 'Globex 2', '--admin-email', 'ada@globex.example', '--quota', '1'], env, script);
    expect(again.code).toBe(1);
    expect(again.output).toContain('already a Mailroom user');

    const server = await start(['--demo'], { ...env, MAILROOM_DEMO_PASSWORD: 'demo-pass' });
    try {
      const res = await fetch(`${server.base}/api/invitations/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, password: 'ada chooses this' }),
      });
      expect(res.status).toBe(200);
      const session = (await res.json()) as { token: string; user: { role: string } };
      expect(session.user.role).toBe('admin');
      const me = await (await fetch(`${server.base}/api/me`, { headers: { authorization: `Bearer ${session.token}` } })).json();
      expect(me.org).toMatchObject({ name: 'Globex', quota: 4 });
    } finally {
      expect(await stop(server), server.output()).toBe(0);
    }
  }, 90_000);

  it('says what is missing, and creates nothing', async () => {
    const r = await runToExit(['--name', 'Initech', '--quota', 'many'], env, script);
    expect(r.code).toBe(2);
    expect(r.output).toContain('--admin-email');
  }, 30_000);
});
