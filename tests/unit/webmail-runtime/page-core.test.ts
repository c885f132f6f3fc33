import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startWebmailCore } from '@/webmail/core';
import { noneAdapter } from '@/webmail/none';
import { ensureUiMessage, pageCore } from '@/webmail/page-core';
import type { WebmailAdapter } from '@/webmail/types';
import { sendMock, sent } from '../stores/mock-send';

vi.mock('@/messaging/client', (original) => import('../stores/mock-send').then((m) => m.mockedClient(original)));

let stop: AbortController;
beforeEach(() => {
  fakeBrowser.reset();
  sendMock.reset();
  document.body.innerHTML = '';
  sendMock.on('tab.report', () => undefined);
  sendMock.on('session.get', () => ({ status: 'signed-out', serverUrl: 'http://localhost:8787' }));
  stop = new AbortController();
});
afterEach(() => stop.abort());

function fakeContext(signal: AbortSignal): ContentScriptContext {
  const callbacks: (() => void)[] = [];
  signal.addEventListener('abort', () => callbacks.forEach((cb) => cb()));
  return { options: { cssInjectionMode: 'manual' }, signal, onInvalidated: (cb: () => void) => void callbacks.push(cb) } as unknown as ContentScriptContext;
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

const adapter: WebmailAdapter = {
  ...noneAdapter,
  provider: 'gmail',
  resolveMessageId: async (ref) => (ref.providerMessageId === 'm1' ? '<one@acme.test>' : undefined),
};

describe('page core (the always-loaded content script)', () => {
  it('reports the tab, shows the pill and shares its adapter with the UI chunk, without loading the UI', async () => {
    startWebmailCore(fakeContext(stop.signal), 'gmail', adapter);
    await settle();
    expect(pageCore()?.adapter).toBe(adapter);
    expect(pageCore()?.provider).toBe('gmail');
    expect(sent.map((s) => s.name).sort()).toEqual(['session.get', 'tab.report']);
    const host = document.querySelector('mailroom-control');
    expect(host?.shadowRoot?.querySelector('button.pill')?.getAttribute('aria-label')).toBe('Open the Mailroom side panel');
  });

  it('does nothing at page load but listen; reads the page, reports and shows the pill once the page is idle', async () => {
    const idle: (() => void)[] = [];
    const win = { requestIdleCallback: (cb: () => void) => void idle.push(cb) } as unknown as Window;
    startWebmailCore(fakeContext(stop.signal), 'gmail', adapter, win);
    await settle();
    expect(sent).toEqual([]);
    expect(document.querySelector('mailroom-control')).toBeNull();
    idle.forEach((cb) => cb());
    await settle();
    expect(sent.map((s) => s.name).sort()).toEqual(['session.get', 'tab.report']);
    expect(document.querySelector('mailroom-control')).not.toBeNull();
  });

  it('loads the UI when the background asks, and answers once the UI has started', async () => {
    sendMock.on('page.inject', () => undefined);
    startWebmailCore(fakeContext(stop.signal), 'gmail', adapter);
    let answered: unknown;
    void fakeBrowser.runtime.onMessage.trigger(ensureUiMessage, {}).then((replies) => {
      answered = replies.find((r) => r !== undefined);
    });
    await settle();
    expect(sent.filter((s) => s.name === 'page.inject')).toEqual([{ name: 'page.inject', req: { script: 'mail-ui', locale: 'en' } }]);
    expect(answered).toBeUndefined();
    pageCore()!.uiStarted();
    await settle();
    expect(answered).toEqual({ ok: true });
  });

  it('says why the UI could not be loaded', async () => {
    sendMock.fail('page.inject', { code: 'not_found', message: 'Only a webmail tab can load the Mailroom controls.' });
    startWebmailCore(fakeContext(stop.signal), 'gmail', adapter);
    const replies = await fakeBrowser.runtime.onMessage.trigger(ensureUiMessage, {});
    expect(replies.find((r) => r !== undefined)).toEqual({ ok: false, message: 'Only a webmail tab can load the Mailroom controls.' });
  });

  it('answers the side panel\'s Message-ID questions itself, null where the page cannot say', async () => {
    startWebmailCore(fakeContext(stop.signal), 'gmail', adapter);
    const message = { name: 'tab.resolveMessageIds', req: { refs: [{ providerMessageId: 'm1' }, { providerMessageId: 'm2' }] } };
    const replies = await fakeBrowser.runtime.onMessage.trigger(message, {});
    expect(replies.find((r) => r !== undefined)).toEqual({ ok: true, res: { m1: '<one@acme.test>', m2: null } });
  });

  it('stops answering once the content script is gone', async () => {
    startWebmailCore(fakeContext(stop.signal), 'gmail', adapter);
    await settle();
    stop.abort();
    const replies = await fakeBrowser.runtime.onMessage.trigger(ensureUiMessage, {});
    expect(replies.filter((r) => r !== undefined)).toEqual([]);
    expect(document.querySelector('mailroom-control')).toBeNull();
  });
});
