import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config';
import { createTestApp, TEST_PASSWORD, type TestApp } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { loginRateLimit: { max: 3, windowMs: 60_000 } } });
});
afterAll(() => t.close());

const login = (email: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });
/** A login request whose body is sent as written, labelled JSON. */
const loginWithRawBody = (payload: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload });

describe('POST /api/auth/login', () => {
  it('returns a bearer token, its expiry 30 days ahead and the user', async () => {
    const res = await login('Member@Acme.test', TEST_PASSWORD, '10.0.1.1');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const days = (Date.parse(body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    expect(body.user).toMatchObject({
      id: t.seed.member.id,
      email: 'member@acme.test',
      role: 'member',
      firstName: 'Mia',
      lastName: 'Member',
      fullName: 'Mia Member',
      jobTitle: 'Account manager',
    });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(body)).not.toContain('scrypt');
  });

  it('stores only the sha256 of the token', async () => {
    const { token } = (await login('admin@acme.test', TEST_PASSWORD, '10.0.1.2')).json();
    const rows = await t.db.selectFrom('sessions').select('token_hash').execute();
    const hashes = rows.map((r) => r.token_hash);
    expect(hashes).toContain(createHash('sha256').update(token).digest('hex'));
    expect(hashes).not.toContain(token);
  });

  it('stores passwords as scrypt hashes', async () => {
    const row = await t.db.selectFrom('users').select('password_hash').where('email', '=', 'admin@acme.test').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it.each([
    ['wrong password', 'member@acme.test', 'nope'],
    ['unknown email', 'nobody@acme.test', TEST_PASSWORD],
  ])('answers 401 with one message for a %s', async (_label, email, password) => {
    const res = await login(email, password, '10.0.2.1');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthorized', message: 'Wrong email or password.' } });
  });

  it.each([
    ['missing password', { email: 'a@b.test' }],
    ['empty password', { email: 'a@b.test', password: '' }],
    ['broken email', { email: 'not-an-email', password: 'x' }],
    ['number as email', { email: 42, password: 'x' }],
    ['unknown field', { email: 'a@b.test', password: 'x', admin: true }],
    ['huge password', { email: 'a@b.test', password: 'x'.repeat(5000) }],
  ])('rejects %s with 400 validation_failed', async (_label, payload) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress: '10.0.3.1' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message.length).toBeGreaterThan(5);
  });

  it('rejects a body that is not JSON with a 4xx', async () => {
    const res = await loginWithRawBody('{"email":');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('rate-limits attempts per IP and email with 429 rate_limited', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 3; i++) expect((await login('bob@acme.test', 'bad', ip)).statusCode).toBe(401);
    const limited = await login('bob@acme.test', TEST_PASSWORD, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(limited.json().error.message).toMatch(/Too many sign-in attempts\. Wait \d+ seconds/);
    // Another address from the same IP is counted separately.
    expect((await login('admin@acme.test', TEST_PASSWORD, ip)).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('GET /api/me without a token is 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });

  it('GET /api/me with a garbage token is 401', async () => {
    const res = await t.request('garbage', { method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(401);
  });

  it('GET /api/me returns the user, the org, its quota and active accounts', async () => {
    const { token } = (await login('member@acme.test', TEST_PASSWORD, '10.0.4.1')).json();
    const res = await t.request(token, { method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: expect.objectContaining({ id: t.seed.member.id, role: 'member', mobile: '+33 6 12 34 56 78' }),
      org: { id: t.seed.org.id, name: 'Acme', quota: 3, activeAccounts: 0 },
    });
  });

  it('logout ends the session', async () => {
    const token = await t.login('member@acme.test');
    expect((await t.request(token, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    expect((await t.request(token, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await t.request(token, { method: 'GET', url: '/api/me' })).statusCode).toBe(401);
  });

  it('an expired session is refused', async () => {
    const token = await t.login('member@acme.test');
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    const res = await t.request(token, { method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/expired/);
  });
});

describe('over real HTTP', () => {
  it('logs in with fetch, answers CORS for extension origins, and serves /docs', async () => {
    const base = await t.listen();
    const pre = await fetch(`${base}/api/auth/login`, {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abcdefghijklmnop',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(pre.status).toBeLessThan(300);
    // The caller's own origin, never `*` (server/test/cors-and-headers.test.ts).
    expect(pre.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnop');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');

    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'chrome-extension://abcdefghijklmnop' },
      body: JSON.stringify({ email: 'admin@acme.test', password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const { token } = await res.json();
    const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me.json()).user.role).toBe('admin');

    const docs = await fetch(`${base}/docs/json`);
    expect(docs.status).toBe(200);
    expect((await docs.json()).paths).toHaveProperty('/api/auth/login');
  });
});

describe('JSON body parsing', () => {
  it('accepts an empty body sent with Content-Type: application/json (bodiless logout)', async () => {
    const token = await t.login('member@acme.test');
    const res = await t.request(token, { method: 'POST', url: '/api/auth/logout', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode).toBe(204);
  });

  it('still refuses an empty body where one is required', async () => {
    const res = await loginWithRawBody('');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('refuses prototype poisoning with 400', async () => {
    const res = await loginWithRawBody('{"email":"a@b.test","password":"x","__proto__":{"admin":true}}');
    expect(res.statusCode).toBe(400);
  });
});

describe('error answers', () => {
  it('name the field and say what is wrong', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nope', password: 'x' }, remoteAddress: '10.7.0.1' });
    expect(res.json().error).toEqual({
      code: 'validation_failed',
      message: 'Check email: Enter a valid email address, like name@example.com.',
      fields: { email: 'Enter a valid email address, like name@example.com.' },
    });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.test', password: 'x', role: 'admin' }, remoteAddress: '10.7.0.2' });
    expect(unknown.json().error.message).toBe('Check the body: Unknown field: role.');
  });

  it('an unknown endpoint is 404 not_found', async () => {
    const token = await t.login('member@acme.test');
    const res = await t.request(token, { method: 'GET', url: '/api/nothing-here?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: 'not_found', message: 'There is no GET /api/nothing-here endpoint.' });
  });
});

describe('behind a proxy', () => {
  /** Status codes of three failed logins of one user from three clients, all through the proxy 10.1.1.1. */
  async function loginsThroughProxy(config: Partial<Config>): Promise<number[]> {
    const t2 = await createTestApp({ config: { loginRateLimit: { max: 2, windowMs: 60_000 }, ...config } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await t2.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'bob@acme.test', password: 'bad' },
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
          remoteAddress: '10.1.1.1',
        });
        codes.push(res.statusCode);
      }
      return codes;
    } finally {
      await t2.close();
    }
  }

  it('ignores X-Forwarded-For by default, so a client cannot dodge the login limit', async () => {
    expect(await loginsThroughProxy({})).toEqual([401, 401, 429]);
  });

  it('with MAILROOM_TRUST_PROXY, counts each forwarded client separately', async () => {
    expect(await loginsThroughProxy({ trustProxy: '10.1.1.1' })).toEqual([401, 401, 401]);
  });
});
