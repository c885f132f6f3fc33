/**
 * Gmail's page-load benchmark (method, knobs and checks: page-load-run.ts): the dated fixtures at
 * https://mail.google.com (the bare inbox derived as open-world.ts does); "Show original" (the
 * Message-ID lookup) answered, so no request hangs during the idle wait.
 * Run: `npx tsx bench/gmail/page-load.bench.ts`.
 */
import { runPageLoad } from './page-load-run';
import { inboxHtml, inboxUrl, routeGmail } from './open-world';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string) => readFileSync(path.join(root, 'tests/fixtures/gmail', name), 'utf8');
const conversationUrl = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqQmKvNwzLRkTcRrKDkZpHvxF';

await runPageLoad({
  name: 'gmail',
  title: 'Gmail',
  origin: 'https://mail.google.com',
  pages: [
    { label: 'inbox list, nothing open', html: inboxHtml, url: inboxUrl },
    { label: 'conversation (3 messages)', html: fixture('2026-11-27-conversation.html'), url: conversationUrl },
    { label: 'inbox + new compose open', html: fixture('2026-12-02-compose-new.html'), url: 'https://mail.google.com/mail/u/0/#inbox?compose=new' },
    { label: 'conversation + inline reply open', html: fixture('2026-12-02-compose-reply.html'), url: conversationUrl },
  ],
  route: (context, html) => routeGmail(context, html),
});
