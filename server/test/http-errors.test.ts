/**
 * Requests refused before they reach a route's code (too deep, bad URL, malformed HTTP, headers
 * too large, wrong content type, bare OPTIONS...) answer `{ error: { code, message } }` with a 4xx
 * and the same headers as every answer; checked over real HTTP where Fastify's inject would not
 * take the same path (socket-level errors).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { limits } from '../../contract/limits';
import { createDatabase } from '../src/db/database';
import { newId, nowIso } from '../src/db/values';
import { registerErrorHandling } from '../src/http/error-handler';
import { createAccountAs, testDialect } from './helpers';
import { admin, member, t, useAppForFile } from './helpers/app-for-file';
import { rawRequest } from './helpers/raw-http';

useAppForFile();
let base: string;
beforeAll(async () => {
  base = await t.listen();
});

/** Asserts the API's error shape and headers, and answers the error's code. */
function expectErrorShape(status: number, headers: Record<string, unknown>, body: string, expected: number): string {
  expect(status, body).toBe(expected);
  expect(String(headers['content-type'])).toMatch(/^application\/json/);
  expect(headers['cache-control']).toBe('no-store');
  expect(headers['x-content-type-options']).toBe('nosniff');
  const parsed = JSON.parse(body) as { error: { code: string; message: string } };
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(parsed.error.message.length).toBeGreaterThan(10);
  return parsed.error.code;
}

const nestedArrays = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const nestedObjects = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const json = { 'content-type': 'application/json' };

describe('deeply nested JSON bodies', () => {
  it.each([
    ['10,000 levels of arrays', nestedArrays(10_000)],
    ['10,000 levels of objects', nestedObjects(10_000)],
    ['a 1 MB body of nothing but nesting', nestedArrays(500_000)],
  ])('signed out, %s to the login route → 400, not a stack overflow', async (_label, payload) => {
    const res = await t.request(null, { method: 'POST', url: '/api/auth/login', headers: json, payload });
    expect(expectErrorShape(res.statusCode, res.headers, res.body, 400)).toBe('validation_failed');
    expect(res.json().error.message).toContain(String(limits.jsonNestingDepth));
  });

  it(`accepts ${limits.jsonNestingDepth} levels (the schema then judges the body) and refuses one more`, async () => {
    const at = (levels: number) => t.request(member, { method: 'POST', url: '/api/records', headers: json, payload: `{"kind":"client","name":"N","x":${nestedObjects(levels - 1)}}` });
    const deepest = await at(limits.jsonNestingDepth);
    expect(deepest.statusCode).toBe(400);
    expect(deepest.json().error.message).toContain('Unknown field: x');
    const over = await at(limits.jsonNestingDepth + 1);
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields).toBeUndefined();
    expect(over.json().error.message).toContain('levels deep');
  });

  it('nesting in a route that drops NULs (records) and one that refuses them (accounts) → 400 over HTTP', async () => {
    for (const [url, token] of [['/api/records', member], ['/api/email-accounts', admin]] as const) {
      const res = await fetch(base + url, { method: 'POST', headers: { ...json, authorization: `Bearer ${token}` }, body: nestedObjects(10_000) });
      expectErrorShape(res.status, Object.fromEntries(res.headers), await res.text(), 400);
    }
  });
});

describe("Fastify's routing errors", () => {
  it('a malformed %-escape in the path → 400', async () => {
    const res = await fetch(`${base}/api/records/%ZZ`, { headers: { authorization: `Bearer ${member}` } });
    expect(expectErrorShape(res.status, Object.fromEntries(res.headers), await res.text(), 400)).toBe('validation_failed');
  });

  it('a path parameter over 100 characters → 414', async () => {
    const res = await fetch(`${base}/api/records/${'x'.repeat(101)}`, { headers: { authorization: `Bearer ${member}` } });
    expect(expectErrorShape(res.status, Object.fromEntries(res.headers), await res.text(), 414)).toBe('validation_failed');
  });

  it('an unknown endpoint → 404', async () => {
    const res = await fetch(`${base}/api/nothing-here`, { headers: { authorization: `Bearer ${member}` } });
    expect(expectErrorShape(res.status, Object.fromEntries(res.headers), await res.text(), 404)).toBe('not_found');
  });
});

describe('malformed HTTP, on a raw socket', () => {
  it.each([
    ['a request line that is not HTTP', 'HELLO\r\n\r\n'],
    ['a header line without a colon', 'GET /api/me HTTP/1.1\r\nHost x\r\n\r\n'],
    ['a bad Content-Length', 'POST /api/records HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
    ['both Content-Length and chunked encoding', 'POST /api/records HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}'],
  ])('%s → 400', async (_label, bytes) => {
    const res = await rawRequest(base, bytes);
    expect(expectErrorShape(res.status, res.headers, res.body, 400)).toBe('validation_failed');
  });

  it('headers over 16 KB → 431', async () => {
    const res = await rawRequest(base, `GET /api/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(expectErrorShape(res.status, res.headers, res.body, 431)).toBe('payload_too_large');
  });
});

describe('bodies the API does not take', () => {
  const post = (headers: Record<string, string>, body: string) =>
    fetch(`${base}/api/records`, { method: 'POST', headers: { authorization: `Bearer ${member}`, ...headers }, body });

  it.each([
    ['application/xml', '<record/>'],
    ['text/plain', '{"kind":"client","name":"N"}'],
    ['application/x-www-form-urlencoded', 'kind=client&name=N'],
  ])('a body sent as %s, not JSON → 415', async (type, body) => {
    const res = await post({ 'content-type': type }, body);
    expectErrorShape(res.status, Object.fromEntries(res.headers), await res.text(), 415);
  });

  it('an empty body sent as JSON to a route that needs one → 400 saying so', async () => {
    const res = await post(json, '');
    expectErrorShape(res.status, Object.fromEntries(res.headers), await res.text(), 400);
  });

  it('a body that is not JSON → 400', async () => {
    const res = await post(json, '{"kind":');
    expectErrorShape(res.status, Object.fromEntries(res.headers), await res.text(), 400);
  });

  it('a body over the limit → 413', async () => {
    const res = await post(json, JSON.stringify({ kind: 'client', name: 'x'.repeat(2 * 1024 * 1024) }));
    expect(expectErrorShape(res.status, Object.fromEntries(res.headers), await res.text(), 413)).toBe('payload_too_large');
  });
});

describe('OPTIONS', () => {
  it('without preflight headers → 400 in the error shape', async () => {
    const res = await fetch(`${base}/api/records`, { method: 'OPTIONS' });
    expectErrorShape(res.status, Object.fromEntries(res.headers), await res.text(), 400);
  });

  it('a real CORS preflight still gets 204 and the CORS headers', async () => {
    const res = await fetch(`${base}/api/records`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
  });
});

describe('headers of every answer', () => {
  it('answers with the token, personal data or an error are no-store and nosniff', async () => {
    const login = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { email: t.seed.member.email, password: 'wrong' } });
    const me = await t.request(member, { method: 'GET', url: '/api/me' });
    const anonymous = await t.request(null, { method: 'GET', url: '/api/me' });
    for (const res of [login, me, anonymous]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('the API documentation (the same for everyone) may be cached', async () => {
    const res = await t.request(null, { method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('a constraint violation no service expected (a race between two requests)', () => {
  it('answers 409 conflict, not 500', async () => {
    // A stand-in for the losing side of a race: the same primary key written twice, on the real database.
    const app = Fastify({ logger: false });
    registerErrorHandling(app);
    const id = newId();
    app.post('/race', async () => {
      await t.db.insertInto('organisations').values({ id, name: 'Race', quota: 1, created_at: nowIso() }).execute();
      return { ok: true };
    });
    app.post('/orphan', async () => {
      await t.db.insertInto('sessions').values({ id: newId(), user_id: 'gone', token_hash: newId(), expires_at: nowIso(), created_at: nowIso() }).execute();
      return { ok: true };
    });
    expect((await app.inject({ method: 'POST', url: '/race' })).statusCode).toBe(200);
    const again = await app.inject({ method: 'POST', url: '/race' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
    const orphan = await app.inject({ method: 'POST', url: '/orphan' });
    expect(orphan.statusCode).toBe(409);
    await app.close();
  });
});

describe('requests racing to create the same row', () => {
  it('each answers 2xx or 409 conflict, never 500, and the row exists once', async () => {
    const account = await createAccountAs(t, admin, { address: 'race@acme.test' });
    // On PostgreSQL the PUTs run in parallel transactions: several find no access row and insert
    // it, and all but one hit the primary key. SQLite serialises them (all succeed).
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => t.request(admin, { method: 'PUT', url: `/api/email-accounts/${account.id}/access/${t.seed.member2.id}`, payload: {} })),
    );
    for (const res of answers) {
      expect([200, 201, 409], res.body).toContain(res.statusCode);
      if (res.statusCode === 409) expect(res.json().error.code).toBe('conflict');
    }
    const rows = await t.db.selectFrom('account_access').selectAll().where('account_id', '=', account.id).execute();
    expect(rows).toHaveLength(1);
  });
});

// SQLite only: with PostgreSQL the server keeps no database file of its own.
describe.runIf(testDialect === 'sqlite')('the SQLite database file', () => {
  it('is created 0600, and so are its -wal and -shm files; an older 0644 file is narrowed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-mode-'));
    const file = path.join(dir, 'data', 'mailroom.sqlite');
    const modes = async () => {
      const db = createDatabase({ kind: 'sqlite', file });
      await db.schema.createTable('t').ifNotExists().addColumn('x', 'integer').execute();
      await sql`insert into t (x) values (1)`.execute(db);
      const found = [file, `${file}-wal`, `${file}-shm`].map((f) => fs.statSync(f).mode & 0o777);
      await db.destroy();
      return found;
    };
    try {
      expect(await modes()).toEqual([0o600, 0o600, 0o600]);
      fs.chmodSync(file, 0o644);
      expect(await modes()).toEqual([0o600, 0o600, 0o600]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
