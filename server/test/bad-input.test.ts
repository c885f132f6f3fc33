/**
 * Property test: requests derived from valid ones by one random mutation (a field replaced by a
 * value of the wrong type, a huge string, odd Unicode, markup; a field removed; an unknown field
 * added) are answered with a 2xx or a 4xx carrying a message — never a 500. Seeded, so a failure
 * reproduces; the seed and the mutated request are in the failure message.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CrmRecord } from '../../contract/records';
import type { Signature } from '../../contract/signatures';
import { fuzzAccount } from './helpers';
import { admin, member, t, useAppForFile } from './helpers/app-for-file';
import { mutate, rng, type MutationRules } from './helpers/mutation';

const weirdValues: unknown[] = [
  null, true, 0, -1, 1e308, Number.MAX_SAFE_INTEGER, '', ' ', 'x'.repeat(100_000), '\u0000', '\ud800', '🙂'.repeat(300),
  '<script>alert(1)</script>', '{{user.nickname}}', '%', '_', '\\', "'; drop table messages; --", [], [null], {}, { a: { b: {} } },
  'fp:' + 'f'.repeat(64), '<>', '2024-13-45T99:99:99Z', 'javascript:alert(1)', '../../etc/passwd', 'ﬁ', 'İ',
];

const rules: MutationRules = {
  values: weirdValues,
  wholeBody: 0,
  remove: 0.15,
  add: 0.3,
  extraField: (random) => `unexpected_${Math.floor(random() * 100)}`,
  keepArrays: true,
};

useAppForFile();
let accountId: string;
let recordId: string;
let signatureId: string;
beforeAll(async () => {
  accountId = await fuzzAccount(t, admin);
  recordId = ((await t.request(admin, { method: 'POST', url: '/api/records', payload: { kind: 'company', name: 'Fuzz', domains: ['fuzz.test'] } })).json() as CrmRecord).id;
  signatureId = ((await t.request(admin, { method: 'POST', url: `/api/email-accounts/${accountId}/signatures`, payload: { name: 'S', html: '<p>{{user.fullName}}</p>' } })).json() as Signature).id;
});

const validBodies = () => ({
  'POST /api/filings': {
    accountId,
    message: {
      messageId: '<fuzz@x.test>', threadId: 't', subject: 'Hi', from: { name: 'A', address: 'a@fuzz.test' },
      to: [{ name: 'B', address: 'b@x.test' }], cc: [], date: '2024-01-01T00:00:00Z', snippet: 's',
      bodyHtml: '<p>hi</p>', bodyText: 'hi', attachments: [{ name: 'a.pdf', size: 1, contentType: 'application/pdf' }],
    },
    recordIds: [recordId],
  },
  'POST /api/records': { kind: 'contact', name: 'N', emails: ['n@x.test'], phone: '1', companyId: recordId, domains: [] },
  [`PATCH /api/records/${recordId}`]: { name: 'Fuzz', emails: ['f@fuzz.test'], phone: null, domains: ['fuzz.test'] },
  [`POST /api/email-accounts/${accountId}/signatures`]: { name: 'N', html: '<p>{{user.email}}</p>' },
  [`PATCH /api/signatures/${signatureId}`]: { name: 'S', html: '<a href="tel:{{user.phone}}">x</a>' },
  'POST /api/signatures/preview': { accountId, html: '<p>{{user.mobile}}</p>', asUserId: t.seed.member.id },
});

describe('NUL characters', () => {
  it('are dropped from stored text (PostgreSQL cannot hold them), not a 500', async () => {
    const res = await t.request(member, { method: 'POST', url: '/api/records', payload: { kind: 'client', name: 'Nul\u0000Name' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('NulName');
    const search = await t.request(member, { method: 'GET', url: '/api/records?q=nul%00name' });
    expect(search.json().items.map((r: CrmRecord) => r.name)).toEqual(['NulName']);
  });
});

describe('mutated request bodies never cause a 500', () => {
  const cases = 60;
  it.each(Object.keys({ 'POST /api/filings': 0, 'POST /api/records': 0, 'PATCH /api/records': 0, 'POST signatures': 0, 'PATCH /api/signatures': 0, 'POST /api/signatures/preview': 0 }).map((name, i) => [name, i]))(
    '%s',
    async (_name, index) => {
      const [route, valid] = Object.entries(validBodies())[index]!;
      const [method, url] = route.split(' ') as ['POST' | 'PATCH', string];
      for (let seed = 1; seed <= cases; seed++) {
        const random = rng(seed * 7919 + index);
        const payload = mutate(valid, random, rules);
        const token = random() < 0.5 ? admin : member;
        const res = await t.request(token, { method, url, payload: payload as object });
        const context = `seed ${seed}: ${method} ${url} ${JSON.stringify(payload).slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, context).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.json().error.message, context).toBeTruthy();
      }
    },
    // 60 requests each: allow for a busy machine (no timing is asserted).
    120_000,
  );

  it.each([
    '/api/records?q=%00', '/api/records?q=%25%25%25', '/api/records?limit=1e3', '/api/records?offset=NaN', '/api/records?kind[]=client',
    '/api/records/suggest?email=%00', '/api/records/suggest?email[]=a', '/api/filings?messageId=%3C%3E', '/api/filings?messageId[]=x',
    '/api/filings?messageId=' + encodeURIComponent('<' + 'a'.repeat(990) + '@x>'), '/api/records/%2e%2e/messages', `/api/records/${'x'.repeat(100)}`,
    '/api/signatures/%00/rendered',
  ])('GET %s answers below 500', async (url) => {
    const res = await t.request(member, { method: 'GET', url });
    expect(res.statusCode, res.body).toBeLessThan(500);
  });
});
