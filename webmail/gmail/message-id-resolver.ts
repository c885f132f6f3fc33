/**
 * Resolves a Gmail message's RFC Message-ID by fetching Gmail's own "show original" view with the
 * page's session (`GET <base>?ik=<ik>&view=om&permmsgid=msg-f:<decimal>`). Results are cached per
 * message id (a Message-ID never changes), concurrent asks share one request, requests are
 * throttled, and transient failures (network, 5xx) are retried a little. Anything else resolves
 * undefined: the caller then identifies the message by its fingerprint (DESIGN.md).
 */
import type { MessageRef } from '../types';
import { LookupCache, PageRequester, TransientError, type FetchLike } from '../page-request';
import type { Clock, SlidingWindowLimiter } from '../throttle';
import { permMsgIdForShowOriginal } from './ids';
import type { GmailAccountPath } from './location';
import { showOriginalUrl } from './location';
import { parseShowOriginalHtml } from './show-original';
import { parseGlobalsFromText } from './globals';

export type { FetchLike, FetchResponseLike } from '../page-request';

export interface ResolverDeps {
  origin: string;
  account: GmailAccountPath | undefined;
  /** `ik` read from the page's inline GLOBALS script, if present. */
  ik: () => string | undefined;
  fetch: FetchLike;
  parser: DOMParser;
  clock?: Clock;
  limiter?: SlidingWindowLimiter;
  /** Attempts for transient failures (status 0 / network error / ≥ 500). */
  maxAttempts?: number;
  signal?: AbortSignal;
}

export class MessageIdResolver {
  private readonly cache = new LookupCache<string>();
  private ikPromise: Promise<string | undefined> | undefined;
  private readonly requests: PageRequester;

  constructor(private readonly deps: ResolverDeps) {
    this.requests = new PageRequester(deps);
  }

  resolve(ref: MessageRef): Promise<string | undefined> {
    const perm = permMsgIdForShowOriginal(ref.providerMessageId);
    if (!perm || !this.deps.account) return Promise.resolve(undefined);
    return this.cache.get(perm, () => this.lookup(perm));
  }

  private async lookup(perm: string): Promise<{ value: string | undefined; definitive: boolean }> {
    const ik = await this.getIk();
    if (!ik || !this.deps.account) return { value: undefined, definitive: false };
    const url = showOriginalUrl(this.deps.origin, this.deps.account, ik, perm);
    try {
      const html = await this.requests.text(url);
      if (html === undefined) return { value: undefined, definitive: false };
      // The raw source without the header is a definitive "no Message-ID" for this message; a page
      // without the raw source (sign-in, error) is not.
      const parsed = parseShowOriginalHtml(html, this.deps.parser);
      return { value: parsed.messageId, definitive: parsed.rawFound };
    } catch (err) {
      if (err instanceof TransientError) return { value: undefined, definitive: false };
      throw err;
    }
  }

  /** The page's inline script first; else fetch the account's page once and read it there. */
  private getIk(): Promise<string | undefined> {
    const fromPage = this.deps.ik();
    if (fromPage) return Promise.resolve(fromPage);
    if (!this.ikPromise) {
      const account = this.deps.account;
      this.ikPromise = account
        ? this.requests
            .text(`${this.deps.origin}${account.basePath}`)
            .then((text) => (text ? parseGlobalsFromText(text).ik : undefined))
            .catch(() => undefined)
        : Promise.resolve(undefined);
      // Do not remember a failure forever: the next lookup may try again.
      void this.ikPromise.then((ik) => {
        if (!ik) this.ikPromise = undefined;
      });
    }
    return this.ikPromise;
  }
}
