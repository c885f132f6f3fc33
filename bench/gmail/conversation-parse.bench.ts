/**
 * Conversation parse time at page load (target: ≤ 5 ms on the main thread). Parses the
 * dated conversation fixture (3 messages) and a long thread built from it (30 messages, half
 * collapsed) in jsdom — slower than a browser, so these figures are upper bounds.
 * Run: `npx tsx bench/gmail/conversation-parse.bench.ts`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { parseConversation } from '../../webmail/gmail/conversation';
import { environment, measure, summary } from './stats';

console.log(environment());

const here = path.dirname(fileURLToPath(import.meta.url));
const html = readFileSync(path.join(here, '../../tests/fixtures/gmail/2026-11-27-conversation.html'), 'utf8');

function page(): Document {
  return new JSDOM(html, { url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQ' }).window.document;
}

function longThread(messages: number): Document {
  const doc = page();
  // The second list: the first belongs to the stale, hidden view the fixture keeps.
  const list = doc.querySelectorAll('[role="list"]')[1]!;
  const items = Array.from(list.children);
  for (let i = items.length; i < messages; i++) {
    const clone = items[i % items.length]!.cloneNode(true) as Element;
    const msg = clone.querySelector('[data-message-id]')!;
    const id = (1849939442718824961n + BigInt(i * 1000)).toString();
    msg.setAttribute('data-message-id', `#msg-f:${id}`);
    msg.setAttribute('data-legacy-message-id', BigInt(id).toString(16));
    list.append(clone);
  }
  return doc;
}

const small = page();
const big = longThread(30);
const count = (d: Document) => parseConversation(d)?.messages.length;

// The very first parse in a fresh process: what a content script pays at page load (cold code).
const fresh = page();
const cold = measure(1, () => parseConversation(fresh));
console.log(`messages parsed: fixture ${count(small)}, long thread ${count(big)}`);
console.log(summary('first parse in the process (cold), 3 messages', cold, 5));
console.log(summary('parse, 3 messages (conversation fixture)', measure(300, () => parseConversation(small)), 5));
console.log(summary('parse, 30 messages (long thread)', measure(100, () => parseConversation(big)), 5));
