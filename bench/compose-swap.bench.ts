/**
 * How long a signature swap takes in a compose ("a swap is instant", target ≤ 16 ms,
 * one frame). Measures the store + the real Gmail adapter on the dated reply fixture in jsdom:
 * account swap and "Signature" menu choice with rendered signatures already cached (the normal
 * case after the first use in a tab), and the first swap to a signature that is not cached yet
 * with an API answer that costs nothing (so only our own work is counted).
 * Run: `npm run bench -- compose` (or `npx tsx bench/compose-swap.bench.ts`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const here = path.dirname(fileURLToPath(import.meta.url));
// A fresh inline reply as Gmail shows it before its first save (its hidden inputs read "undefined").
const fixture = readFileSync(path.join(here, '../tests/fixtures/gmail/2026-12-02-compose-reply.html'), 'utf8');
const dom = new JSDOM(fixture, { url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQ', pretendToBeVisual: true });
const win = dom.window as unknown as Window & typeof globalThis;
// The store and the sanitizer run on "the page": give them jsdom's window, as a content script has.
Object.assign(globalThis, { window: win, document: win.document, navigator: win.navigator });
for (const k of ['Node', 'Element', 'HTMLElement', 'DocumentFragment', 'Range', 'Event', 'InputEvent', 'MouseEvent', 'MutationObserver', 'DOMParser'] as const) {
  Object.assign(globalThis, { [k]: (win as unknown as Record<string, unknown>)[k] });
}

// A signature the size real ones have: a table, a logo, links, inline styles (≈ 1.5 kB).
const signatureHtml = (id: string) => `
<table cellpadding="0" cellspacing="0" style="font-family: Arial; font-size: 13px; color: #333333">
  <tr><td style="padding-right: 12px"><img src="https://cdn.acme.example/logo-${id}.png" width="64" height="64" alt="Acme"></td>
  <td><b>Ana Silva</b> — Sales, Acme<br><a href="mailto:sales@acme.example">sales@acme.example</a> · <a href="tel:+33100000000">+33 1 00 00 00 00</a><br>
  <a href="https://acme.example">acme.example</a> · 12 rue de la République, 69002 Lyon<br>
  <span style="font-size: 11px; color: #888888">${'This message and its attachments are confidential. '.repeat(6)}</span></td></tr>
</table>`;

const accounts = [
  { id: 'a-sales', address: 'sales@acme.example', isDefault: true, sig: 's-sales' },
  { id: 'a-support', address: 'support@acme.example', isDefault: false, sig: 's-support' },
].map((a) => ({
  id: a.id, address: a.address, displayName: a.address, active: true, incoming: null, outgoing: null, userCount: 1,
  processedCount: 0, lastSyncAt: null, lastSyncError: null,
    sync: { state: 'idle', lastSyncAt: null, messages: 0, progress: null, lastError: null, lastErrorCode: null, lastErrorAt: null }, createdAt: '2026-11-01T00:00:00.000Z',
  myAccess: { isDefault: a.isDefault, defaultSignatureId: a.sig, expiresAt: null },
}));
let renderCalls = 0;
const api: Record<string, (req: { id?: string; accountId?: string }) => unknown> = {
  'session.get': () => ({ status: 'signed-in', serverUrl: 'http://localhost:8787', me: { user: { id: 'u1' }, org: {} } }),
  'accounts.mine': () => accounts,
  'signatures.list': ({ accountId }) => [
    { id: accountId === 'a-sales' ? 's-sales' : 's-support', accountId, name: 'Main', html: '', position: 1 },
    { id: `${accountId}-short`, accountId, name: 'Short', html: '', position: 2 },
  ],
  'signatures.rendered': ({ id }) => {
    renderCalls++;
    return { id, html: signatureHtml(id!), warnings: [] };
  },
};
// What the background does besides the API: inject the sanitizer into "the page" on the UI's
// first need (utils/page-sanitizer.ts), keep the native-signature setting.
api['page.inject'] = async () => {
  const [{ publishSanitizer }, { sanitizeHtml }] = await Promise.all([import('../utils/page-sanitizer'), import('../utils/sanitize')]);
  publishSanitizer((html) => sanitizeHtml(html));
};
api['prefs.nativeSignature.get'] = () => 'replace';
fakeBrowser.runtime.sendMessage = (async (env: { name: string; req: never }) => ({ ok: true, res: await api[env.name]!(env.req) })) as never;
Object.assign(globalThis, { browser: fakeBrowser, chrome: fakeBrowser });

const { createPinia } = await import('pinia');
const { useComposeStore } = await import('../stores/compose');
const { createGmailAdapter } = await import('../webmail/gmail/adapter');

const store = useComposeStore(createPinia());
const adapter = createGmailAdapter(win.document, win);
const controller = new AbortController();
const handle = await new Promise<import('../webmail/types').ComposeHandle>((resolve) => adapter.onComposeOpened(resolve, controller.signal));
await store.attach(handle);
if (handle.currentSignatureId() !== 's-sales') throw new Error(`setup failed: signature ${handle.currentSignatureId()}`);

function stats(name: string, ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  console.log(`${name.padEnd(44)} n=${String(s.length).padStart(4)}  median ${q(0.5).toFixed(3)} ms  p95 ${q(0.95).toFixed(3)} ms  max ${s[s.length - 1]!.toFixed(3)} ms`);
}

async function time(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

// Warm both renderings and the JIT.
for (let i = 0; i < 200; i++) await store.chooseAccount(handle.id, i % 2 ? 'a-sales' : 'a-support');

const accountSwaps: number[] = [];
for (let i = 0; i < 400; i++) {
  const target = i % 2 ? 'a-sales' : 'a-support';
  accountSwaps.push(await time(() => store.chooseAccount(handle.id, target)));
  if (handle.currentSignatureId() !== (target === 'a-sales' ? 's-sales' : 's-support')) throw new Error('wrong signature after swap');
}

const menuChoices: number[] = [];
for (let i = 0; i < 400; i++) {
  const target = i % 3 === 2 ? null : i % 3 ? 's-support' : 's-sales';
  menuChoices.push(await time(() => store.chooseSignature(handle.id, target)));
}

const firstRender: number[] = [];
for (let i = 0; i < 100; i++) {
  const id = `cold-${i}`;
  firstRender.push(await time(() => store.chooseSignature(handle.id, id)));
}

console.log('Signature swap in a Gmail reply (jsdom, real Gmail adapter). Target: ≤ 16 ms per swap.');
stats('account swap, cached rendering', accountSwaps);
stats('"Signature" menu choice (incl. none), cached', menuChoices);
stats('first use of a signature (API cost excluded)', firstRender);
console.log(`API renderings requested: ${renderCalls} (2 accounts + 100 cold, the rest from the cache)`);
controller.abort();
