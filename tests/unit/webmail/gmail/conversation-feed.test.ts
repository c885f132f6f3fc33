import { describe, expect, it, vi } from 'vitest';
import { parseConversation } from '@/webmail/gmail/conversation';
import { ConversationFeed } from '@/webmail/conversation-feed';
import { gmailConversationPage } from '@/webmail/gmail/navigation';
import type { OpenConversation } from '@/webmail/types';
import { loadOwn } from './fixtures';

function page() {
  const { document, window } = loadOwn('2026-11-27-conversation.html');
  const parse = vi.fn(parseConversation);
  const feed = new ConversationFeed(gmailConversationPage, document, window as unknown as Window, { debounceMs: 5, parse });
  return { document, window, parse, feed };
}

describe('ConversationFeed (one watcher per page)', () => {
  it('reads the page once per change however many listen, and tells each of them', async () => {
    const { document, parse, feed } = page();
    const ctl = new AbortController();
    const heard: string[][] = [[], [], []];
    heard.forEach((list, i) => feed.subscribe((c) => list.push(`${i}:${c?.messages[0]?.expanded}`), ctl.signal));
    expect(parse).toHaveBeenCalledTimes(1); // the watcher's first read
    document.querySelector('.kv')!.className = 'h7';
    await vi.waitFor(() => expect(heard[2]).toHaveLength(1));
    expect(parse).toHaveBeenCalledTimes(2);
    expect(heard).toEqual([['0:true'], ['1:true'], ['2:true']]);
    ctl.abort();
  });

  it('answers current() from the last read while nothing changed, and reads again after a change', async () => {
    const { document, parse, feed } = page();
    const ctl = new AbortController();
    const heard: (OpenConversation | undefined)[] = [];
    feed.subscribe((c) => heard.push(c), ctl.signal);
    const first = feed.current();
    expect(first?.subject).toBe('Quote 2026-118 for the Lyon office');
    feed.current();
    expect(parse).toHaveBeenCalledTimes(1);

    document.querySelector('.kv')!.className = 'h7';
    // Changed but not yet read by the watcher: current() reads the page itself.
    expect(feed.current()?.messages[0]?.expanded).toBe(true);
    expect(parse).toHaveBeenCalledTimes(2);
    ctl.abort();
  });

  it('stops watching when the last listener leaves, and reads fresh then', async () => {
    const { document, parse, feed } = page();
    const a = new AbortController();
    const b = new AbortController();
    const heard = vi.fn();
    feed.subscribe(heard, a.signal);
    feed.subscribe(heard, b.signal);
    a.abort();
    const collapsed = document.querySelector('.kv')!;
    collapsed.className = 'h7';
    await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(1)); // b still listens
    b.abort();
    const calls = parse.mock.calls.length;
    collapsed.className = 'kv';
    await new Promise((r) => setTimeout(r, 40));
    expect(heard).toHaveBeenCalledTimes(1);
    expect(parse).toHaveBeenCalledTimes(calls);
    feed.current();
    feed.current();
    expect(parse).toHaveBeenCalledTimes(calls + 2);
  });
});
