import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../src/db/migrations';
import { createTestApp, type TestApp } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/health and /api/ready (no session)', () => {
  it('health: the process answers', async () => {
    const res = await t.request(null, { method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });

  it('ready: the database answers and its schema is current', async () => {
    const res = await t.request(null, { method: 'GET', url: '/api/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });

  it('ready: 503 in the error shape while a migration is missing, 200 again once it is there', async () => {
    const last = Object.keys(migrations).sort().at(-1)!;
    const row = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration where name = ${last}`.execute(t.db);
    await sql`delete from kysely_migration where name = ${last}`.execute(t.db);
    try {
      const res = await t.request(null, { method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({ code: 'unavailable' });
      expect(res.json().error.message).toContain('npm run migrate');
      // Liveness is not readiness: the process is up.
      expect((await t.request(null, { method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      const { name, timestamp } = row.rows[0]!;
      await sql`insert into kysely_migration (name, timestamp) values (${name}, ${timestamp})`.execute(t.db);
    }
    expect((await t.request(null, { method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });
});

describe('GET /api/ready without a database', () => {
  it('answers 503 when the database cannot be reached', async () => {
    const other = await createTestApp();
    try {
      await other.db.destroy();
      const res = await other.request(null, { method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toEqual({ code: 'unavailable', message: 'The database cannot be reached.' });
      expect((await other.request(null, { method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await other.app.close();
    }
  });
});
