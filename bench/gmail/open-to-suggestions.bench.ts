/**
 * Gmail's "message open → suggestions" benchmark (method, measures, knobs: open-run.ts): the dated
 * fixtures at https://mail.google.com (open-world.ts), "Show original" answered from its fixture
 * with each variant's Message-ID. Gmail switches views by a hash change, its view host refilled.
 * Run: `npm run bench -- gmail/open-to-suggestions` (or `npx tsx bench/gmail/open-to-suggestions.bench.ts`).
 */
import { viewHost } from '../../webmail/gmail/selectors';
import { runOpenToSuggestions } from './open-run';
import { inboxHtml, inboxUrl, routeGmail, variant } from './open-world';

await runOpenToSuggestions({
  name: 'gmail',
  title: 'Gmail',
  inbox: { html: inboxHtml, url: inboxUrl, address: '#inbox' },
  viewHost: viewHost.css[0]!,
  viewSwitch: 'hash change',
  // The address in the Gmail fixtures' GLOBALS.
  mailbox: 'sales@acme.example',
  variant,
  services: '"Show original"',
  route: (context) => routeGmail(context, () => inboxHtml),
});
