/**
 * Outlook's page-load benchmark, the same method as Gmail's (bench/gmail/page-load-run.ts: knobs,
 * checks, results file): our dated reading and compose fixtures at https://outlook.office.com,
 * English and French UI, answered as the e2e tests do (tests/e2e/outlook.fixtures.ts: the page for
 * every /mail/ address, `service.svc` GetItem with each item's Message-ID, nothing else leaves).
 * Run: `npm run bench -- outlook/page-load` (or `npx tsx bench/outlook/page-load.bench.ts`).
 */
import { outlookConversationUrl, outlookOrigin, outlookPage, outlookPopoutPage, outlookPopoutUrl, routeOutlook } from '../../tests/e2e/outlook.fixtures';
import { outlookPage as composePage } from '../../tests/e2e/outlook-compose.pages';
import { runPageLoad } from '../gmail/page-load-run';

await runPageLoad({
  name: 'outlook',
  title: 'Outlook',
  origin: outlookOrigin,
  pages: [
    { label: 'conversation (3 messages), English UI', html: outlookPage('en'), url: outlookConversationUrl },
    { label: 'conversation (3 messages), French UI', html: outlookPage('fr'), url: outlookConversationUrl },
    { label: 'pop-out read window', html: outlookPopoutPage(), url: outlookPopoutUrl },
    { label: 'new compose in the reading pane', html: composePage('compose-new-reading-pane.en'), url: `${outlookOrigin}/mail/inbox` },
    { label: 'conversation + inline reply open', html: composePage('compose-reply-inline.en'), url: outlookConversationUrl },
  ],
  route: async (context, html) => {
    await routeOutlook(context, 'en', html);
  },
});
