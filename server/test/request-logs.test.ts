import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountInput, createTestApp, IN_SECRET, OUT_SECRET, TEST_PASSWORD, type TestApp } from './helpers';

// Logs: one JSON line per answered request, with its id; never a password, token, cookie or
// Authorization header, whatever is handed to the logger (pino `redact`).
const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ onLog: (line) => lines.push(line) });
});
afterAll(() => t.close());

const COOKIE = 'session=c00kie-Value-123';
const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('request logs', () => {
  it('a sign-in and an account creation with passwords leave no secret in the output', async () => {
    lines.length = 0;
    const login = await t.request(null, {
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: COOKIE },
      payload: { email: t.seed.admin.email, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const token = login.json().token as string;
    const created = await t.request(token, { method: 'POST', url: '/api/email-accounts', headers: { cookie: COOKIE }, payload: accountInput() });
    expect(created.statusCode).toBe(201);
    // A refused one too: error paths log more.
    const refused = await t.request(token, { method: 'POST', url: '/api/email-accounts', payload: { ...accountInput(), address: 'not an address' } });
    expect(refused.statusCode).toBe(400);

    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const secret of [TEST_PASSWORD, IN_SECRET, OUT_SECRET, token, 'c00kie-Value-123']) expect(all).not.toContain(secret);
  });

  it('even a log call handed headers and bodies writes [redacted] in their place', () => {
    lines.length = 0;
    t.app.log.info(
      {
        req: { headers: { authorization: 'Bearer tok-SECRET-1', cookie: COOKIE } },
        body: { email: 'a@b.test', password: 'pw-SECRET-2', incoming: { password: 'pw-SECRET-3' } },
        token: 'tok-SECRET-4',
        invitation: { token: 'tok-SECRET-5' },
      },
      'handed secrets',
    );
    const all = lines.join('\n');
    for (const secret of ['tok-SECRET-1', 'c00kie-Value-123', 'pw-SECRET-2', 'pw-SECRET-3', 'tok-SECRET-4', 'tok-SECRET-5']) expect(all).not.toContain(secret);
    expect(all).toContain('[redacted]');
    expect(all).toContain('a@b.test');
  });

  it('writes exactly one JSON line per request, with its id, method, route, status and time; no query string', async () => {
    lines.length = 0;
    const token = await t.login(t.seed.member.email);
    const answers = [
      await t.request(token, { method: 'GET', url: '/api/me' }),
      await t.request(token, { method: 'GET', url: '/api/records?q=alice%40client.test' }),
      await t.request(null, { method: 'GET', url: '/api/me' }),
      await t.request(null, { method: 'GET', url: '/api/health' }),
    ];
    const requestLines = parsed().filter((l) => l.msg === 'request');
    expect(requestLines).toHaveLength(answers.length);
    expect(parsed().filter((l) => /incoming request|request completed/.test(String(l.msg)))).toEqual([]);
    answers.forEach((res, i) => {
      const line = requestLines[i]!;
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(line.reqId).toBe(res.headers['x-request-id']);
      expect(line).toMatchObject({ level: 30, status: res.statusCode });
      expect(typeof line.ms).toBe('number');
    });
    expect(requestLines[0]).toMatchObject({ method: 'GET', path: '/api/me', route: '/api/me', user: t.seed.member.id });
    expect(requestLines[1]).toMatchObject({ path: '/api/records', route: '/api/records' });
    expect(JSON.stringify(requestLines[1])).not.toContain('alice');
    expect(requestLines[2]).toMatchObject({ status: 401 });
    expect(requestLines[2]).not.toHaveProperty('user');
    expect(new Set(requestLines.map((l) => l.reqId)).size).toBe(answers.length);
  });
});
