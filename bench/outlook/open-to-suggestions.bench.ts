/**
 * Outlook's "message open → suggestions" benchmark, measured as Gmail's (bench/gmail/open-run.ts:
 * the measures (a) cold, (b) warm, (c) side panel, knobs, results file). Our dated reading fixture
 * (tests/fixtures/outlook/reading, English UI) at https://outlook.office.com, answered as the e2e
 * tests do (tests/e2e/outlook.fixtures.ts: the page for every /mail/ address, `service.svc` GetItem
 * with each item's Message-ID). Outlook opens a conversation by pushing a history entry and
 * refilling its reading pane (the view host) in place: the probe does the same. The inbox is the
 * conversation page with its reading pane empty (no dated fixture of it). Each variant has item ids
 * and participants of its own, so no cache answers for an earlier run.
 * Run: `npm run bench -- outlook/open-to-suggestions` (or `npx tsx bench/outlook/open-to-suggestions.bench.ts`).
 */
import { outlookOrigin, outlookPage, routeOutlook } from '../../tests/e2e/outlook.fixtures';
import { readViewHost } from '../../webmail/outlook/selectors';
import { runOpenToSuggestions } from '../gmail/open-run';
import type { Variant } from '../gmail/open-world';

const conversation = outlookPage('en');
const host = '<div data-app-section="MailReadCompose">';
const hostAt = conversation.indexOf(host);
const listEnd = conversation.indexOf('</body>');
if (hostAt < 0 || listEnd < 0) throw new Error('no reading pane in 2026-12-03-conversation.en.html');
/** The message list with the reading pane empty: the view host kept, nothing open. */
const inboxHtml = `${conversation.slice(0, hostAt)}${host}</div>\n</div>\n${conversation.slice(listEnd)}`;
/** The fixture's item ids end in AAA1..AAA3; the routed service derives a Message-ID from an id's last 4 characters. */
const itemPrefix = 'AAMkADAwATM0MDAAMS1hZDk3LTk3AAA';

/** Conversation n: item ids ending in <n, 3 digits><1..3>, participants at client-corp-oNNN.example. */
function variant(n: number): Variant {
  const tag = String(n).padStart(3, '0');
  const domain = `client-corp-o${tag}.example`;
  const html = conversation.replaceAll('client-corp.example', domain).replaceAll(itemPrefix, `AAMkADAwATM0MDAAMS1hZDk3LTk3${tag}`);
  return { n, html, address: `/mail/inbox/id/AAMkADAwATM0MDAAMS1hZDk3LTk3${tag}3`, domain };
}

await runOpenToSuggestions({
  name: 'outlook',
  title: 'Outlook',
  inbox: { html: inboxHtml, url: `${outlookOrigin}/mail/inbox`, address: '/mail/inbox' },
  viewHost: readViewHost.css[0]!,
  viewSwitch: 'pushed history entry',
  // The mailbox the fixture is signed in as (its login hint).
  mailbox: 'sales@acme.example',
  variant,
  services: '`service.svc` GetItem (each item\'s Message-ID)',
  route: async (context) => {
    await routeOutlook(context, 'en', inboxHtml);
  },
});
