/**
 * Gmail's "message open → suggestions" benchmark (method, measures, knobs: open-run.ts): the dated
 * fixtures at https://mail.google.com (open-world.ts), "Show original" answered from its fixture
 * with each variant's Message-ID. Gmail switches views by a hash change, its view host refilled.
 * Run: `npm run bench -- gmail/open-to-suggestions` (or `npx tsx bench/gmail/open-to-suggestions.bench.ts`).
 */
import { viewHost } from '../../webmail/gmail/selectors';
import { runOpenToSuggestions } from './open-run';
import { fixtureLocalPart, fixtureMessage, inboxHtml, inboxUrl, showOriginal, variant } from './open-world';

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
  route: (context) =>
    context.route('https://mail.google.com/**', (route) => {
      const u = new URL(route.request().url());
      if (u.searchParams.get('view') === 'om') {
        const decimal = (u.searchParams.get('permmsgid') ?? '').replace('msg-f:', '');
        const body = decimal === fixtureMessage ? showOriginal : showOriginal.replaceAll(fixtureLocalPart, `bench-${decimal}`);
        return route.fulfill({ contentType: 'text/html; charset=utf-8', body });
      }
      if (u.pathname.startsWith('/mail/') && route.request().resourceType() === 'document') {
        return route.fulfill({ contentType: 'text/html; charset=utf-8', body: inboxHtml });
      }
      return route.fulfill({ status: 204 }); // images and the rest
    }),
});
