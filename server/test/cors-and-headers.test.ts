import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createTestApp, type TestApp } from './helpers';

// CORS answers the extension's own origins only, naming the caller (never `*`); helmet's headers
// suit a JSON API, the /docs page keeps a CSP it can run under.
const CHROME = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const FIREFOX = 'moz-extension://0b6c8b9e-6f7e-4a43-9c4b-1f0e1a2b3c4d';

const preflight = (t: TestApp, origin: string, url = '/api/filings') =>
  t.request(null, {
    method: 'OPTIONS',
    url,
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });

describe('CORS, default (any browser extension, no web page)', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    token = await t.login(t.seed.member.email);
  });
  afterAll(() => t.close());

  it('a Chrome or Firefox extension gets its own origin back, for the preflight and the call', async () => {
    for (const origin of [CHROME, FIREFOX]) {
      const pre = await preflight(t, origin);
      expect(pre.statusCode).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe(origin);
      expect(String(pre.headers['access-control-allow-headers'])).toMatch(/authorization/i);
      expect(String(pre.headers.vary)).toMatch(/origin/i);
      const me = await t.request(token, { method: 'GET', url: '/api/me', headers: { origin } });
      expect(me.statusCode).toBe(200);
      expect(me.headers['access-control-allow-origin']).toBe(origin);
    }
  });

  it('a web page gets no CORS header at all, so its browser keeps the answer from it', async () => {
    for (const origin of ['https://evil.example', 'http://localhost:3000', 'null', 'chrome-extension://bad/path']) {
      const pre = await preflight(t, origin);
      expect(pre.headers['access-control-allow-origin'], origin).toBeUndefined();
      const me = await t.request(token, { method: 'GET', url: '/api/me', headers: { origin } });
      expect(me.headers['access-control-allow-origin'], origin).toBeUndefined();
    }
  });

  it('never `*`, on any route, with or without a token', async () => {
    const urls = ['/api/me', '/api/health', '/api/auth/login', '/api/records', '/docs/json', '/nowhere'];
    for (const url of urls) {
      for (const origin of [CHROME, 'https://evil.example']) {
        const res = await t.request(token, { method: 'GET', url, headers: { origin } });
        expect(res.headers['access-control-allow-origin'], `${url} from ${origin}`).not.toBe('*');
        expect((await preflight(t, origin, url)).headers['access-control-allow-origin']).not.toBe('*');
      }
    }
  });
});

describe('CORS with MAILROOM_ALLOWED_ORIGINS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { allowedOrigins: loadConfig({ MAILROOM_ALLOWED_ORIGINS: ` ${CHROME}, ${FIREFOX}/ ` }).allowedOrigins } });
  });
  afterAll(() => t.close());

  it('answers the listed extension ids only', async () => {
    expect((await preflight(t, CHROME)).headers['access-control-allow-origin']).toBe(CHROME);
    expect((await preflight(t, FIREFOX)).headers['access-control-allow-origin']).toBe(FIREFOX);
    expect((await preflight(t, 'chrome-extension://someotherextensionidxxxxxxxxxxxx')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses `*` and things that are not origins in the variable', () => {
    expect(() => loadConfig({ MAILROOM_ALLOWED_ORIGINS: '*' })).toThrow(/MAILROOM_ALLOWED_ORIGINS/);
    expect(() => loadConfig({ MAILROOM_ALLOWED_ORIGINS: `${CHROME}/path` })).toThrow(/MAILROOM_ALLOWED_ORIGINS/);
    expect(() => loadConfig({ MAILROOM_ALLOWED_ORIGINS: 'chrome-extension://*' })).toThrow(/MAILROOM_ALLOWED_ORIGINS/);
    expect(loadConfig({}).allowedOrigins).toBeNull();
  });
});

describe('security headers (helmet)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('every API answer, errors and 404s included: a CSP allowing nothing, no framing, no referrer, HSTS, nosniff', async () => {
    const token = await t.login(t.seed.member.email);
    const answers = [
      await t.request(token, { method: 'GET', url: '/api/me' }),
      await t.request(null, { method: 'GET', url: '/api/me' }),
      await t.request(null, { method: 'GET', url: '/nowhere' }),
      await t.request(null, { method: 'POST', url: '/api/auth/login', payload: '{bad json', headers: { 'content-type': 'application/json' } }),
    ];
    for (const res of answers) {
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('the API documentation page still loads, under its own CSP', async () => {
    const page = await t.request(null, { method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    const script = await t.request(null, { method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(script.statusCode).toBe(200);
  });
});
