/**
 * What Outlook's own web client asks its service for the signed-in user (WEBMAIL-FACTS.md, "The
 * Internet Message-ID is not in the DOM"): `POST <service>?action=GetItem&app=Mail` with the header
 * `action: GetItem`, a `GetItemJsonRequest:#Exchange` body for one `ItemId`, the page's cookies and
 * its `x-owa-canary`. One answer gives the item's Internet Message-ID and its attachments' ids;
 * it is cached per item (a Message-ID never changes), concurrent asks share one request, requests
 * are throttled and transient failures retried (`webmail/page-request.ts`, as for Gmail's "show
 * original"). Anything else resolves undefined: the message is then identified by its fingerprint.
 * Attachment content comes from the service's `GetFileAttachment` download, the one Outlook's own
 * "Download" uses.
 */
import { LookupCache, PageRequester, TransientError, type FetchLike, type LookupResult } from '../page-request';
import type { Clock, SlidingWindowLimiter } from '../throttle';

export interface OutlookItem {
  internetMessageId: string | undefined;
  attachments: { id: string; name: string; contentType: string; size: number }[];
}

export interface ItemServiceDeps {
  origin: string;
  /** `/owa/service.svc`, or `/owa/<n>/service.svc` on outlook.live.com (`location.ts`). */
  servicePath: string;
  /** The page's canary (cookie `X-OWA-CANARY`), read when a request goes out. */
  canary: () => string | undefined;
  fetch: FetchLike;
  clock?: Clock;
  limiter?: SlidingWindowLimiter;
  maxAttempts?: number;
  signal?: AbortSignal;
}

const messageIdShape = /^<?[^\s<>]+@[^\s<>]+>?$/;

export function getItemRequestBody(itemId: string): string {
  const field = (FieldURI: string) => ({ __type: 'PropertyUri:#Exchange', FieldURI });
  return JSON.stringify({
    __type: 'GetItemJsonRequest:#Exchange',
    Header: { __type: 'JsonRequestHeaders:#Exchange', RequestServerVersion: 'V2018_01_08' },
    Body: {
      __type: 'GetItemRequest:#Exchange',
      ItemShape: {
        __type: 'ItemResponseShape:#Exchange',
        BaseShape: 'IdOnly',
        AdditionalProperties: [field('message:InternetMessageId'), field('message:InReplyTo'), field('message:References'), field('item:Attachments')],
      },
      ItemIds: [{ __type: 'ItemId:#Exchange', Id: itemId }],
    },
  });
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The item from a GetItem answer; `definitive` when the service answered for this item at all. */
export function parseGetItemResponse(text: string): LookupResult<OutlookItem> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { value: undefined, definitive: false };
  }
  const response = obj(arr(obj(obj(obj(json)?.Body)?.ResponseMessages)?.Items)[0]);
  // An error (the item moved and its id changed, a session problem) may pass: ask again next time.
  if (!response || str(response.ResponseClass) !== 'Success') return { value: undefined, definitive: false };
  const item = obj(arr(response.Items)[0]);
  if (!item) return { value: undefined, definitive: false };
  const rawId = str(item.InternetMessageId)?.trim();
  const internetMessageId = rawId && messageIdShape.test(rawId) ? (rawId.startsWith('<') ? rawId : `<${rawId}>`) : undefined;
  const attachments = arr(item.Attachments).flatMap((a) => {
    const o = obj(a);
    const id = str(obj(o?.AttachmentId)?.Id);
    const name = str(o?.Name);
    if (!o || !id || !name || o.IsInline === true) return [];
    return [{ id, name, contentType: str(o.ContentType) ?? '', size: typeof o.Size === 'number' ? o.Size : 0 }];
  });
  return { value: { internetMessageId, attachments }, definitive: true };
}

export class OutlookItemService {
  private readonly cache = new LookupCache<OutlookItem>();
  private readonly requests: PageRequester;

  constructor(private readonly deps: ItemServiceDeps) {
    this.requests = new PageRequester(deps);
  }

  item(itemId: string): Promise<OutlookItem | undefined> {
    return this.cache.get(itemId, () => this.lookup(itemId));
  }

  private async lookup(itemId: string): Promise<LookupResult<OutlookItem>> {
    const canary = this.deps.canary();
    const url = `${this.deps.origin}${this.deps.servicePath}?action=GetItem&app=Mail`;
    try {
      const text = await this.requests.text(url, {
        method: 'POST',
        headers: {
          action: 'GetItem',
          'content-type': 'application/json; charset=utf-8',
          ...(canary && { 'x-owa-canary': canary }),
        },
        body: getItemRequestBody(itemId),
      });
      return text === undefined ? { value: undefined, definitive: false } : parseGetItemResponse(text);
    } catch (err) {
      if (err instanceof TransientError) return { value: undefined, definitive: false };
      throw err;
    }
  }

  /** Where the service hands out an attachment's content. */
  attachmentUrl(attachmentId: string): string {
    const canary = this.deps.canary();
    const query = `id=${encodeURIComponent(attachmentId)}${canary ? `&X-OWA-CANARY=${encodeURIComponent(canary)}` : ''}`;
    return `${this.deps.origin}${this.deps.servicePath}/s/GetFileAttachment?${query}`;
  }
}

/** The canary Outlook keeps in a cookie the page's own script reads (`X-OWA-CANARY`). */
export function canaryFromCookies(cookie: string): string | undefined {
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name?.toLowerCase() === 'x-owa-canary') return value.join('=') || undefined;
  }
  return undefined;
}
