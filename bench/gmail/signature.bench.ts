/**
 * Signature insert / swap / remove time in a realistic Gmail compose (target: ≤ 16 ms,
 * one frame). Uses the dated inline-reply fixture with its quoted block grown to a 20-message
 * quoted history, and a ≈ 1.5 kB table signature, in jsdom (upper bounds for a browser).
 * Run: `npx tsx bench/gmail/signature.bench.ts`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { findComposes } from '../../webmail/gmail/compose-detect';
import { removeNativeSignature, setSignature } from '../../webmail/gmail/signature';
import { environment, measure, summary } from './stats';

console.log(environment());

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '../../tests/fixtures/gmail');
const load = (name: string) => {
  const dom = new JSDOM(readFileSync(path.join(fixtures, name), 'utf8'), { url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQ', pretendToBeVisual: true });
  return dom.window as unknown as Window & typeof globalThis;
};

const signature = (id: string) => ({
  id,
  html: `<table cellpadding="0" cellspacing="0" style="font-family:Arial;font-size:13px;color:#333">
<tr><td style="padding-right:12px"><img src="https://cdn.acme.example/logo-${id}.png" width="64" height="64" alt="Acme"></td>
<td><b>Ana Silva</b> — Sales, Acme<br><a href="mailto:sales@acme.example">sales@acme.example</a> · <a href="tel:+33100000000">+33 1 00 00 00 00</a><br>
<a href="https://acme.example">acme.example</a> · 12 rue de la République, 69002 Lyon<br>
<span style="font-size:11px;color:#888">This e-mail and any attachments are confidential. If you received it by mistake, tell the sender and delete it.</span></td></tr></table>`,
});

const win = load('2026-11-27-compose-reply.html');
const [parts] = findComposes(win.document);
if (!parts) throw new Error('fixture has no compose');
const body = parts.body;
// Grow the quote into a realistic 20-message history (nested gmail_quote blocks).
const quote = body.querySelector('blockquote.gmail_quote')!;
let inner = quote;
for (let i = 0; i < 20; i++) {
  inner.insertAdjacentHTML('beforeend', `<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Nov ${i + 1}, 2026 at 9:00 AM Someone &lt;someone${i}@client-corp.example&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex"><div dir="ltr">${'Earlier message text with some length to it. '.repeat(12)}</div></blockquote></div>`);
  inner = inner.querySelector('blockquote.gmail_quote:last-of-type') ?? inner;
}
console.log(`compose body: ${(body.innerHTML.length / 1024).toFixed(1)} kB HTML, ${body.getElementsByTagName('*').length} elements`);

const ids = ['sig-a', 'sig-b'];
console.log(summary('first insert (reply, above the quote)', measure(1, () => setSignature(body, 'reply', signature('sig-a'), win)), 16));
console.log(summary('swap A↔B in place', measure(300, (i) => setSignature(body, 'reply', signature(ids[i % 2]!), win)), 16));
const inserts: number[] = [];
for (let i = 0; i < 150; i++) {
  setSignature(body, 'reply', null, win);
  inserts.push(...measure(1, () => setSignature(body, 'reply', signature('sig-a'), win)));
}
console.log(summary('insert above the quote (warm, signature absent)', inserts, 16));
const removals: number[] = [];
for (let i = 0; i < 150; i++) {
  setSignature(body, 'reply', signature('sig-a'), win);
  removals.push(...measure(1, () => setSignature(body, 'reply', null, win)));
}
console.log(summary('remove (signature present)', removals, 16));

const sigWin = load('2026-11-27-compose-native-signature.html');
const [sigParts] = findComposes(sigWin.document);
console.log(summary("remove Gmail's own signature + insert ours (new compose)", measure(1, () => {
  removeNativeSignature(sigParts!.body, sigWin);
  setSignature(sigParts!.body, 'new', signature('sig-a'), sigWin);
}), 16));
