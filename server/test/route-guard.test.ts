import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers';

// House rule: every /api route needs a session unless it says `config: { public: true }`. Walks
// every documented route of every module (OpenAPI at /docs/json), so a new route is covered too.
const PUBLIC = new Set(['POST /api/auth/login', 'POST /api/invitations/inspect', 'POST /api/invitations/accept']);

let t: TestApp;
let routes: [string, string][] = [];
beforeAll(async () => {
  t = await createTestApp();
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(doc.paths)
    .filter(([p]) => p.startsWith('/api/'))
    .flatMap(([p, methods]) => Object.keys(methods).map((m) => [m.toUpperCase(), p] as [string, string]));
});
afterAll(() => t.close());

describe('route guard', () => {
  it('finds the documented routes', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes).toContainEqual(['GET', '/api/email-accounts/{id}']);
  });

  it('answers 401 to every non-public /api route called without a token, or with a bad one', async () => {
    const open: string[] = [];
    for (const [method, pattern] of routes) {
      if (PUBLIC.has(`${method} ${pattern}`)) continue;
      const url = pattern.replace(/\{[^}]+\}/g, randomUUID());
      for (const headers of [{}, { authorization: 'Bearer not-a-token' }, { authorization: 'Basic YTpi' }]) {
        const res = await t.app.inject({ method: method as 'GET', url, headers, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
        if (res.statusCode !== 401 || res.json().error?.code !== 'unauthorized') open.push(`${method} ${url} → ${res.statusCode}`);
      }
    }
    expect(open).toEqual([]);
  });
});
