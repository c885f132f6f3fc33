/**
 * Property test for the core routes (accounts, access, my accounts, login, users, audit): requests
 * derived from valid ones by one seeded random mutation (wrong type, huge or odd string, NUL, lone
 * surrogate, field removed or added) get a 2xx or a 4xx with a message, never a 500. The seed and
 * the request are in the failure message so a failure reproduces.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { accountInput, fuzzAccount } from './helpers';
import { admin, member, t, useAppForFile } from './helpers/app-for-file';
import { mutate, rng, type MutationRules } from './helpers/mutation';

const weird: unknown[] = [
  null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, '', ' ', 'x'.repeat(100_000), '\u0000', 'a\u0000b',
  '\ud800', '🙂'.repeat(300), '<script>x</script>', '%', '_', "'; drop table users; --", [], [null], {}, { a: {} },
  '2024-13-45T99:99:99Z', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '2024-02-30T10:00:00Z', 'İ', '\r\n', 'a@b', '@', '[::1]',
  '00000000-0000-0000-0000-000000000000',
];

const rules: MutationRules = {
  values: weird,
  wholeBody: 0.05,
  remove: 0.15,
  add: 0.25,
  extraField: (random) => `extra_${Math.floor(random() * 9)}`,
  keepArrays: false,
};

useAppForFile({ quota: 1000, config: { loginRateLimit: { max: 100_000, windowMs: 60_000 } } });
let accountId: string;
beforeAll(async () => {
  accountId = await fuzzAccount(t, admin);
});

interface Template {
  label: string;
  /** Login mutations that stay valid run scrypt (~0.2 s each), so fewer of them. */
  runs: number;
  token: () => string | null;
  method: 'POST' | 'PATCH' | 'PUT';
  url: () => string;
  body: () => unknown;
}
let n = 0;
const templates: Template[] = [
  { label: 'POST /api/auth/login', runs: 40, token: () => null, method: 'POST', url: () => '/api/auth/login', body: () => ({ email: 'member@acme.test', password: 'x' }) },
  { label: 'POST /api/email-accounts', runs: 120, token: () => admin, method: 'POST', url: () => '/api/email-accounts', body: () => accountInput({ address: `f${++n}@acme.test` }) },
  {
    label: 'PATCH /api/email-accounts/:id',
    runs: 120,
    token: () => admin,
    method: 'PATCH',
    url: () => `/api/email-accounts/${accountId}`,
    body: () => ({ displayName: 'D', active: true, incoming: { ...accountInput().incoming }, outgoing: { ...accountInput().outgoing! } }),
  },
  {
    label: 'PUT /api/email-accounts/:id/access/:userId',
    runs: 120,
    token: () => admin,
    method: 'PUT',
    url: () => `/api/email-accounts/${accountId}/access/${t.seed.member2.id}`,
    body: () => ({ isDefault: true, defaultSignatureId: null, expiresAt: new Date(Date.now() + 86_400_000).toISOString() }),
  },
  { label: 'PATCH /api/me/accounts/:id', runs: 120, token: () => member, method: 'PATCH', url: () => `/api/me/accounts/${accountId}`, body: () => ({ isDefault: true, defaultSignatureId: null }) },
];

describe('mutated requests to the core routes never answer 500', () => {
  const SEED = 20261127;
  it.each(templates.map((tpl) => [tpl.label, tpl.runs, tpl] as const))(
    '%s: %i mutations',
    async (_label, runs, tpl) => {
      const random = rng(SEED + templates.indexOf(tpl));
      for (let i = 0; i < runs; i++) {
        const payload = mutate(tpl.body(), random, rules);
        const res = await t.request(tpl.token(), { method: tpl.method, url: tpl.url(), payload: payload as object });
        const info = `seed ${SEED} #${i}: ${tpl.method} ${tpl.url()} ${JSON.stringify(payload)?.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect(res.statusCode, info).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.json().error.message, info).toBeTruthy();
      }
    },
  );

  it('odd query strings and ids get 4xx, never 500', async () => {
    const urls = [
      '/api/users?q=%00', '/api/users?q[]=a', '/api/users?limit=1e3', '/api/users?limit=-1', '/api/users?q=%ED%A0%80',
      '/api/audit?limit=NaN', '/api/audit?subjectId=' + 'x'.repeat(65), '/api/audit?subjectType[]=a',
      '/api/email-accounts/%2e%2e', '/api/email-accounts/' + '%F0%9F%99%82'.repeat(10), '/api/email-accounts/%ZZ',
      `/api/email-accounts/${accountId}/access/%00`,
    ];
    for (const url of urls) {
      const res = await t.request(admin, { method: 'GET', url });
      expect(res.statusCode, `${url} → ${res.body}`).toBeLessThan(500);
    }
  });
});
