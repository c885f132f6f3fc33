import { describe, expect, it, vi } from 'vitest';
import { MessageIdResolver, type FetchLike } from '@/webmail/gmail/message-id-resolver';
import { SlidingWindowLimiter, type Clock } from '@/webmail/throttle';
import { parseAccountPath } from '@/webmail/gmail/location';
import { readOwn } from './fixtures';

/** A clock that advances only when someone sleeps: no real time passes in these tests. */
function fakeClock(): Clock & { sleeps: number[] } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

const original = readOwn('2026-11-27-show-original.html');
const noHeader = readOwn('2026-11-27-show-original-no-message-id.html');
const pageSource = readOwn('2026-11-27-page-source-globals.html');

function respond(status: number, body = ''): { status: number; text: () => Promise<string> } {
  return { status, text: async () => body };
}

function resolverWith(fetch: FetchLike, opts: { ik?: string; path?: string } = {}) {
  const clock = fakeClock();
  const resolver = new MessageIdResolver({
    origin: 'https://mail.google.com',
    account: parseAccountPath(opts.path ?? '/mail/u/0/'),
    ik: () => opts.ik,
    fetch,
    parser: new DOMParser(),
    clock,
  });
  return { resolver, clock };
}

const ref = { providerMessageId: 'msg-f:1849939442718824961' };

describe('MessageIdResolver', () => {
  it('fetches show-original on the page\'s account with the page\'s session, and caches the answer', async () => {
    const fetch = vi.fn<FetchLike>(async () => respond(200, original));
    const { resolver } = resolverWith(fetch, { ik: '3f9a1c2e7b', path: '/mail/b/117263457/u/1/' });
    const [a, b] = await Promise.all([resolver.resolve(ref), resolver.resolve(ref)]);
    expect(a).toBe('<CAHx9=Qk7pZ+r2Lm_w4@mail.client-corp.example>');
    expect(b).toBe(a);
    expect(await resolver.resolve({ providerMessageId: '#msg-f:1849939442718824961' })).toBe(a);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe(
      'https://mail.google.com/mail/b/117263457/u/1/?ik=3f9a1c2e7b&view=om&permmsgid=msg-f:1849939442718824961',
    );
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ credentials: 'include' });
  });

  it.each([
    ['a message without the header (definitive, cached)', [respond(200, noHeader)], undefined, 1],
    ['a sign-in page (not cached: asked again next time)', [respond(200, '<html><body>Sign in</body></html>')], undefined, 2],
    ['a 404 (not cached)', [respond(404)], undefined, 2],
  ])('%s → undefined', async (_label, responses, expected, fetchesAfterTwoAsks) => {
    const fetch = vi.fn<FetchLike>(async () => responses[0]!);
    const { resolver } = resolverWith(fetch, { ik: '3f9a1c2e7b' });
    expect(await resolver.resolve(ref)).toBe(expected);
    expect(await resolver.resolve(ref)).toBe(expected);
    expect(fetch).toHaveBeenCalledTimes(fetchesAfterTwoAsks);
  });

  it('retries network errors and 5xx with back-off, then succeeds', async () => {
    const answers = [() => Promise.reject(new TypeError('Failed to fetch')), async () => respond(503), async () => respond(200, original)];
    const fetch = vi.fn<FetchLike>(() => answers.shift()!());
    const { resolver, clock } = resolverWith(fetch, { ik: '3f9a1c2e7b' });
    expect(await resolver.resolve(ref)).toBe('<CAHx9=Qk7pZ+r2Lm_w4@mail.client-corp.example>');
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('gives up after three transient failures and falls back to undefined', async () => {
    const fetch = vi.fn<FetchLike>(async () => respond(500));
    const { resolver } = resolverWith(fetch, { ik: '3f9a1c2e7b' });
    expect(await resolver.resolve(ref)).toBeUndefined();
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it.each([
    ['a draft/sent id Gmail cannot show the original of', 'msg-a:r-7673660351152959857'],
    ['garbage', 'undefined'],
  ])('does not fetch for %s', async (_label, id) => {
    const fetch = vi.fn<FetchLike>();
    const { resolver } = resolverWith(fetch, { ik: '3f9a1c2e7b' });
    expect(await resolver.resolve({ providerMessageId: id })).toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('without ik in the page, fetches the account page once and reads GLOBALS from its source', async () => {
    const fetch = vi.fn<FetchLike>(async (url) => (url.includes('view=om') ? respond(200, original) : respond(200, pageSource)));
    const { resolver } = resolverWith(fetch, { path: '/mail/u/2/' });
    expect(await resolver.resolve(ref)).toBe('<CAHx9=Qk7pZ+r2Lm_w4@mail.client-corp.example>');
    expect(await resolver.resolve({ providerMessageId: 'msg-f:1849943502861642564' })).toBe('<CAHx9=Qk7pZ+r2Lm_w4@mail.client-corp.example>');
    expect(fetch.mock.calls.map((c) => c[0])).toEqual([
      'https://mail.google.com/mail/u/2/',
      'https://mail.google.com/mail/u/2/?ik=7d1e5a90bc&view=om&permmsgid=msg-f:1849939442718824961',
      'https://mail.google.com/mail/u/2/?ik=7d1e5a90bc&view=om&permmsgid=msg-f:1849943502861642564',
    ]);
  });

  it('resolves undefined when no ik can be had at all', async () => {
    const fetch = vi.fn<FetchLike>(async () => respond(200, '<html><body>no globals</body></html>'));
    const { resolver } = resolverWith(fetch);
    expect(await resolver.resolve(ref)).toBeUndefined();
  });

  it('resolves undefined off a Gmail account path', async () => {
    const fetch = vi.fn<FetchLike>();
    const { resolver } = resolverWith(fetch, { ik: 'abcdef12', path: '/settings' });
    expect(await resolver.resolve(ref)).toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('SlidingWindowLimiter (7 per second, 50 per 10 seconds)', () => {
  it('admits 7 at once, then spaces the rest so no window is exceeded', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter(undefined, clock);
    const starts: number[] = [];
    for (let i = 0; i < 60; i++) {
      await limiter.acquire();
      starts.push(clock.now());
    }
    const t0 = starts[0]!;
    expect(starts.slice(0, 7).every((t) => t === t0)).toBe(true);
    expect(starts[7]).toBe(t0 + 1000);
    for (let i = 0; i < starts.length; i++) {
      const inSecond = starts.filter((t) => t >= starts[i]! && t < starts[i]! + 1000).length;
      const inTen = starts.filter((t) => t >= starts[i]! && t < starts[i]! + 10_000).length;
      expect(inSecond).toBeLessThanOrEqual(7);
      expect(inTen).toBeLessThanOrEqual(50);
    }
    // The 51st call had to wait for the 10-second window.
    expect(starts[50]! - t0).toBeGreaterThanOrEqual(10_000);
  });

  it('an aborted wait rejects without blocking later callers', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter([{ per: 1000, max: 1 }], clock);
    await limiter.acquire();
    const ctl = new AbortController();
    ctl.abort(new Error('page left'));
    await expect(limiter.acquire(ctl.signal)).rejects.toThrow('page left');
    await expect(limiter.acquire()).resolves.toBeUndefined();
  });
});
