import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { describe, expect, it, vi } from 'vitest';
import feature from '@/features/compose-signature';
import { send } from '@/messaging/client';
import { noneAdapter } from '@/webmail/none';
import type { ComposeHandle, WebmailAdapter } from '@/webmail/types';
import { answerFrom } from '../stores/api-handlers';
import { defaultHandlers, support } from './api-mock';
import { FakeCompose } from './fake-compose';

vi.mock('@/messaging/client', (original) => import('../stores/api-handlers').then((m) => m.clientWithSendMock(original)));

answerFrom(send, defaultHandlers);

/** The part of WXT's context `createShadowRootUi` uses; `cssInjectionMode` unset = no CSS fetch. */
function fakeContext(signal: AbortSignal): ContentScriptContext {
  const callbacks: (() => void)[] = [];
  signal.addEventListener('abort', () => callbacks.forEach((cb) => cb()));
  return { options: {}, signal, onInvalidated: (cb: () => void) => void callbacks.push(cb) } as unknown as ContentScriptContext;
}

function fakeAdapter() {
  const listeners: ((c: ComposeHandle) => void)[] = [];
  const adapter: WebmailAdapter = {
    ...noneAdapter,
    provider: 'gmail',
    onComposeOpened: (cb, signal) => {
      listeners.push(cb);
      signal.addEventListener('abort', () => listeners.splice(listeners.indexOf(cb), 1));
    },
  };
  return { adapter, open: (c: ComposeHandle) => listeners.forEach((l) => l(c)), listenerCount: () => listeners.length };
}

/** Our shadow hosts under an element, and the controls inside them. */
function controlsIn(el: Element) {
  const hosts = [...el.querySelectorAll('mailroom-compose')];
  const root = hosts[0]?.shadowRoot;
  return {
    hosts: hosts.length,
    select: root?.querySelector('select[data-testid="compose-account"]') as HTMLSelectElement | null | undefined,
    button: root?.querySelector('button[aria-haspopup="menu"]'),
  };
}

/** Lets pending promise chains and WXT's async mount run. */
async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('compose-signature feature', () => {
  it('sets up every compose and mounts its controls in a shadow root at the toolbar slot', async () => {
    const stop = new AbortController();
    const { adapter, open } = fakeAdapter();
    feature.run(fakeContext(stop.signal), adapter, stop.signal);

    const toolbar = document.createElement('div');
    document.body.append(toolbar);
    const compose = new FakeCompose({ fromChoices: ['sales@acme.test', 'support@acme.test'], toolbar });
    open(compose);
    await vi.waitFor(() => expect(compose.markers()).toEqual(['sig-sales-1']));
    await vi.waitFor(() => expect(controlsIn(toolbar).select?.value).toBe('acc-sales'));
    expect(controlsIn(toolbar).button?.textContent).toContain('Signature');

    // Gmail's own "From" menu drives the account.
    compose.userPicksFrom('support@acme.test');
    await vi.waitFor(() => expect(compose.markers()).toEqual(['sig-support-1']));
    await vi.waitFor(() => expect(controlsIn(toolbar).select?.value).toBe(support.id));
    stop.abort();
  });

  it('a compose detected again keeps one signature and one set of controls', async () => {
    const stop = new AbortController();
    const { adapter, open } = fakeAdapter();
    feature.run(fakeContext(stop.signal), adapter, stop.signal);
    const toolbar = document.createElement('div');
    document.body.append(toolbar);
    const compose = new FakeCompose({ toolbar });
    open(compose);
    await vi.waitFor(() => expect(controlsIn(toolbar).hosts).toBe(1));
    open(compose);
    await settle();
    await vi.waitFor(() => expect(controlsIn(toolbar).hosts).toBe(1));
    expect(compose.signatureCalls).toHaveLength(1);
    stop.abort();
  });

  it('mounts the controls once the webmail has built the compose toolbar a moment later', async () => {
    const stop = new AbortController();
    const { adapter, open } = fakeAdapter();
    feature.run(fakeContext(stop.signal), adapter, stop.signal);
    const compose = new FakeCompose();
    open(compose);
    await vi.waitFor(() => expect(compose.markers()).toEqual(['sig-sales-1']));
    const toolbar = document.createElement('div');
    document.body.append(toolbar);
    compose.toolbar = toolbar;
    await vi.waitFor(() => expect(controlsIn(toolbar).hosts).toBe(1), { timeout: 3000 });
    stop.abort();
    expect(controlsIn(toolbar).hosts).toBe(0);
  });

  it('a compose without the expected toolbar still gets its signature, and nothing is thrown', async () => {
    const stop = new AbortController();
    const { adapter, open } = fakeAdapter();
    const errors = vi.spyOn(console, 'error');
    feature.run(fakeContext(stop.signal), adapter, stop.signal);
    const compose = new FakeCompose();
    expect(() => open(compose)).not.toThrow();
    await vi.waitFor(() => expect(compose.markers()).toEqual(['sig-sales-1']));
    expect(document.querySelector('mailroom-compose')).toBeNull();
    expect(errors).not.toHaveBeenCalled();
    stop.abort();
  });

  it('closing a compose removes its controls; stopping the feature removes every listener', async () => {
    const stop = new AbortController();
    const { adapter, open, listenerCount } = fakeAdapter();
    const addListener = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    feature.run(fakeContext(stop.signal), adapter, stop.signal);
    const onMessage = addListener.mock.calls[0]![0];
    const toolbar = document.createElement('div');
    document.body.append(toolbar);
    const compose = new FakeCompose({ toolbar });
    open(compose);
    await vi.waitFor(() => expect(controlsIn(toolbar).hosts).toBe(1));
    compose.close();
    expect(controlsIn(toolbar).hosts).toBe(0);

    expect(listenerCount()).toBe(1);
    expect(fakeBrowser.runtime.onMessage.hasListener(onMessage)).toBe(true);
    stop.abort();
    expect(listenerCount()).toBe(0);
    expect(fakeBrowser.runtime.onMessage.hasListener(onMessage)).toBe(false);
  });
});
