import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent } from 'vue';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describeError } from '@/composables/useErrorMessage';
import { useSidePanel } from '@/composables/useSidePanel';
import { ProtocolRequestError } from '@/messaging/client';
import type { ProtocolError } from '@/messaging/protocol';
import { locale } from '@/utils/i18n';

beforeEach(() => {
  fakeBrowser.reset();
  locale.value = 'en';
});

describe('describeError', () => {
  const err = (e: ProtocolError) => new ProtocolRequestError(e);
  it.each([
    [{ code: 'network', message: 'x' }, 'en', 'Cannot reach the Mailroom server at http://s:1'],
    [{ code: 'network', message: 'x' }, 'fr', 'Impossible de joindre le serveur Mailroom à http://s:1'],
    [{ code: 'signed_out', status: 401, message: 'x' }, 'en', 'Your session has expired, sign in again'],
    [{ code: 'signed_out', message: 'x' }, 'en', 'Sign in to Mailroom first.'],
    [{ code: 'server_url', status: 404, message: 'x' }, 'en', 'This address does not look like a Mailroom server.'],
    [{ code: 'server_url', message: 'x' }, 'fr', "Saisissez l'adresse du serveur, par exemple http://localhost:8787."],
    [{ code: 'quota_exceeded', status: 409, message: 'Your plan allows 3 active accounts.' }, 'en', 'Your plan allows 3 active accounts.'],
    [{ code: 'internal', status: 500, message: 'stack trace here' }, 'en', 'Something went wrong. Try again.'],
  ] as [ProtocolError, 'en' | 'fr', string][])('%j in %s → %s', (e, lang, text) => {
    locale.value = lang;
    expect(describeError(err(e), 'http://s:1')).toBe(text);
  });

  it('never shows a raw exception', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(describeError(new TypeError('x is undefined'), 'http://s:1')).toBe('Something went wrong. Try again.');
  });
});

describe('useSidePanel', () => {
  it('opens the panel synchronously in the click (the user gesture does not survive an await)', async () => {
    const win = await fakeBrowser.windows.create({});
    fakeBrowser.windows.getCurrent = (async () => win) as typeof fakeBrowser.windows.getCurrent;
    const open = vi.fn(async () => undefined);
    // As in Chrome: a side panel API, no Firefox sidebar.
    Object.assign(fakeBrowser, { sidePanel: { open }, sidebarAction: undefined });
    let api!: ReturnType<typeof useSidePanel>;
    mount(defineComponent({ setup: () => ((api = useSidePanel()), () => null) }));
    await flushPromises(); // the window id is looked up at mount
    void api.open();
    // Called before any microtask ran: still inside the click handler.
    expect(open).toHaveBeenCalledWith({ windowId: win.id });
  });
});
