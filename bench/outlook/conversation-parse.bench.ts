/**
 * Outlook conversation parse time (target: ≤ 5 ms on the main thread, the same budget as Gmail's
 * `bench/gmail/conversation-parse.bench.ts`, measured the same way). Parses the dated reading-pane
 * fixtures (3 messages, English and French UI) and a long thread built from them (30 messages,
 * half collapsed) in jsdom — slower than a browser, so these figures are upper bounds. Floor, in
 * the same run: one `querySelectorAll` of the message blocks, the least any read costs.
 * Run: `npx tsx bench/outlook/conversation-parse.bench.ts`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { parseConversation } from '../../webmail/outlook/reading';
import { environment, measure, summary } from '../gmail/stats';

console.log(environment());

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (ui: 'en' | 'fr') => readFileSync(path.join(here, `../../tests/fixtures/outlook/reading/2026-12-03-conversation.${ui}.html`), 'utf8');
const url = 'https://outlook.office.com/mail/inbox/id/AAMkADAwATM0MDAAMS1hZDk3LTk3AAA3';

const page = (ui: 'en' | 'fr'): Document => new JSDOM(fixture(ui), { url }).window.document;

function longThread(messages: number): Document {
  const doc = page('en');
  const list = doc.querySelector('[role="list"]')!;
  const items = Array.from(list.children);
  for (let i = items.length; i < messages; i++) {
    const clone = items[i % items.length]!.cloneNode(true) as Element;
    clone.setAttribute('data-item-id', `AAMkLong${i}`);
    list.append(clone);
  }
  return doc;
}

const en = page('en');
const fr = page('fr');
const big = longThread(30);
const count = (d: Document) => parseConversation(d, '/mail/inbox')?.messages.length;

const fresh = page('en');
const cold = measure(1, () => parseConversation(fresh, '/mail/inbox'));
console.log(`messages parsed: EN ${count(en)}, FR ${count(fr)}, long thread ${count(big)}`);
console.log(summary('floor: querySelectorAll of the blocks, 30 messages', measure(100, () => big.querySelectorAll('[data-item-id]')), 5));
console.log(summary('first parse in the process (cold), 3 messages', cold, 5));
console.log(summary('parse, 3 messages (reading pane, English UI)', measure(300, () => parseConversation(en, '/mail/inbox')), 5));
console.log(summary('parse, 3 messages (reading pane, French UI)', measure(300, () => parseConversation(fr, '/mail/inbox')), 5));
console.log(summary('parse, 30 messages (long thread)', measure(100, () => parseConversation(big, '/mail/inbox')), 5));
