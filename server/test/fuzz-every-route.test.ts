/**
 * Property test over every route Fastify registered (listed from its router, so a route added
 * later is covered with no edit here): valid-shaped input derived from the route's schema (via
 * its OpenAPI entry), boundary and hostile bodies, query strings and path parameters, signed in
 * as admin, as member, signed out or with a bad token. Never a 5xx; every 4xx in the error shape
 * with no-store; every status one the OpenAPI document declares for the route; and a refused
 * request leaves the database as it was. Fixed seed and bounded runs: a failure reproduces.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as contract from '../../contract';
import { errorCodes } from '../../contract/common';
import type { CrmRecord } from '../../contract/records';
import type { Signature } from '../../contract/signatures';
import { fuzzAccount } from './helpers';
import { admin, t, useAppForFile } from './helpers/app-for-file';
import { databaseFingerprint } from './helpers/db-fingerprint';
import { bodyText, pathParam, queryString } from './helpers/hostile-input';
import { arbitraryFor, type PickByName } from './helpers/json-schema-arbitrary';
import { listRoutes, type CatalogueRoute } from './helpers/route-catalogue';

const SEED = 20261202;
/**
 * Runs per route: fewer for sign-in (those that get past validation run scrypt, ~0.2 s each), for
 * HEAD (Fastify answers it with the GET route, fuzzed in full) and for the static /docs pages.
 */
const runsFor = (route: CatalogueRoute) => (route.url === '/api/auth/login' || route.method === 'HEAD' || route.url.startsWith('/docs') ? 8 : 24);

useAppForFile();
let routes: CatalogueRoute[] = [];
let ids: string[] = [];
/** Ids of existing rows by the path segment a parameter follows (`/api/records/:id` → records). */
let idsBySegment: Record<string, string[]> = {};
const MESSAGE_ID = '<fuzz-every-route@x.test>';
beforeAll(async () => {
  const accountId = await fuzzAccount(t, admin);
  const record = (await t.request(admin, { method: 'POST', url: '/api/records', payload: { kind: 'company', name: 'Fuzz', domains: ['fuzz.test'] } })).json() as CrmRecord;
  const signature = (await t.request(admin, { method: 'POST', url: `/api/email-accounts/${accountId}/signatures`, payload: { name: 'S', html: '<p>{{user.fullName}}</p>' } })).json() as Signature;
  const filed = await t.request(admin, {
    method: 'POST',
    url: '/api/filings',
    payload: {
      accountId,
      message: { messageId: MESSAGE_ID, threadId: 't', subject: 'Hi', from: { name: 'A', address: 'a@fuzz.test' }, to: [], cc: [], date: '2024-01-01T00:00:00Z', snippet: 's', bodyHtml: '<p>hi</p>', bodyText: 'hi', attachments: [] },
      recordIds: [record.id],
    },
  });
  const filingIds = (filed.json() as { filings: { id: string }[] }).filings.map((f) => f.id);
  const { seed } = t;
  const userIds = [seed.admin.id, seed.member.id, seed.member2.id, seed.otherAdmin.id];
  ids = [accountId, record.id, signature.id, ...filingIds, ...userIds, seed.org.id];
  idsBySegment = { 'email-accounts': [accountId], records: [record.id], signatures: [signature.id], filings: filingIds, access: userIds };
  routes = await listRoutes(t.app);
});

/** Real ids and the filed message for properties whose name says what they hold. */
const pick: PickByName = (name) => {
  if (name === 'messageId') return fc.constantFrom(MESSAGE_ID, 'fp:' + 'f'.repeat(64));
  if (/Ids$/.test(name)) return fc.array(fc.constantFrom(...ids), { maxLength: 3 });
  if (/(^id|Id)$/.test(name)) return fc.constantFrom(...ids);
  return undefined;
};

type Who = 'admin' | 'member' | 'signed out' | 'bad token';
interface FuzzRequest {
  who: Who;
  url: string;
  body: string | undefined;
  contentType: string | undefined;
  headers: Readonly<Record<string, string | undefined>>;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function requestFor(route: CatalogueRoute): fc.Arbitrary<FuzzRequest> {
  const doc = route.doc;
  const segmentBefore = (name: string) => /\/([^/]+)\/:\w+$/.exec(route.url.slice(0, route.url.indexOf(`:${name}`) + name.length + 1))?.[1] ?? '';
  const params = fc.record(Object.fromEntries(route.params.map((p) => [p, pathParam(idsBySegment[segmentBefore(p)] ?? [], ids)])));
  const required = Object.entries(doc?.query ?? {}).filter(([, s]) => s['x-required'] === true).map(([k]) => k);
  const query = queryString(arbitraryFor({ type: 'object', properties: doc?.query ?? {}, required }, pick) as fc.Arbitrary<Record<string, unknown>>);
  const validBody = doc?.body ? arbitraryFor(doc.body, pick) : null;
  const body = BODY_METHODS.has(route.method) ? fc.option(bodyText(validBody), { nil: undefined, freq: validBody ? 10 : 2 }) : fc.constant(undefined);
  const wildcard = fc.constantFrom('api/records', 'api/nothing', 'x', '%ZZ', 'static/%00');
  return fc.record({
    who: fc.constantFrom<Who>('admin', 'admin', 'admin', 'member', 'member', 'member', 'signed out', 'bad token'),
    url: fc.tuple(params, query, wildcard).map(([p, q, w]) => {
      const path = route.url.replace(/:(\w+)/g, (_m, name: string) => p[name]!).replace(/\*$/, route.url === '*' ? `/${w}` : w);
      return q ? `${path}?${q}` : path;
    }),
    body,
    contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, fc.constantFrom('text/plain', 'application/xml', undefined)),
    headers: fc.constantFrom({}, { origin: 'chrome-extension://x', 'access-control-request-method': 'POST' }),
  });
}

/** One session per role, opened again once a request found it closed (the fuzzed logout does that). */
const sessions = new Map<Who, string>();
async function tokenFor(who: Who): Promise<string | null> {
  if (who === 'signed out') return null;
  if (who === 'bad token') return 'not-a-token';
  const token = sessions.get(who) ?? (await t.login(who === 'admin' ? t.seed.admin.email : t.seed.member.email));
  sessions.set(who, token);
  return token;
}

describe('every registered route', () => {
  it('lists the routes from the router, documented ones with their schemas', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => r.doc).length).toBeGreaterThan(30);
    expect(routes.find((r) => r.method === 'PATCH' && r.url === '/api/records/:id')?.doc?.body).toBeTruthy();
    expect(routes.find((r) => r.method === 'GET' && r.url === '/api/email-accounts/:accountId/signatures')?.doc).toBeTruthy();
    expect(routes.find((r) => r.method === 'OPTIONS')).toBeTruthy();
  });

  it('never answers 5xx; refusals are in the error shape, declared, and change nothing', async () => {
    const failures: string[] = [];
    // Requests run one at a time and signing in writes only sessions (not fingerprinted), so the
    // state before a request is the state after the one before it.
    let before = await databaseFingerprint(t.db);
    for (const [index, route] of routes.entries()) {
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (req) => {
          const token = await tokenFor(req.who);
          const headers = { ...req.headers, ...(req.contentType ? { 'content-type': req.contentType } : {}) } as Record<string, string>;
          const res = await t.request(token, { method: route.method as 'GET', url: req.url, headers, payload: req.body });
          const after = await databaseFingerprint(t.db);
          const unchanged = after === before;
          before = after;
          if (res.statusCode === 401) sessions.delete(req.who);
          const where = `${route.method} ${req.url.slice(0, 200)} as ${req.who}, ${req.contentType} ${req.body?.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
          expect(res.statusCode, where).toBeLessThan(500);
          if (route.doc) expect([...route.doc.statuses], `undeclared status: ${where}`).toContain(res.statusCode);
          if (res.statusCode < 400) return;
          expect(res.headers['content-type'], where).toMatch(/^application\/json/);
          if (req.url.startsWith('/api')) expect(res.headers['cache-control'], where).toBe('no-store');
          if (route.method !== 'HEAD') {
            const parsed = res.json() as { error: { code: string; message: string } };
            expect(Object.keys(parsed), where).toEqual(['error']);
            expect(errorCodes, where).toContain(parsed.error.code);
            expect(parsed.error.message.length, where).toBeGreaterThan(0);
          }
          expect(unchanged, `a refused request changed the database: ${where}`).toBe(true);
        }),
        { seed: SEED + index, numRuns: runsFor(route), endOnFailure: true },
      ).catch((err: Error) => failures.push(`${route.method} ${route.url}: ${err.message.slice(0, 2500)}`));
    }
    expect(failures).toEqual([]);
  }, 240_000);
});

describe("the contract's zod schemas", () => {
  it('check a value nested 10,000 levels deep without recursing into a stack overflow', () => {
    const deep: unknown = JSON.parse('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000));
    const schemas = (Object.entries(contract) as [string, unknown][]).filter((e): e is [string, { safeParse: (v: unknown) => unknown }] =>
      typeof (e[1] as { safeParse?: unknown }).safeParse === 'function');
    expect(schemas.length).toBeGreaterThan(20);
    for (const [name, schema] of schemas) {
      expect(() => schema.safeParse(deep), name).not.toThrow();
      expect(() => schema.safeParse({ a: deep, name: deep, items: [deep], detail: deep }), name).not.toThrow();
    }
  });
});
