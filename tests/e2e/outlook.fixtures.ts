/**
 * Outlook on the web for the end-to-end tests, at its real address (outlook.office.com) through
 * `context.route`: our dated reading fixtures (tests/fixtures/outlook/reading, English or French
 * UI) for every page under /mail/, and Outlook's own service answering what the page's session
 * asks it — `service.svc?action=GetItem` with each item's Internet Message-ID (one per item id),
 * and `GetFileAttachment` with some bytes. Nothing leaves the machine.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const reading = (name: string) => readFileSync(path.join(root, 'tests/fixtures/outlook/reading', name), 'utf8');

export const outlookOrigin = 'https://outlook.office.com';
/** The conversation the fixtures show, as its address names it (the newest message's item id). */
export const outlookConversationUrl = `${outlookOrigin}/mail/inbox/id/AAMkADAwATM0MDAAMS1hZDk3LTk3AAA3`;
export const outlookItem = (n: 1 | 2 | 3) => `AAMkADAwATM0MDAAMS1hZDk3LTk3AAA${n}`;
/** The Internet Message-ID the routed service gives an item. */
export const outlookMessageId = (itemId: string) => `outlook-${itemId.slice(-4)}@mail.client-corp.example`;
/** What the routed GetFileAttachment answers (Quote-2026-118.pdf of message 2). */
export const outlookAttachmentBytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 3)]);

export type OutlookUi = 'en' | 'fr';

/** The reading pane on the conversation, in that UI language. */
export const outlookPage = (ui: OutlookUi): string => reading(`2026-12-03-conversation.${ui}.html`);
/** A pop-out read window (one message; its item id only in the address). */
export const outlookPopoutPage = (): string => reading('2026-12-03-popout-read.en.html');
export const outlookPopoutItem = 'AAMkADAwATM0MDAAMS2ZmE1LTQ0AAB1';
export const outlookPopoutUrl = `${outlookOrigin}/mail/deeplink/read/${encodeURIComponent(outlookPopoutItem)}?popoutv2=1`;

/** `html`: the page served under /mail/ (a function: read at each request, for callers that switch pages). */
export async function routeOutlook(
  context: BrowserContext,
  ui: OutlookUi = 'en',
  html: string | (() => string) = outlookPage(ui),
): Promise<{ getItemCalls: () => number }> {
  const answer = reading('2026-12-03-getitem-response.json');
  let getItemCalls = 0;
  await context.route(`${outlookOrigin}/**`, async (route) => {
    const request = route.request();
    const u = new URL(request.url());
    if (u.pathname === '/owa/service.svc' && u.searchParams.get('action') === 'GetItem') {
      // As Outlook's service: a POST with the action header and the item in the JSON body.
      if (request.method() !== 'POST' || request.headers()['action'] !== 'GetItem') return route.fulfill({ status: 400 });
      getItemCalls++;
      const itemId = (JSON.parse(request.postData() ?? '{}') as { Body?: { ItemIds?: { Id?: string }[] } }).Body?.ItemIds?.[0]?.Id ?? '';
      const body = answer.replaceAll('ITEM_ID', itemId).replaceAll('MESSAGE_ID', outlookMessageId(itemId)).replaceAll('ATT_ID', `att-${itemId.slice(-1)}`);
      return route.fulfill({ contentType: 'application/json; charset=utf-8', body });
    }
    if (u.pathname === '/owa/service.svc/s/GetFileAttachment') {
      return route.fulfill({ contentType: 'application/pdf', body: outlookAttachmentBytes });
    }
    if (u.pathname.startsWith('/mail/')) return route.fulfill({ contentType: 'text/html; charset=utf-8', body: typeof html === 'string' ? html : html() });
    return route.fulfill({ status: 204 });
  });
  return { getItemCalls: () => getItemCalls };
}

export async function openOutlook(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(outlookConversationUrl);
  return page;
}
