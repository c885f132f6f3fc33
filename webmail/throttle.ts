/**
 * A sliding-window limiter for calls to a webmail's own endpoints (Gmail's "show original",
 * Outlook's `service.svc`). InboxSDK keeps to about 7 requests a second and 50 per 10 seconds
 * against Gmail (WEBMAIL-FACTS.md); staying under that keeps the webmail from rate-limiting the
 * user's session, and Outlook gets the same courtesy. Clock and sleep are injected so tests need
 * no real time.
 */

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export interface RateWindow {
  /** Window length in ms. */
  per: number;
  /** Calls allowed within it. */
  max: number;
}

/** InboxSDK's figures for Gmail; also used for Outlook's service, which publishes none. */
export const webmailEndpointLimits: readonly RateWindow[] = [
  { per: 1_000, max: 7 },
  { per: 10_000, max: 50 },
];

export class SlidingWindowLimiter {
  private readonly starts: number[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly windows: readonly RateWindow[] = webmailEndpointLimits,
    private readonly clock: Clock = realClock,
  ) {}

  /** Resolves when a call may start; calls are admitted in the order they asked. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.chain.then(() => this.waitForSlot(signal));
    // A rejected (aborted) turn must not block the ones queued after it.
    this.chain = turn.catch(() => {});
    return turn;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const now = this.clock.now();
      const longest = Math.max(...this.windows.map((w) => w.per));
      while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - longest) this.starts.shift();
      let wait = 0;
      for (const w of this.windows) {
        const inWindow = this.starts.filter((t) => t > now - w.per);
        if (inWindow.length >= w.max) wait = Math.max(wait, (inWindow[inWindow.length - w.max] ?? now) + w.per - now);
      }
      if (wait <= 0) {
        this.starts.push(now);
        return;
      }
      await this.clock.sleep(wait, signal);
    }
  }
}
