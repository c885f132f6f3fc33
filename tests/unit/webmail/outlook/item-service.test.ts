import { describe, expect, it, vi } from 'vitest';
import { canaryFromCookies, getItemRequestBody, OutlookItemService, parseGetItemResponse } from '@/webmail/outlook/item-service';
import { createOutlookAdapter } from '@/webmail/outlook/adapter';
import type { FetchLike, FetchResponseLike } from '@/webmail/page-request';
import type { Clock } from '@/webmail/throttle';
import { getItemAnswer, loadReading } from './reading-pages';

const item2 = 'AAMkADAwATM0MDAAMS1hZDk3LTk3AAA2';
const respond = (status: number, body = '', blob?: Blob): FetchResponseLike => ({ status, text: async () => body, ...(blob && { blob: async () => blob }) });

function fakeClock(): Clock {
  let now = 1_000_000;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

function service(fetch: FetchLike, servicePath = '/owa/service.svc') {
  return new OutlookItemService({ origin: 'https://outlook.office.com', servicePath, canary: () => 'canary-1', fetch, clock: fakeClock() });
}

describe('GetItem, as Outlook\'s own client asks it', () => {
  it('posts a GetItemJsonRequest for the item with the page\'s session and canary; caches the answer', async () => {
    const fetch = vi.fn<FetchLike>(async () => respond(200, getItemAnswer(item2, 'quote-2@mail.client-corp.example')));
    const s = service(fetch);
    const [a, b] = await Promise.all([s.item(item2), s.item(item2)]);
    expect(a?.internetMessageId).toBe('<quote-2@mail.client-corp.example>');
    expect(b).toBe(a);
    expect(await s.item(item2)).toBe(a);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://outlook.office.com/owa/service.svc?action=GetItem&app=Mail');
    expect(init).toMatchObject({ method: 'POST', credentials: 'include', headers: { action: 'GetItem', 'x-owa-canary': 'canary-1' } });
    const body = JSON.parse(String(init.body));
    expect(body.__type).toBe('GetItemJsonRequest:#Exchange');
    expect(body.Body.ItemIds).toEqual([{ __type: 'ItemId:#Exchange', Id: item2 }]);
    expect(body.Body.ItemShape.AdditionalProperties.map((p: { FieldURI: string }) => p.FieldURI)).toContain('message:InternetMessageId');
    expect(a?.attachments).toEqual([{ id: 'ATT-1', name: 'Quote-2026-118.pdf', contentType: 'application/pdf', size: 86016 }]);
  });

  it.each([
    ['an error answer (the item moved)', respond(200, JSON.stringify({ Body: { ResponseMessages: { Items: [{ ResponseClass: 'Error', ResponseCode: 'ErrorItemNotFound' }] } } }))],
    ['a sign-in page instead of JSON', respond(200, '<html>sign in</html>')],
    ['a 440 (session timed out)', respond(440)],
  ])('%s: undefined, asked again next time', async (_what, answer) => {
    const fetch = vi.fn<FetchLike>(async () => answer);
    const s = service(fetch);
    expect(await s.item(item2)).toBeUndefined();
    expect(await s.item(item2)).toBeUndefined();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('retries a 5xx and a network error, then answers', async () => {
    const fetch = vi
      .fn<FetchLike>()
      .mockResolvedValueOnce(respond(503))
      .mockRejectedValueOnce(new TypeError('network'))
      .mockResolvedValueOnce(respond(200, getItemAnswer(item2, 'x@y.example')));
    expect((await service(fetch).item(item2))?.internetMessageId).toBe('<x@y.example>');
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('reads the request body and the canary cookie the way the service expects', () => {
    expect(JSON.parse(getItemRequestBody('A/B=')).Body.ItemIds[0].Id).toBe('A/B=');
    expect(canaryFromCookies('a=1; X-OWA-CANARY=abc=def; b=2')).toBe('abc=def');
    expect(canaryFromCookies('a=1')).toBeUndefined();
    expect(parseGetItemResponse('{}')).toEqual({ value: undefined, definitive: false });
  });
});

describe('the Outlook adapter with Outlook\'s service', () => {
  it('resolves each message\'s Internet Message-ID on outlook.live.com (/owa/0/) and reads attachments by GetFileAttachment', async () => {
    const { document, window } = loadReading('2026-12-03-conversation.en.html', 'https://outlook.live.com/mail/0/inbox/id/AAMkADAwATM0MDAAMS1hZDk3LTk3AAA3');
    document.cookie = 'X-OWA-CANARY=live-canary';
    const pdf = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    const fetch = vi.fn<FetchLike>(async (url, init) => {
      if (url.includes('GetFileAttachment')) return respond(200, '', pdf);
      const id = JSON.parse(String(init.body)).Body.ItemIds[0].Id as string;
      return respond(200, getItemAnswer(id, `m-${id.slice(-1)}@mail.client-corp.example`));
    });
    const adapter = createOutlookAdapter(document, window, { fetch });
    const messages = adapter.currentConversation()!.messages;
    expect(await Promise.all(messages.map((m) => adapter.resolveMessageId(m)))).toEqual([
      '<m-1@mail.client-corp.example>',
      '<m-2@mail.client-corp.example>',
      '<m-3@mail.client-corp.example>',
    ]);
    expect(fetch.mock.calls[0]?.[0]).toBe('https://outlook.live.com/owa/0/service.svc?action=GetItem&app=Mail');
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ headers: { 'x-owa-canary': 'live-canary' } });
    expect(await adapter.fetchAttachment(messages[1]!, 0)).toBe(pdf);
    const download = fetch.mock.calls.find(([u]) => u.includes('GetFileAttachment'));
    expect(download?.[0]).toBe('https://outlook.live.com/owa/0/service.svc/s/GetFileAttachment?id=ATT-1&X-OWA-CANARY=live-canary');
    // The GetItem answer was reused: one request per message, the download on top.
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(await adapter.fetchAttachment(messages[1]!, 5)).toBeUndefined();
  });
});
