import { describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startFeatures, type WebmailFeature } from '@/webmail/bootstrap';
import { discoverFeatures } from '@/webmail/discover-features';
import { noneAdapter } from '@/webmail/none';
import { providerForHost } from '@/webmail/registry';

describe('webmail registry', () => {
  it.each([
    ['mail.google.com', 'gmail'],
    ['MAIL.GOOGLE.COM', 'gmail'],
    ['outlook.office.com', 'outlook'],
    ['outlook.office365.com', 'outlook'],
    ['outlook.live.com', 'outlook'],
    ['outlook.cloud.microsoft', 'outlook'],
    ['google.com', 'none'],
    ['mail.google.com.evil.test', 'none'],
  ])('%s → %s', (host, provider) => {
    expect(providerForHost(host)).toBe(provider);
  });
});

function fakeCtx(): ContentScriptContext {
  const controller = new AbortController();
  return { signal: controller.signal } as ContentScriptContext;
}

describe('feature runner', () => {
  it('starts every feature without waiting for the others, and logs each failure with its id', async () => {
    const started: string[] = [];
    let releaseSlow!: () => void;
    const slow: WebmailFeature = { id: 'slow', run: () => new Promise<void>((r) => { started.push('slow'); releaseSlow = r; }) };
    const throwsNow: WebmailFeature = { id: 'throws-now', run: () => { started.push('throws-now'); throw new Error('boom'); } };
    const rejects: WebmailFeature = { id: 'rejects', run: async () => { started.push('rejects'); throw new Error('later'); } };
    const fine: WebmailFeature = { id: 'fine', run: () => void started.push('fine') };
    const log = { error: vi.fn() };

    const done = startFeatures(fakeCtx(), noneAdapter, [slow, throwsNow, rejects, fine], log);
    // All four ran although the first has not finished.
    expect(started).toEqual(['slow', 'throws-now', 'rejects', 'fine']);
    releaseSlow();
    const outcomes = await done;
    expect(outcomes.map((o) => [o.id, o.ok])).toEqual([['slow', true], ['throws-now', false], ['rejects', false], ['fine', true]]);
    expect(log.error).toHaveBeenCalledTimes(2);
    expect(log.error).toHaveBeenCalledWith('[mailroom] feature throws-now failed', expect.any(Error));
    expect(log.error).toHaveBeenCalledWith('[mailroom] feature rejects failed', expect.any(Error));
  });

  it('hands each feature the content script\'s abort signal', async () => {
    const ctx = fakeCtx();
    let got: AbortSignal | undefined;
    await startFeatures(ctx, noneAdapter, [{ id: 'x', run: (_c, _a, signal) => void (got = signal) }]);
    expect(got).toBe(ctx.signal);
  });

  it('keeps only modules whose default export is a feature', () => {
    const feature = { id: 'file-button', run: () => undefined };
    expect(discoverFeatures({ '/features/file-button.ts': feature, '/features/helpers.ts': undefined, '/features/x.ts': { id: 3 } })).toEqual([feature]);
  });
});
