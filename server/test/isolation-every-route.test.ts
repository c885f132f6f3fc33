/**
 * Tenant isolation from the route table: every route Fastify registered that takes ids in its path
 * (listed from its router, so a route added later is covered with no edit here) is called by Acme's
 * admin and by Acme's member with Globex's ids — its mailbox, record, signature, filing, message,
 * users — and, where it takes a body, with valid-shaped bodies whose ids are Globex's too. Never a
 * success, never a 5xx, nothing of Globex's in the answer, and the database unchanged. A route that
 * reads nothing but its path (GET, HEAD, DELETE without a body) must answer 403 or 404 exactly.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CrmRecord } from '../../contract/records';
import type { Signature } from '../../contract/signatures';
import type { FilingState, RecordMessages } from '../../contract/filings';
import { createAccountAs } from './helpers';
import { admin, member, otherAdmin, t, useAppForFile } from './helpers/app-for-file';
import { databaseFingerprint } from './helpers/db-fingerprint';
import { arbitraryFor, type PickByName } from './helpers/json-schema-arbitrary';
import { listRoutes, type CatalogueRoute } from './helpers/route-catalogue';

const SEED = 20261203;
/** Words only Globex's rows hold: finding one in an answer to Acme is a leak. */
const GLOBEX_WORDS = ['Globex Secret Record', 'globex-secret.test', 'Globex secret subject', 'Globex signature text', 'shared@globex-secret.test'];

/** The external id of Globex's record: the same id written by Acme names Acme's own record. */
const GLOBEX_EXTERNAL_ID = 'CRM-GLOBEX-1';

useAppForFile();
let routes: CatalogueRoute[] = [];
/** Globex's ids by the path segment a parameter follows (`/api/records/:id` → records). */
let idsBySegment: Record<string, string[]> = {};
let allIds: string[] = [];

beforeAll(async () => {
  const account = await createAccountAs(t, otherAdmin, { address: 'shared@globex-secret.test' });
  const post = <T>(url: string, payload: Record<string, unknown>) => t.request(otherAdmin, { method: 'POST', url, payload }).then((r) => {
    expect(r.statusCode, `${url}: ${r.body}`).toBeLessThan(300);
    return r.json() as T;
  });
  const upsert = await t.request(otherAdmin, {
    method: 'PUT',
    url: `/api/records/by-external-id/${GLOBEX_EXTERNAL_ID}`,
    payload: { kind: 'company', name: 'Globex Secret Record', domains: ['globex-secret.test'] },
  });
  expect(upsert.statusCode, upsert.body).toBe(201);
  const record = upsert.json() as CrmRecord;
  const signature = await post<Signature>(`/api/email-accounts/${account.id}/signatures`, { name: 'G', html: '<p>Globex signature text</p>' });
  const filed = await post<FilingState>('/api/filings', {
    accountId: account.id,
    message: {
      messageId: '<isolation@globex-secret.test>', threadId: 't', subject: 'Globex secret subject', from: { name: 'G', address: 'g@globex-secret.test' },
      to: [], cc: [], date: '2026-01-01T00:00:00Z', snippet: 'Globex secret subject', bodyHtml: '<p>Globex secret subject</p>', bodyText: 'Globex secret subject', attachments: [],
    },
    recordIds: [record.id],
  });
  const messages = (await t.request(otherAdmin, { method: 'GET', url: `/api/records/${record.id}/messages` })).json() as RecordMessages;
  const users = [t.seed.otherAdmin.id, t.seed.otherMember.id];
  const messageIds = messages.items.map((m) => m.id);
  idsBySegment = {
    'email-accounts': [account.id],
    accounts: [account.id],
    records: [record.id],
    signatures: [signature.id],
    filings: filed.filings.map((f) => f.id),
    inbox: messageIds,
    messages: messageIds,
    users: users,
    access: users,
    'by-external-id': [GLOBEX_EXTERNAL_ID],
  };
  allIds = [...new Set(Object.values(idsBySegment).flat())];
  routes = (await listRoutes(t.app)).filter((r) => r.params.length > 0 && r.method !== 'OPTIONS' && r.url.startsWith('/api/'));
});

const segmentBefore = (url: string, name: string) => /\/([^/]+)\/:\w+$/.exec(url.slice(0, url.indexOf(`:${name}`) + name.length + 1))?.[1] ?? '';

/** Globex's ids wherever a body property's name says it holds one. */
const pick: PickByName = (name) => {
  if (/Ids$/.test(name)) return fc.array(fc.constantFrom(...allIds), { minLength: 1, maxLength: 2 });
  if (/(^id|Id)$/.test(name) && name !== 'messageId') return fc.constantFrom(...allIds);
  return undefined;
};

/** Ids a parameter or query property of this name holds: Globex's of that kind, else all of them. */
const globexIds = (url: string, name: string) => idsBySegment[segmentBefore(url, name)] ?? (name === 'accountId' ? idsBySegment['email-accounts']! : allIds);

function urlsFor(route: CatalogueRoute, index: number): string[] {
  // Every combination would be large for nested routes: each parameter takes each of its ids in turn.
  const choices = route.params.map((p) => globexIds(route.url, p));
  const longest = Math.max(...choices.map((c) => c.length));
  // Required query properties: Globex's ids where the name says id, else a valid sample.
  const required = Object.entries(route.doc?.query ?? {}).filter(([, schema]) => schema['x-required'] === true);
  const query = required
    .map(([name, schema]) => {
      const value = /Id$/.test(name) ? globexIds('', name)[0]! : String(fc.sample(arbitraryFor(schema, pick), { numRuns: 1, seed: SEED + index })[0]);
      return `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
    })
    .join('&');
  return Array.from({ length: longest }, (_, i) => {
    const path = route.url.replace(/:(\w+)/g, (_m, name: string) => {
      const options = choices[route.params.indexOf(name)]!;
      return encodeURIComponent(options[i % options.length]!);
    });
    return query ? `${path}?${query}` : path;
  });
}

/** A route keyed by a name the caller's organisation gives (an external id), not by a row's id. */
const namesItsOwnRow = (route: CatalogueRoute) => route.params.every((p) => p === 'externalId');

describe('every route with ids in its path, called by another organisation', () => {
  it('finds the routes that take ids (records, accounts, signatures, filings, inbox, users)', () => {
    expect(routes.length).toBeGreaterThan(20);
    for (const url of ['/api/records/:id', '/api/email-accounts/:id', '/api/signatures/:id', '/api/users/:id', '/api/email-accounts/:id/inbox/:messageId/assign']) {
      expect(routes.map((r) => r.url)).toContain(url);
    }
  });

  it.each([
    ['admin', () => admin],
    ['member', () => member],
  ])('as Acme’s %s: refused, nothing of Globex’s answered, nothing changed', async (_who, token) => {
    const problems: string[] = [];
    // Bodies filed while setting up are sanitized in the background once requests pause: that
    // write is the set-up's, not the first route's.
    await t.app.pendingBodies.idle();
    let before = await databaseFingerprint(t.db);
    for (const [index, route] of routes.entries()) {
      const bodies: (string | undefined)[] = [undefined];
      if (route.doc?.body && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method)) {
        bodies.push(...fc.sample(arbitraryFor(route.doc.body, pick), { numRuns: 4, seed: SEED + index }).map((b) => JSON.stringify(b)));
      }
      if (namesItsOwnRow(route)) continue;
      for (const url of urlsFor(route, index)) {
        for (const body of bodies) {
          const res = await t.request(token(), {
            method: route.method as 'GET',
            url,
            ...(body !== undefined && { payload: body, headers: { 'content-type': 'application/json' } }),
          });
          const after = await databaseFingerprint(t.db);
          const where = `${route.method} ${url} ${body?.slice(0, 160) ?? ''} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          if (res.statusCode < 400 || res.statusCode >= 500) problems.push(`not refused: ${where}`);
          const readsOnlyItsPath = route.doc?.body == null || body === undefined;
          if (readsOnlyItsPath && ['GET', 'HEAD', 'DELETE'].includes(route.method) && ![403, 404].includes(res.statusCode)) problems.push(`not 403/404: ${where}`);
          const leaked = GLOBEX_WORDS.filter((w) => res.body.toLowerCase().includes(w.toLowerCase()));
          if (leaked.length > 0) problems.push(`answered Globex's ${leaked.join(', ')}: ${where}`);
          if (after !== before) problems.push(`changed the database: ${where}`);
          before = after;
        }
      }
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('an external id Globex uses names Acme’s own record when Acme writes it: Globex’s stays as it was', async () => {
    const read = () => t.request(otherAdmin, { method: 'GET', url: `/api/records/${idsBySegment.records![0]}` }).then((r) => r.body);
    const globexBefore = await read();
    for (const route of routes.filter(namesItsOwnRow)) {
      const res = await t.request(admin, { method: route.method as 'PUT', url: route.url.replace(':externalId', GLOBEX_EXTERNAL_ID), payload: { kind: 'contact', name: 'Acme Own Row' } });
      expect(res.statusCode, res.body).toBeLessThan(300);
      expect(res.body).not.toContain('Globex');
      expect((res.json() as CrmRecord).id).not.toBe(idsBySegment.records![0]);
    }
    expect(await read()).toBe(globexBefore);
  });
});
