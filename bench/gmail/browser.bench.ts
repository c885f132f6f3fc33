/**
 * The same two measures as conversation-parse.bench.ts and signature.bench.ts, in a real
 * Chromium (what users run) instead of jsdom: the dated fixtures are served at their Gmail
 * address and our modules are bundled into the page. Skipped, with a note, when no Chromium is
 * found (CHROMIUM_PATH, /usr/bin/chromium, or Playwright's own).
 * Run: `npx tsx bench/gmail/browser.bench.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// esbuild comes with tsx (which runs the benchmarks); used only to bundle for the page.
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { environment, summary } from './stats';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const fixture = (name: string) => readFileSync(path.join(root, 'tests/fixtures/gmail', name), 'utf8');

const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
if (!executablePath && !existsSync(chromium.executablePath())) {
  console.log('no Chromium found: browser figures skipped (set CHROMIUM_PATH)');
  process.exit(0);
}

const bundle = await build({
  stdin: {
    contents: `
      import { parseConversation } from './webmail/gmail/conversation';
      import { findComposes } from './webmail/gmail/compose-detect';
      import { setSignature } from './webmail/gmail/signature';
      window.__mailroomBench = { parseConversation, findComposes, setSignature };`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  format: 'iife',
  write: false,
  alias: { '@': root },
});
const script = bundle.outputFiles[0]!.text;

console.log(`${environment().replace('jsdom', 'Chromium')}`);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  let body = '';
  await page.route('https://mail.google.com/**', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body }));
  const open = async (name: string, n: number) => {
    body = fixture(name);
    await page.goto(`https://mail.google.com/mail/u/0/?bench=${n}#inbox`);
    // tsx compiles the evaluate callbacks below with esbuild's keepNames, which calls a `__name`
    // helper that exists only in Node: give the page a no-op one.
    await page.addScriptTag({ content: 'window.__name = (f) => f;' });
    await page.addScriptTag({ content: script });
  };

  await open('2026-11-27-conversation.html', 1);
  const parse = await page.evaluate(() => {
    const b = (window as unknown as { __mailroomBench: { parseConversation: (d: Document) => unknown } }).__mailroomBench;
    const t0 = performance.now();
    b.parseConversation(document);
    const cold = performance.now() - t0;
    const warm: number[] = [];
    for (let i = 0; i < 300; i++) {
      const s = performance.now();
      b.parseConversation(document);
      warm.push(performance.now() - s);
    }
    // Grow to a 30-message thread (clones with their own ids), as in the jsdom bench.
    const list = document.querySelectorAll('[role="list"]')[1]!;
    const items = Array.from(list.children);
    for (let i = items.length; i < 30; i++) {
      const clone = items[i % items.length]!.cloneNode(true) as Element;
      clone.querySelector('[data-message-id]')!.setAttribute('data-message-id', `#msg-f:${1849939442718824961n + BigInt(i * 1000)}`);
      clone.querySelector('[data-message-id]')!.removeAttribute('data-legacy-message-id');
      list.append(clone);
    }
    const long: number[] = [];
    for (let i = 0; i < 100; i++) {
      const s = performance.now();
      b.parseConversation(document);
      long.push(performance.now() - s);
    }
    return { cold, warm, long };
  });
  console.log(summary('first parse on the page (cold), 3 messages', [parse.cold], 5));
  console.log(summary('parse, 3 messages', parse.warm, 5));
  console.log(summary('parse, 30 messages', parse.long, 5));

  await open('2026-11-27-compose-reply.html', 2);
  const sig = await page.evaluate(() => {
    type Bench = {
      findComposes: (d: Document) => { body: HTMLElement }[];
      setSignature: (b: HTMLElement, k: string, s: { id: string; html: string } | null, w: Window) => boolean;
    };
    const b = (window as unknown as { __mailroomBench: Bench }).__mailroomBench;
    const body = b.findComposes(document)[0]!.body;
    let inner = body.querySelector('blockquote.gmail_quote')!;
    for (let i = 0; i < 20; i++) {
      inner.insertAdjacentHTML('beforeend', `<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Nov ${i + 1}, 2026 at 9:00 AM Someone wrote:<br></div><blockquote class="gmail_quote">${'<div>Earlier message text with some length to it.</div>'.repeat(12)}</blockquote></div>`);
      inner = inner.querySelector('blockquote.gmail_quote:last-of-type') ?? inner;
    }
    const sigHtml = (id: string) => `<table cellpadding="0" cellspacing="0" style="font-family:Arial;font-size:13px"><tr><td><img src="https://cdn.acme.example/${id}.png" width="64" height="64" alt=""></td><td><b>Ana Silva</b> — Sales, Acme<br><a href="mailto:sales@acme.example">sales@acme.example</a> · +33 1 00 00 00 00<br><span style="font-size:11px;color:#888">This e-mail and any attachments are confidential.</span></td></tr></table>`;
    const time = (fn: () => void) => {
      const s = performance.now();
      fn();
      return performance.now() - s;
    };
    const first = time(() => b.setSignature(body, 'reply', { id: 'a', html: sigHtml('a') }, window));
    const swaps: number[] = [];
    for (let i = 0; i < 300; i++) swaps.push(time(() => b.setSignature(body, 'reply', { id: i % 2 ? 'a' : 'b', html: sigHtml(i % 2 ? 'a' : 'b') }, window)));
    const inserts: number[] = [];
    for (let i = 0; i < 150; i++) {
      b.setSignature(body, 'reply', null, window);
      inserts.push(time(() => b.setSignature(body, 'reply', { id: 'a', html: sigHtml('a') }, window)));
    }
    return { first, swaps, inserts };
  });
  console.log(summary('first insert (reply, above a 20-message quote)', [sig.first], 16));
  console.log(summary('swap A↔B in place', sig.swaps, 16));
  console.log(summary('insert above the quote (warm)', sig.inserts, 16));
} finally {
  await browser.close();
}
