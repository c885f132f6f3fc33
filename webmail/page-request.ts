/**
 * Requests to a webmail's own endpoints with the page's session (Gmail's "show original",
 * Outlook's `service.svc`), shared by every provider's Message-ID lookup: throttled
 * (`throttle.ts`), retried a little on transient failures (network, 5xx — InboxSDK retries Gmail's
 * endpoints on 0/≥500 the same way), and answered from a per-key cache where only definitive
 * answers stay (a Message-ID never changes; a failure may succeed next time).
 */
import { SlidingWindowLimiter, realClock, type Clock } from './throttle';

export interface FetchResponseLike {
  status: number;
  text(): Promise<string>;
  blob?(): Promise<Blob>;
}
export type FetchLike = (url: string, init: RequestInit) => Promise<FetchResponseLike>;

/**
 * A fetch that goes out as the page (same origin, the user's webmail cookies). In Firefox a content
 * script's own `fetch` runs with the extension's principal; `content.fetch` is the page's.
 */
export function pageFetch(win: Window): FetchLike {
  const firefoxPage = (globalThis as unknown as { content?: { fetch?: typeof fetch } }).content;
  const f = typeof firefoxPage?.fetch === 'function' ? firefoxPage.fetch.bind(firefoxPage) : win.fetch.bind(win);
  return (url, init) => f(url, init);
}

/** Every attempt failed for a reason that may pass (network, 5xx). */
export class TransientError extends Error {}

export interface PageRequesterDeps {
  fetch: FetchLike;
  clock?: Clock;
  limiter?: SlidingWindowLimiter;
  /** Attempts for transient failures (status 0 / network error / ≥ 500). */
  maxAttempts?: number;
  signal?: AbortSignal;
}

export class PageRequester {
  readonly clock: Clock;
  private readonly limiter: SlidingWindowLimiter;

  constructor(private readonly deps: PageRequesterDeps) {
    this.clock = deps.clock ?? realClock;
    this.limiter = deps.limiter ?? new SlidingWindowLimiter(undefined, this.clock);
  }

  /**
   * The body of a 2xx answer; undefined on a definitive failure (4xx); throws `TransientError`
   * once the attempts are used up. Cookies always go along (`credentials: 'include'`).
   */
  async text(url: string, init: RequestInit = {}): Promise<string | undefined> {
    const attempts = this.deps.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      await this.limiter.acquire(this.deps.signal);
      let status = 0;
      let body: string | undefined;
      try {
        const res = await this.deps.fetch(url, { ...init, credentials: 'include', signal: this.deps.signal });
        status = res.status;
        if (status >= 200 && status < 300) body = await res.text();
      } catch (err) {
        if (this.deps.signal?.aborted) throw err;
        status = 0;
      }
      if (body !== undefined) return body;
      if (status !== 0 && status < 500) return undefined;
      if (attempt >= attempts) throw new TransientError(`status ${status}`);
      // Back off 1 s, 2 s…
      await this.clock.sleep(1000 * attempt, this.deps.signal);
    }
  }
}

export interface LookupResult<T> {
  value: T | undefined;
  /** A definitive answer is kept; anything else is asked again next time. */
  definitive: boolean;
}

/** Concurrent asks for one key share one lookup; definitive answers are remembered. */
export class LookupCache<T> {
  private readonly entries = new Map<string, Promise<T | undefined>>();

  get(key: string, lookup: () => Promise<LookupResult<T>>): Promise<T | undefined> {
    const cached = this.entries.get(key);
    if (cached) return cached;
    const pending = lookup().then(
      ({ value, definitive }) => {
        if (!definitive) this.entries.delete(key);
        return value;
      },
      () => {
        this.entries.delete(key);
        return undefined;
      },
    );
    this.entries.set(key, pending);
    return pending;
  }
}
