/**
 * Message open → suggestions shown (target ≤ 150 ms against a local API). Runs the real
 * pieces end to end except the browser's message passing: the Gmail adapter on the dated
 * conversation fixture (jsdom), the filing store, the background's handlers with its ky API
 * client, and the API itself listening on loopback with SQLite (2 000 records, so the suggestion
 * query is not trivially small). "Show original" is answered from its fixture at once, so the
 * figures are our own cost plus the local API's.
 * Run: `npm run bench -- filing` (or `npx tsx bench/filing-open.bench.ts`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(path.join(here, '../tests/fixtures/gmail', name), 'utf8');
const dom = new JSDOM(fixture('2026-11-27-conversation.html'), {
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQ',
  pretendToBeVisual: true,
});
const win = dom.window as unknown as Window & typeof globalThis;
Object.assign(globalThis, { window: win, document: win.document, navigator: win.navigator });
for (const k of ['Node', 'Element', 'HTMLElement', 'DocumentFragment', 'Range', 'Event', 'MutationObserver', 'DOMParser'] as const) {
  Object.assign(globalThis, { [k]: (win as unknown as Record<string, unknown>)[k] });
}
Object.assign(globalThis, { browser: fakeBrowser, chrome: fakeBrowser });

// ---- the API, in process, on loopback
const { buildApp } = await import('../server/src/app');
const { createDatabase } = await import('../server/src/db/database');
const { migrateToLatest } = await import('../server/src/db/migrate');
const { createSecretBox } = await import('../server/src/accounts/secret-box');
const { loadConfig } = await import('../server/src/config');
const { createOrganisationWithAdmin } = await import('../server/src/orgs/orgs.service');

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mailroom-bench-filing-'));
const db = createDatabase({ kind: 'sqlite', file: path.join(dataDir, 'bench.sqlite') });
await migrateToLatest(db);
const password = 'bench-password-1';
await createOrganisationWithAdmin(
  db,
  { name: 'Bench', quota: 5 },
  { email: 'admin@bench.test', password, firstName: 'Ada', lastName: 'Admin' },
);
const config = { ...loadConfig({}), dataDir, logLevel: 'silent', loginRateLimit: { max: 1000, windowMs: 60_000 } };
const app = await buildApp({ config, db, secretBox: createSecretBox(randomBytes(32)), logger: false });
const serverUrl = await app.listen({ port: 0, host: '127.0.0.1' });

async function call<T>(method: string, route: string, body?: unknown, token?: string): Promise<T> {
  const r = await fetch(serverUrl + route, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${route}: ${r.status} ${await r.text()}`);
  const text = await r.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
const login = await call<{ token: string; expiresAt: string; user: { id: string } }>('POST', '/api/auth/login', { email: 'admin@bench.test', password });
const token = login.token;
const account = await call<{ id: string }>('POST', '/api/email-accounts', {
  address: 'sales@acme.example',
  displayName: 'Sales',
  incoming: { protocol: 'imap', host: '127.0.0.1', port: 1143, security: 'none', username: 'x', password: 'y' },
}, token);
await call('PUT', `/api/email-accounts/${account.id}/access/${login.user.id}`, { isDefault: true }, token);
// The fixture's participants match a contact and a company; 2 000 others fill the table.
await call('POST', '/api/records', { kind: 'company', name: 'Client Corp', domains: ['client-corp.example'] }, token);
await call('POST', '/api/records', { kind: 'contact', name: 'Claire Martin', emails: ['claire.martin@client-corp.example'] }, token);
for (let i = 0; i < 2000; i += 50) {
  await Promise.all(
    Array.from({ length: 50 }, (_, j) =>
      call('POST', '/api/records', { kind: j % 3 ? 'contact' : 'company', name: `Filler ${i + j}`, ...(j % 3 ? { emails: [`person${i + j}@filler${j}.example`] } : { domains: [`filler${i + j}.example`] }) }, token),
    ),
  );
}

// ---- the background, as in the extension (its session reads the token from storage)
const { authItem } = await import('../utils/storage');
await authItem.setValue({ token, serverUrl, expiresAt: login.expiresAt, me: null });
const { createSession } = await import('../background/session');
const { createHandlers } = await import('../background/handlers');
const { createDispatcher } = await import('../background/dispatch');
const session = createSession({ retryDelayMs: 0 });
const dispatch = createDispatcher(createHandlers(session), session.serverUrl);
fakeBrowser.runtime.sendMessage = ((env: unknown) => dispatch(env, {}) ?? Promise.resolve(undefined)) as never;

// ---- the page side
const { createPinia } = await import('pinia');
const { watch } = await import('vue');
const { useFilingStore } = await import('../stores/filing');
const { createGmailAdapter } = await import('../webmail/gmail/adapter');
const { environment, summary } = await import('./gmail/stats');

const showOriginal = fixture('2026-11-27-show-original.html');
const adapter = createGmailAdapter(win.document, win, {
  fetch: async () => new Response(showOriginal, { status: 200, headers: { 'content-type': 'text/html' } }),
});

// One store for the page's life, as in the content script: the accounts list is read once.
const store = useFilingStore(createPinia());
async function openOnce(): Promise<{ suggestions: number; all: number; count: number }> {
  const t0 = performance.now();
  let suggestionsAt = NaN;
  const stop = watch(
    () => store.suggestionsLoaded,
    (loaded) => {
      if (loaded) suggestionsAt = performance.now();
    },
    { flush: 'sync' },
  );
  const conversation = adapter.currentConversation();
  if (!conversation) throw new Error('the fixture shows no conversation');
  await store.open({ conversation, userAddress: adapter.userAddress(), resolveMessageId: (m) => adapter.resolveMessageId(m) });
  const all = performance.now() - t0;
  stop();
  if (store.error) throw new Error(store.error);
  return { suggestions: suggestionsAt - t0, all, count: store.suggestions.length };
}

for (let i = 0; i < 20; i++) await openOnce(); // warm-up: JIT, SQLite page cache, keep-alive
const toSuggestions: number[] = [];
const toEverything: number[] = [];
let shown = 0;
for (let i = 0; i < 100; i++) {
  const r = await openOnce();
  toSuggestions.push(r.suggestions);
  toEverything.push(r.all);
  shown = r.count;
}

console.log(`Message open → suggestions (real store, background handlers, local API on SQLite, 2 002 records). ${environment()}`);
console.log(summary('open → suggestions shown', toSuggestions, 150));
console.log(summary('open → everything loaded (state, queue, presence)', toEverything, 150));
console.log(`suggestions shown per open: ${shown}`);

await app.close();
await db.destroy();
rmSync(dataDir, { recursive: true, force: true });
