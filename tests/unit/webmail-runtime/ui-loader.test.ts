import { afterEach, describe, expect, it, vi } from 'vitest';
import { noneAdapter } from '@/webmail/none';
import type { ComposeHandle, OpenConversation, WebmailAdapter } from '@/webmail/types';
import { createUiLoader, loadUiOnNeed, type UiLoader } from '@/webmail/ui-loader';

afterEach(() => vi.useRealTimers());

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('UI loader', () => {
  it('injects once for concurrent needs and resolves when the UI says it started', async () => {
    const inject = vi.fn(async () => undefined);
    const loader = createUiLoader(inject);
    let done = 0;
    void loader.ensure().then(() => done++);
    void loader.ensure().then(() => done++);
    await flush();
    expect(inject).toHaveBeenCalledTimes(1);
    // Injected but not started yet: nothing may be forwarded to the UI.
    expect(done).toBe(0);
    expect(loader.loaded).toBe(false);
    loader.started();
    await flush();
    expect(done).toBe(2);
    expect(loader.loaded).toBe(true);
    await loader.ensure();
    expect(inject).toHaveBeenCalledTimes(1);
  });

  it('reports a failed injection and tries again on the next need', async () => {
    const inject = vi.fn().mockRejectedValueOnce(new Error('no tab')).mockResolvedValue(undefined);
    const loader = createUiLoader(inject);
    await expect(loader.ensure()).rejects.toThrow('no tab');
    const again = loader.ensure();
    loader.started();
    await expect(again).resolves.toBeUndefined();
    expect(inject).toHaveBeenCalledTimes(2);
  });

  it('gives up when the UI never starts, and may be asked again', async () => {
    vi.useFakeTimers();
    const inject = vi.fn(async () => undefined);
    const loader = createUiLoader(inject, 1_000);
    const first = loader.ensure();
    const failed = expect(first).rejects.toThrow('did not start in time');
    await vi.advanceTimersByTimeAsync(1_000);
    await failed;
    void loader.ensure();
    expect(inject).toHaveBeenCalledTimes(2);
  });
});

/** An adapter whose conversation and composes the test drives; it records its subscriptions' signals. */
function drivenAdapter(initial?: OpenConversation) {
  const conversationListeners: { cb: (c: OpenConversation | undefined) => void; signal: AbortSignal }[] = [];
  const composeListeners: { cb: (c: ComposeHandle) => void; signal: AbortSignal }[] = [];
  const navigationListeners: { cb: () => void; signal: AbortSignal }[] = [];
  const adapter: WebmailAdapter = {
    ...noneAdapter,
    provider: 'gmail',
    currentConversation: () => initial,
    onConversationChanged: (cb, signal) => void conversationListeners.push({ cb, signal }),
    onComposeOpened: (cb, signal) => void composeListeners.push({ cb, signal }),
    onNavigation: (cb, signal) => void navigationListeners.push({ cb, signal }),
  };
  const live = <T extends { signal: AbortSignal }>(list: T[]) => list.filter((l) => !l.signal.aborted);
  return {
    adapter,
    live: () => live(conversationListeners).length + live(composeListeners).length + live(navigationListeners).length,
    moveAround: () => live(navigationListeners).forEach((l) => l.cb()),
    navigate: (c: OpenConversation | undefined) => live(conversationListeners).forEach((l) => l.cb(c)),
    openCompose: () => live(composeListeners).forEach((l) => l.cb({ id: 'c1', kind: 'new' } as ComposeHandle)),
  };
}

const conversation = (messages: number): OpenConversation =>
  ({ threadId: 't1', subject: 'Order', messages: Array.from({ length: messages }, (_, i) => ({ providerMessageId: `m${i}` })) }) as unknown as OpenConversation;

function fakeLoader(): UiLoader & { calls: number } {
  const loader = {
    calls: 0,
    loaded: false,
    ensure: async () => {
      loader.calls++;
      loader.loaded = true;
    },
    started: () => undefined,
  };
  return loader;
}

/** A window whose timers and idle callbacks the test runs by hand. */
function heldWindow() {
  const timers: { cb: () => void; ms: number }[] = [];
  const cleared: number[] = [];
  const win = {
    setTimeout: (cb: () => void, ms: number) => timers.push({ cb, ms }),
    clearTimeout: (id: number) => void cleared.push(id),
    requestIdleCallback: (cb: () => void) => cb(),
  } as unknown as Window;
  return { win, timers, cleared };
}

describe('loading the UI on first need', () => {
  it('does not load it for a page with no conversation and no compose (the inbox)', async () => {
    const page = drivenAdapter();
    const loader = fakeLoader();
    loadUiOnNeed(page.adapter, loader, new AbortController().signal, heldWindow().win);
    page.navigate(undefined);
    page.navigate(conversation(0));
    await flush();
    expect(loader.calls).toBe(0);
  });

  it('loads it when a conversation opens, then stops watching the page for it', async () => {
    const page = drivenAdapter();
    const loader = fakeLoader();
    loadUiOnNeed(page.adapter, loader, new AbortController().signal, heldWindow().win);
    expect(page.live()).toBe(3);
    page.navigate(conversation(2));
    await flush();
    expect(loader.calls).toBe(1);
    expect(page.live()).toBe(0);
  });

  it('loads it at the user\'s first move in the webmail (before the new view is drawn)', async () => {
    const page = drivenAdapter();
    const loader = fakeLoader();
    loadUiOnNeed(page.adapter, loader, new AbortController().signal, heldWindow().win);
    page.moveAround();
    await flush();
    expect(loader.calls).toBe(1);
    expect(page.live()).toBe(0);
  });

  it('loads it when a compose opens', async () => {
    const page = drivenAdapter();
    const loader = fakeLoader();
    loadUiOnNeed(page.adapter, loader, new AbortController().signal, heldWindow().win);
    page.openCompose();
    await flush();
    expect(loader.calls).toBe(1);
  });

  it('loads it at once for a conversation already open', async () => {
    const page = drivenAdapter(conversation(1));
    const loader = fakeLoader();
    loadUiOnNeed(page.adapter, loader, new AbortController().signal, heldWindow().win);
    await flush();
    expect(loader.calls).toBe(1);
  });

  it('without a need, loads it anyway a few quiet seconds after the core started', async () => {
    const page = drivenAdapter();
    const loader = fakeLoader();
    const held = heldWindow();
    loadUiOnNeed(page.adapter, loader, new AbortController().signal, held.win, 3_000);
    await flush();
    expect(loader.calls).toBe(0);
    expect(held.timers.map((t) => t.ms)).toEqual([3_000]);
    held.timers[0]!.cb();
    await flush();
    expect(loader.calls).toBe(1);
    expect(page.live()).toBe(0);
  });

  it('drops the prefetch once a need loaded the UI', async () => {
    const page = drivenAdapter();
    const loader = fakeLoader();
    const held = heldWindow();
    loadUiOnNeed(page.adapter, loader, new AbortController().signal, held.win);
    page.openCompose();
    await flush();
    expect(loader.calls).toBe(1);
    expect(held.cleared).toHaveLength(1);
    held.timers[0]!.cb(); // even if the timer had already fired
    await flush();
    expect(loader.calls).toBe(1);
  });

  it('does nothing once the content script is gone', async () => {
    const page = drivenAdapter();
    const loader = fakeLoader();
    const stop = new AbortController();
    loadUiOnNeed(page.adapter, loader, stop.signal, heldWindow().win);
    stop.abort();
    page.openCompose();
    await flush();
    expect(loader.calls).toBe(0);
  });
});
