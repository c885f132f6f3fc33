import { describe, expect, it, vi } from 'vitest';
import { createGmailAdapter } from '@/webmail/gmail/adapter';
import type { FetchLike } from '@/webmail/gmail/message-id-resolver';
import type { ComposeHandle } from '@/webmail/types';
import { loadOwn, readOwn } from './fixtures';

describe('createGmailAdapter', () => {
  it.each([
    ['2026-11-27-conversation.html', 'sales@acme.example'],
    ['2026-11-27-reading-pane.html', 'support@acme.example'],
    ['2026-11-27-compose-popout.html', 'sales@acme.example'],
  ])('userAddress on %s → %s', (fixture, address) => {
    const { document, window } = loadOwn(fixture);
    expect(createGmailAdapter(document, window).userAddress()).toBe(address);
  });

  it('falls back to the address in the title when GLOBALS is not in the DOM', () => {
    const { document, window } = loadOwn('2026-11-27-reading-pane.html');
    document.querySelectorAll('script').forEach((s) => s.remove());
    expect(createGmailAdapter(document, window).userAddress()).toBe('support@acme.example');
  });

  it('reads the open conversation and mounts controls in per-message toolbar slots', async () => {
    const { document, window } = loadOwn('2026-11-27-conversation.html');
    const adapter = createGmailAdapter(document, window);
    expect(adapter.provider).toBe('gmail');
    const c = adapter.currentConversation();
    expect(c?.messages).toHaveLength(3);
    const [collapsed, expanded] = c!.messages;
    const slots: Element[] = [];
    const mount = async (slot: Element) => {
      slots.push(slot);
      const el = slot.appendChild(document.createElement('mailroom-test'));
      return () => el.remove();
    };
    const life = new AbortController();
    const control = await adapter.mountMessageControl(expanded!, mount, life.signal);
    expect(slots[0]?.matches('td.acX')).toBe(true);
    expect(slots[0]?.closest('[data-message-id]')?.getAttribute('data-message-id')).toBe('#msg-f:1849943502861642564');
    expect(control?.isConnected()).toBe(true);
    expect(await adapter.mountMessageControl(collapsed!, mount, life.signal)).toBeUndefined();
    expect(await adapter.mountMessageControl({ providerMessageId: 'msg-f:1' }, mount, life.signal)).toBeUndefined();
    expect(slots).toHaveLength(1);
    life.abort();
    expect(document.querySelector('mailroom-test')).toBeNull();
    expect(control?.isConnected()).toBe(false);
  });

  it('resolves a Message-ID with the ik from the page and the account from the URL', async () => {
    const { document, window } = loadOwn('2026-11-27-conversation.html', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJQw');
    const fetch = vi.fn<FetchLike>(async () => ({ status: 200, text: async () => readOwn('2026-11-27-show-original.html') }));
    const adapter = createGmailAdapter(document, window, { fetch });
    const [first] = adapter.currentConversation()!.messages;
    expect(await adapter.resolveMessageId(first!)).toBe('<CAHx9=Qk7pZ+r2Lm_w4@mail.client-corp.example>');
    expect(fetch.mock.calls[0]?.[0]).toBe('https://mail.google.com/mail/u/0/?ik=3f9a1c2e7b&view=om&permmsgid=msg-f:1849939442718824961');
  });

  it.each([
    ['Chrome: the window\'s fetch', false],
    ['Firefox: content.fetch, which goes out as the page', true],
  ])('fetches Gmail with the page\'s session — %s', async (_label, firefox) => {
    const { document, window } = loadOwn('2026-11-27-conversation.html', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJQw');
    const answer = async (_url: string, _init?: RequestInit) => ({ status: 200, text: async () => readOwn('2026-11-27-show-original.html') });
    const windowFetch = vi.fn(answer);
    const contentFetch = vi.fn(answer);
    Object.assign(window, { fetch: windowFetch });
    // Not vi.stubGlobal: vi.unstubAllGlobals would also take away the fake `browser` and `chrome`
    // the WXT setup stubs, for every file that later shares this worker's modules.
    if (firefox) Object.assign(globalThis, { content: { fetch: contentFetch } });
    try {
      const adapter = createGmailAdapter(document, window);
      expect(await adapter.resolveMessageId({ providerMessageId: 'msg-f:1849939442718824961' })).toBe('<CAHx9=Qk7pZ+r2Lm_w4@mail.client-corp.example>');
      expect((firefox ? contentFetch : windowFetch).mock.calls[0]?.[1]).toMatchObject({ credentials: 'include' });
      expect((firefox ? windowFetch : contentFetch)).not.toHaveBeenCalled();
    } finally {
      Reflect.deleteProperty(globalThis, 'content');
    }
  });

  it('reports composes through onComposeOpened with the handle contract', () => {
    const { document, window } = loadOwn('2026-11-27-compose-forward.html');
    const adapter = createGmailAdapter(document, window);
    const got: ComposeHandle[] = [];
    const ctl = new AbortController();
    adapter.onComposeOpened((c) => got.push(c), ctl.signal);
    expect(got.map((c) => [c.id, c.kind, c.getFrom()])).toEqual([
      ['c7', 'forward', 'support@acme.example'],
      ['c8', 'new', 'sales@acme.example'],
    ]);
    got[0]!.setSignature({ id: 'sig-1', html: '<p>Acme Support</p>' });
    expect(got[0]!.currentSignatureId()).toBe('sig-1');
    ctl.abort();
  });

  it('openCompose clicks Compose, waits for the window and fills the recipients', async () => {
    const { document, window } = loadOwn('2026-11-27-conversation.html');
    const template = loadOwn('2026-11-27-compose-new.html').document.querySelector('.dw .no')!.innerHTML;
    // Stand-in for Gmail: the Compose button opens a new window a little later.
    const button = document.querySelector('[gh="cm"]')!;
    const events: string[] = [];
    for (const type of ['mousedown', 'mouseup', 'click']) button.addEventListener(type, () => events.push(type));
    button.addEventListener('mouseup', () => {
      setTimeout(() => document.querySelector('.dw .no')!.insertAdjacentHTML('beforeend', template), 5);
    });
    const inputs: string[] = [];
    document.addEventListener('input', (e) => inputs.push((e.target as HTMLInputElement).value), true);

    const adapter = createGmailAdapter(document, window);
    const handle = await adapter.openCompose([{ address: 'claire.martin@client-corp.example', name: 'Claire' }, { address: 'bob@client-corp.example' }]);
    expect(events).toEqual(['mousedown', 'mouseup', 'click']);
    expect(handle?.id).toBe('c3');
    expect(handle?.kind).toBe('new');
    expect(inputs).toEqual(['claire.martin@client-corp.example, bob@client-corp.example']);
  });

  it('openCompose resolves undefined when no compose appears, or when there is no Compose button', async () => {
    const { document, window } = loadOwn('2026-11-27-conversation.html');
    const adapter = createGmailAdapter(document, window, { openComposeTimeoutMs: 30 });
    expect(await adapter.openCompose([{ address: 'a@b.example' }])).toBeUndefined();

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.querySelector('[gh="cm"]')!.remove();
    expect(await adapter.openCompose([{ address: 'a@b.example' }])).toBeUndefined();
    const logged = warn.mock.calls.map((c) => String(c[0])).join('\n');
    expect(logged).toContain('composeButton');
    expect(logged).not.toContain('@');
  });

  it('tells of each move within Gmail (hash routing), until the signal aborts', () => {
    const { document, window } = loadOwn('2026-11-27-conversation.html');
    const adapter = createGmailAdapter(document, window);
    const ctl = new AbortController();
    const moved = vi.fn();
    adapter.onNavigation(moved, ctl.signal);
    window.dispatchEvent(new window.HashChangeEvent('hashchange'));
    window.dispatchEvent(new window.PopStateEvent('popstate'));
    expect(moved).toHaveBeenCalledTimes(2);
    ctl.abort();
    window.dispatchEvent(new window.HashChangeEvent('hashchange'));
    expect(moved).toHaveBeenCalledTimes(2);
  });

  it('never throws into the page when a listener throws on conversation change, and the others still hear it', async () => {
    const { document, window } = loadOwn('2026-11-27-conversation.html');
    const adapter = createGmailAdapter(document, window, { navigationDebounceMs: 5 });
    const ctl = new AbortController();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const cb = vi.fn(() => {
      throw new Error('feature bug');
    });
    const other = vi.fn();
    expect(() => adapter.onConversationChanged(cb, ctl.signal)).not.toThrow();
    adapter.onConversationChanged(other, ctl.signal);
    // What is open at subscription is read with currentConversation(), not announced.
    expect(cb).not.toHaveBeenCalled();
    expect(adapter.currentConversation()).toMatchObject({ subject: 'Quote 2026-118 for the Lyon office' });
    document.querySelector('.kv')!.className = 'h7'; // a collapsed message expands
    await vi.waitFor(() => expect(other).toHaveBeenCalledTimes(1));
    expect(cb).toHaveBeenCalledTimes(1);
    expect((cb.mock.calls[0] as unknown[])[0]).toMatchObject({ subject: 'Quote 2026-118 for the Lyon office' });
    expect(warn).toHaveBeenCalled();
    ctl.abort();
  });
});
