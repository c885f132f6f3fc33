/**
 * The world of the open-to-suggestions benchmarks (open-run.ts): Gmail's pages (the inbox, and
 * conversation variants with ids and participants of their own, so no cache answers for an earlier
 * run), and the API seeded with a webmail's mailbox, the records each variant must be suggested,
 * and filler.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from '@playwright/test';
import { apiRequest, DEMO_ADMIN, DEMO_PASSWORD, spawnApi, type ApiServer } from '../../tests/e2e/api-server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string) => readFileSync(path.join(root, 'tests/fixtures/gmail', name), 'utf8');

// ---------------------------------------------------------------------------------------------
// The pages. No dated fixture of the bare inbox: the compose-new fixture (an inbox list) without
// its compose dialog (page-load.bench.ts loads the same).
const composeNew = fixture('2026-12-02-compose-new.html');
export const inboxHtml = composeNew.replace(/<div class="dw">[\s\S]*?(?=<\/body>)/, '');
if (inboxHtml === composeNew || inboxHtml.includes('role="dialog"')) throw new Error('could not derive the inbox page from 2026-12-02-compose-new.html');
export const inboxUrl = 'https://mail.google.com/mail/u/0/#inbox';
const conversationHtml = fixture('2026-11-27-conversation.html');
export const showOriginal = fixture('2026-11-27-show-original.html');
/** The message whose "Show original" the fixture is; the others get an id derived from theirs (as filing.fixtures.ts). */
export const fixtureMessage = '1849939442718824961';
export const fixtureLocalPart = 'CAHx9=Qk7pZ+r2Lm_w4';
/** The three messages of the open conversation (the hidden older view keeps its ids). */
const fixtureMessages = ['1849939442718824961', '1849943502861642564', '1849970317472075389'];

/**
 * Gmail at its real address: `page()` for the page (and a fetch of it, where the page core reads
 * GLOBALS when it must), "Show original" with the asked message's Message-ID (so no request hangs
 * and each variant has its own), 204 for the rest (images).
 */
export async function routeGmail(context: BrowserContext, page: () => string): Promise<void> {
  await context.route('https://mail.google.com/**', (route) => {
    const u = new URL(route.request().url());
    if (u.searchParams.get('view') === 'om') {
      const decimal = (u.searchParams.get('permmsgid') ?? '').replace('msg-f:', '');
      const body = decimal === fixtureMessage ? showOriginal : showOriginal.replaceAll(fixtureLocalPart, `bench-${decimal}`);
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body });
    }
    if (u.pathname.startsWith('/mail/') && (route.request().resourceType() === 'document' || u.search === '')) {
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: page() });
    }
    return route.fulfill({ status: 204 });
  });
}

export interface Variant {
  n: number;
  html: string;
  /** Where the webmail goes to show it: a '#…' hash (Gmail) or a path (Outlook). */
  address: string;
  /** The participants' domain, which the run's records carry. */
  domain: string;
}

/** Conversation n: its own message and thread ids, and participants at client-corp-vNNN.example. */
export function variant(n: number): Variant {
  const tag = String(n).padStart(3, '0');
  const domain = `client-corp-v${tag}.example`;
  let html = conversationHtml.replaceAll('client-corp.example', domain);
  for (const decimal of fixtureMessages) {
    const renamed = BigInt(decimal) + BigInt(n) * 1000n;
    html = html
      .replaceAll(decimal, renamed.toString())
      .replaceAll(BigInt(decimal).toString(16), renamed.toString(16));
  }
  return { n, html, address: `#inbox/FMfcgzQcqQmKvNwzLRkTcRrKDkZp${tag}`, domain };
}

// ---------------------------------------------------------------------------------------------
// The API: the e2e tests' starter (demo seed), the shared mailbox and the records.
export interface World {
  server: ApiServer;
  dataDir: string;
  /** The contact record each variant's suggestions must list. */
  expected: Map<number, string>;
  /**
   * The floor: the API's own answer to a variant's suggestion query (GET /api/records/suggest with its
   * participants), timed from Node, no browser or extension; ms, and whether the run's record is in it.
   */
  suggestFloor(n: number): Promise<{ ms: number; listed: boolean }>;
}

/** `mailbox`: the address the webmail's pages are signed in as (the filing account, the admin's default). */
export async function startWorld(variants: number, fillerRecords: number, variant: (n: number) => Variant, mailbox: string): Promise<World> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mailroom-bench-open-'));
  const server = await spawnApi(dataDir);
  const call = <T>(method: string, route: string, body?: unknown, token?: string) => apiRequest<T>(server.url, method, route, body, token);
  const login = await call<{ token: string; user: { id: string } }>('POST', '/api/auth/login', { email: DEMO_ADMIN, password: DEMO_PASSWORD });
  const token = login.token;
  const account = await call<{ id: string }>('POST', '/api/email-accounts', {
    address: mailbox,
    displayName: 'Acme Sales',
    incoming: { protocol: 'imap', host: '127.0.0.1', port: 1143, security: 'none', username: 'x', password: 'y' },
  }, token);
  await call('PUT', `/api/email-accounts/${account.id}/access/${login.user.id}`, { isDefault: true }, token);
  const expected = new Map<number, string>();
  const batch = async <T>(items: T[], each: (item: T) => Promise<unknown>) => {
    for (let i = 0; i < items.length; i += 25) await Promise.all(items.slice(i, i + 25).map(each));
  };
  await batch(Array.from({ length: variants }, (_, n) => n), async (n) => {
    const v = variant(n);
    const tag = String(n).padStart(3, '0');
    const company = await call<{ id: string }>('POST', '/api/records', { kind: 'company', name: `Client Corp #${tag}`, domains: [v.domain] }, token);
    const claire = await call<{ id: string }>('POST', '/api/records', {
      kind: 'contact',
      name: `Claire Martin #${tag}`,
      emails: [`claire.martin@${v.domain}`],
      companyId: company.id,
    }, token);
    expected.set(n, claire.id);
  });
  // Others in the table, so the suggestion query is not trivially small (as filing-open.bench.ts).
  await batch(Array.from({ length: fillerRecords }, (_, i) => i), (i) =>
    call('POST', '/api/records', i % 3
      ? { kind: 'contact', name: `Filler ${i}`, emails: [`person${i}@filler${i % 50}.example`] }
      : { kind: 'company', name: `Filler ${i}`, domains: [`filler${i}.example`] }, token),
  );
  const suggestFloor = async (n: number) => {
    const { domain } = variant(n);
    const query = new URLSearchParams([['email', `claire.martin@${domain}`], ['email', `bob.durand@${domain}`]]);
    const t0 = performance.now();
    const r = await call<{ items: { record: { id: string } }[] }>('GET', `/api/records/suggest?${query}`, undefined, token);
    const ms = performance.now() - t0;
    return { ms, listed: r.items.some((i) => i.record.id === expected.get(n)) };
  };
  return { server, dataDir, expected, suggestFloor };
}
