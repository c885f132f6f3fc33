import { describe, expect, it, vi, afterEach } from 'vitest';
import { watchConversation } from '@/webmail/gmail/navigation';
import { parseConversation } from '@/webmail/gmail/conversation';
import type { OpenConversation } from '@/webmail/types';
import { loadOwn } from './fixtures';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  vi.useRealTimers();
});

/** Replaces the open view's content with another page's view host, as Gmail swaps views. */
function navigateTo(document: Document, fixture: string) {
  const other = loadOwn(fixture).document;
  const host = document.querySelector('div.AO')!;
  host.innerHTML = other.querySelector('div.AO')!.innerHTML;
}

describe('watchConversation', () => {
  it('reports the open conversation, a switch to another, a close, then nothing after abort', async () => {
    const { document, window } = loadOwn('2026-11-27-conversation.html');
    const seen: (OpenConversation | undefined)[] = [];
    const ctl = new AbortController();
    watchConversation(document, window, ctl.signal, (c) => seen.push(c), { debounceMs: 5 });
    expect(seen.map((c) => c?.providerThreadId)).toEqual(['thread-f:1849939442718824961']);

    navigateTo(document, '2026-11-27-reading-pane.html');
    window.location.hash = '#inbox/FMfcgzQXJQw';
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen.map((c) => c?.providerThreadId)).toEqual(['thread-f:1849939442718824961', 'thread-f:1849585460694714896']);

    // Back to the list: conversation closed.
    navigateTo(document, '2026-11-27-compose-new.html');
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(seen[2]).toBeUndefined();

    ctl.abort();
    navigateTo(document, '2026-11-27-conversation.html');
    await wait(150);
    expect(seen).toHaveLength(3);
  });

  it('reports when a collapsed message is expanded (class change only)', async () => {
    const { document, window } = loadOwn('2026-11-27-conversation.html');
    const seen: (OpenConversation | undefined)[] = [];
    const ctl = new AbortController();
    watchConversation(document, window, ctl.signal, (c) => seen.push(c), { debounceMs: 5 });
    document.querySelector('.kv')!.className = 'h7';
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[1]?.messages[0]?.expanded).toBe(true);
    ctl.abort();
  });

  it('debounces a burst of mutations into one read, and ignores typing in a compose', async () => {
    const { document, window } = loadOwn('2026-11-27-compose-reply.html');
    const parse = vi.fn(() => undefined);
    const ctl = new AbortController();
    watchConversation(document, window, ctl.signal, () => {}, { debounceMs: 20, parse });
    expect(parse).toHaveBeenCalledTimes(1);

    const body = document.querySelector('[g_editable="true"]')!;
    for (let i = 0; i < 20; i++) body.append(document.createTextNode(`key ${i}`));
    await wait(100);
    expect(parse).toHaveBeenCalledTimes(1);

    const list = document.querySelector('[role=list]')!;
    for (let i = 0; i < 20; i++) list.append(document.createElement('div'));
    await vi.waitFor(() => expect(parse).toHaveBeenCalledTimes(2));
    // …and only once for the whole burst.
    await wait(100);
    expect(parse).toHaveBeenCalledTimes(2);
    ctl.abort();
  });

  it('still reads the page when mutations never stop (max wait)', async () => {
    const { document, window } = loadOwn('2026-11-27-conversation.html');
    const seen: (OpenConversation | undefined)[] = [];
    const ctl = new AbortController();
    watchConversation(document, window, ctl.signal, (c) => seen.push(c), { debounceMs: 30, maxWaitMs: 60 });
    const ticker = document.createElement('span');
    document.querySelector('.ha')!.append(ticker);
    // Gmail-like background churn every few ms, longer than the debounce ever lets pass quietly.
    const churn = setInterval(() => (ticker.className = ticker.className === 'a' ? 'b' : 'a'), 3);
    try {
      document.querySelector('.kv')!.className = 'h7';
      await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: 2000 });
    } finally {
      clearInterval(churn);
      ctl.abort();
    }
  });

  it('does not report the same conversation twice when nothing relevant changed', async () => {
    const { document, window } = loadOwn('2026-11-27-conversation.html');
    const cb = vi.fn();
    const parse = vi.fn(parseConversation);
    const ctl = new AbortController();
    watchConversation(document, window, ctl.signal, cb, { debounceMs: 5, fastReadMs: 20, parse });
    document.querySelector('.ha')!.append(document.createElement('span'));
    window.dispatchEvent(new window.HashChangeEvent('hashchange'));
    // At start, the debounced read, and the navigation's fast read: all the same conversation.
    await vi.waitFor(() => expect(parse).toHaveBeenCalledTimes(3));
    expect(cb).toHaveBeenCalledTimes(1);
    ctl.abort();
  });

  it('starts on the body while Gmail builds its page, then follows the view host', async () => {
    const { document, window } = loadOwn('2026-11-27-conversation.html');
    const host = document.querySelector('div.AO')!;
    const parent = host.parentElement!;
    host.remove();
    const seen: (OpenConversation | undefined)[] = [];
    const ctl = new AbortController();
    watchConversation(document, window, ctl.signal, (c) => seen.push(c), { debounceMs: 5 });
    expect(seen).toEqual([]);
    parent.append(host);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]?.messages).toHaveLength(3);
    document.querySelector('.kv')!.className = 'h7';
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    ctl.abort();
  });

  it('says nothing at start on a page with no conversation', () => {
    const { document, window } = loadOwn('2026-11-27-compose-new.html');
    const cb = vi.fn();
    const ctl = new AbortController();
    watchConversation(document, window, ctl.signal, cb, { debounceMs: 5 });
    expect(cb).not.toHaveBeenCalled();
    ctl.abort();
  });
});

describe('watchConversation after a navigation', () => {
  it('reports the new conversation soon after Gmail draws it, not after the quiet time', async () => {
    const { document, window } = loadOwn('2026-11-27-conversation.html');
    const seen: (OpenConversation | undefined)[] = [];
    const ctl = new AbortController();
    // A quiet time far longer than the test waits: only the fast read can report in time.
    watchConversation(document, window, ctl.signal, (c) => seen.push(c), { debounceMs: 60_000, fastReadMs: 5 });
    window.location.hash = '#inbox/FMfcgzQXJQw';
    await wait(20);
    navigateTo(document, '2026-11-27-reading-pane.html');
    await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: 1_000 });
    expect(seen[1]?.providerThreadId).toBe('thread-f:1849585460694714896');
    ctl.abort();
  });

  it('does not report "no conversation" early (no flicker while Gmail swaps views), nor without a navigation', async () => {
    const { document, window } = loadOwn('2026-11-27-conversation.html');
    const seen: (OpenConversation | undefined)[] = [];
    const ctl = new AbortController();
    watchConversation(document, window, ctl.signal, (c) => seen.push(c), { debounceMs: 60_000, fastReadMs: 5 });
    // Mutations with no navigation: the debounced read only (here: not within the test).
    document.querySelector('.kv')!.className = 'h7';
    await wait(50);
    expect(seen).toHaveLength(1);
    // A navigation to the list: the view empties, which only the debounced read may report.
    window.dispatchEvent(new window.HashChangeEvent('hashchange'));
    navigateTo(document, '2026-11-27-compose-new.html');
    await wait(50);
    expect(seen).toHaveLength(1);
    ctl.abort();
  });

  it('stops reading fast once the navigation window has passed', async () => {
    const { document, window } = loadOwn('2026-11-27-conversation.html');
    const parse = vi.fn(parseConversation);
    const ctl = new AbortController();
    watchConversation(document, window, ctl.signal, () => {}, { debounceMs: 60_000, fastReadMs: 5, navigationWindowMs: 10 });
    window.dispatchEvent(new window.HashChangeEvent('hashchange'));
    await wait(40);
    const after = parse.mock.calls.length;
    navigateTo(document, '2026-11-27-reading-pane.html');
    await wait(40);
    expect(parse).toHaveBeenCalledTimes(after);
    ctl.abort();
  });
});
