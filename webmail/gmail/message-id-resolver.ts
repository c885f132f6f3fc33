/**
 * Resolves a Gmail message's RFC Message-ID by fetching Gmail's own "show original" view with the
 * page's session (`GET <base>?ik=<ik>&view=om&permmsgid=msg-f:<decimal>`). Results are cached per
 * message id (a Message-ID never changes), concurrent asks share one request, requests are
 * throttled, and transient failures (network, 5xx) are retried a little. Anything else resolves
 * undefined: the caller then identifies the message by its fingerprint (DESIGN.md).
 */
import type { MessageRef } from '../types';
import { permMsgIdForShowOriginal } from './ids';
import type { GmailAccountPath } from './location';
import { showOriginalUrl } from './location';
import { parseShowOriginalHtml } from './show-original';
import { parseGlobalsFromText } from './globals';
import { SlidingWindowLimiter, realClock, type Clock } from './throttle';

export interface FetchResponseLike {
  status: number;
  text(): Promise<string>;
}
export type FetchLike = (url: string, init: RequestInit) => Promise<FetchResponseLike>;

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

class TransientError extends Error {}

export class MessageIdResolver {
  private readonly cache = new Map<string, Promise<string | undefined>>();
  private ikPromise: Promise<string | undefined> | undefined;
  private readonly limiter: SlidingWindowLimiter;
  private readonly clock: Clock;

  constructor(private readonly deps: ResolverDeps) {
    this.clock = deps.clock ?? realClock;
    this.limiter = deps.limiter ?? new SlidingWindowLimiter(undefined, this.clock);
  }

  resolve(ref: MessageRef): Promise<string | undefined> {
    const perm = permMsgIdForShowOriginal(ref.providerMessageId);
    if (!perm || !this.deps.account) return Promise.resolve(undefined);
    const cached = this.cache.get(perm);
    if (cached) return cached;
    const pending = this.lookup(perm).then(
      ({ id, definitive }) => {
        // Only definitive answers stay cached; a transient failure may succeed next time.
        if (!definitive) this.cache.delete(perm);
        return id;
      },
      () => {
        this.cache.delete(perm);
        return undefined;
      },
    );
    this.cache.set(perm, pending);
    return pending;
  }

  private async lookup(perm: string): Promise<{ id: string | undefined; definitive: boolean }> {
    const ik = await this.getIk();
    if (!ik || !this.deps.account) return { id: undefined, definitive: false };
    const url = showOriginalUrl(this.deps.origin, this.deps.account, ik, perm);
    try {
      const html = await this.fetchText(url);
      if (html === undefined) return { id: undefined, definitive: false };
      // The raw source without the header is a definitive "no Message-ID" for this message; a page
      // without the raw source (sign-in, error) is not.
      const parsed = parseShowOriginalHtml(html, this.deps.parser);
      return { id: parsed.messageId, definitive: parsed.rawFound };
    } catch (err) {
      if (err instanceof TransientError) return { id: undefined, definitive: false };
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
        ? this.fetchText(`${this.deps.origin}${account.basePath}`)
            .then((text) => (text ? parseGlobalsFromText(text).ik : undefined))
            .catch(() => undefined)
        : Promise.resolve(undefined);
      // Do not remember a failure forever: the next lookup may try again.
      this.ikPromise.then((ik) => {
        if (!ik) this.ikPromise = undefined;
      });
    }
    return this.ikPromise;
  }

  /** Throttled GET with the page's cookies; undefined on a definitive failure (4xx). */
  private async fetchText(url: string): Promise<string | undefined> {
    const attempts = this.deps.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      await this.limiter.acquire(this.deps.signal);
      let status = 0;
      let body: string | undefined;
      try {
        const res = await this.deps.fetch(url, { credentials: 'include', signal: this.deps.signal });
        status = res.status;
        if (status >= 200 && status < 300) body = await res.text();
      } catch (err) {
        if (this.deps.signal?.aborted) throw err;
        status = 0;
      }
      if (body !== undefined) return body;
      if (status !== 0 && status < 500) return undefined;
      if (attempt >= attempts) throw new TransientError(`status ${status}`);
      // Back off 1 s, 2 s… — InboxSDK retries Gmail's endpoints on 0/≥500 the same way.
      await this.clock.sleep(1000 * attempt, this.deps.signal);
    }
  }
}
