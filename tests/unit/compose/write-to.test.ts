import { createTestingPinia } from '@pinia/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/errors';
import WriteToButton from '@/components/record/WriteToButton.vue';
import { forwardOpenTo } from '@/background/forward-open-to';
import { isOpenToMessage, openComposeTo } from '@/features/compose/open-to';
import { ProtocolRequestError, send } from '@/messaging/client';
import { locale } from '@/utils/i18n';
import type { TabState } from '@/messaging/protocol';
import { useComposeStore } from '@/stores/compose';
import { noneAdapter } from '@/webmail/none';
import { ensureUiMessage, isEnsureUiMessage } from '@/webmail/page-core';
import type { ComposeHandle, WebmailAdapter } from '@/webmail/types';
import { callsOf, defaultHandlers, mockSend, support } from './api-mock';
import { FakeCompose } from './fake-compose';

vi.mock('@/messaging/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/messaging/client')>()),
  send: vi.fn(),
}));

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '';
  mockSend(send, defaultHandlers());
});

/** An adapter that opens a FakeCompose and reports it through `onComposeOpened` first, as Gmail's does. */
function openingAdapter(): WebmailAdapter & { opened: FakeCompose[]; to: unknown[] } {
  const listeners: ((c: ComposeHandle) => void)[] = [];
  const opened: FakeCompose[] = [];
  const to: unknown[] = [];
  return {
    ...noneAdapter,
    provider: 'gmail',
    opened,
    to,
    onComposeOpened: (cb) => void listeners.push(cb),
    openCompose: async (recipients) => {
      to.push(recipients);
      const compose = new FakeCompose({ fromChoices: ['sales@acme.test', 'support@acme.test'] });
      opened.push(compose);
      for (const l of listeners) l(compose);
      return compose;
    },
  };
}

describe('"Write to" in the Gmail tab', () => {
  it('opens a compose to the contact with the account asked for and its signature', async () => {
    const store = useComposeStore(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
    const adapter = openingAdapter();
    // The feature's own listener attaches every compose, as `features/compose-signature.ts` does.
    adapter.onComposeOpened((c) => void store.attach(c), new AbortController().signal);
    const message = { name: 'compose.openTo', req: { to: [{ address: 'bob@client.test', name: 'Bob' }], accountId: support.id } };
    expect(isOpenToMessage(message)).toBe(true);

    const reply = await openComposeTo(adapter, store, message.req);
    const compose = adapter.opened[0]!;
    expect(reply).toEqual({ ok: true, res: { composeId: compose.id } });
    expect(adapter.to).toEqual([[{ address: 'bob@client.test', name: 'Bob' }]]);
    expect(store.composes[compose.id]!.accountId).toBe(support.id);
    expect(compose.from).toBe('support@acme.test');
    expect(compose.markers()).toEqual(['sig-support-1']);
  });

  it('without an account: the default account, once', async () => {
    const store = useComposeStore(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
    const adapter = openingAdapter();
    adapter.onComposeOpened((c) => void store.attach(c), new AbortController().signal);
    await openComposeTo(adapter, store, { to: [{ address: 'bob@client.test' }] });
    expect(adapter.opened[0]!.markers()).toEqual(['sig-sales-1']);
    expect(adapter.opened[0]!.signatureCalls).toHaveLength(1);
  });

  it('answers with a readable error when the page cannot open a compose', async () => {
    const store = useComposeStore(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
    const reply = await openComposeTo(noneAdapter, store, { to: [{ address: 'bob@client.test' }] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'compose_not_opened' } });
  });

  it.each([null, {}, { name: 'compose.openTo' }, { name: 'tab.report', req: { to: [] } }])('ignores other messages: %j', (m) => {
    expect(isOpenToMessage(m)).toBe(false);
  });
});

describe('"Write to" in the background', () => {
  const gmailTab: TabState = { tabId: 7, provider: 'gmail' };

  it('brings the followed Gmail tab forward and forwards the request to it', async () => {
    const update = vi.spyOn(fakeBrowser.tabs, 'update').mockResolvedValue({ id: 7, windowId: 3 } as never);
    const focus = vi.spyOn(fakeBrowser.windows, 'update').mockResolvedValue({} as never);
    const sendToTab = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockImplementation(async (_tab, m) => (isEnsureUiMessage(m) ? { ok: true } : { ok: true, res: { composeId: 'c1' } }));
    const req = { to: [{ address: 'bob@client.test' }], accountId: support.id };
    await expect(forwardOpenTo(req, async () => gmailTab)).resolves.toEqual({ composeId: 'c1' });
    expect(update).toHaveBeenCalledWith(7, { active: true });
    expect(focus).toHaveBeenCalledWith(3, { focused: true });
    // The compose controls are loaded on first need: the tab is asked to load them first.
    expect(sendToTab.mock.calls).toEqual([
      [7, ensureUiMessage],
      [7, { name: 'compose.openTo', req }],
    ]);
  });

  it('says why when the tab cannot start its in-page controls', async () => {
    vi.spyOn(fakeBrowser.tabs, 'update').mockResolvedValue({ id: 7, windowId: 3 } as never);
    vi.spyOn(fakeBrowser.windows, 'update').mockResolvedValue({} as never);
    const sendToTab = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: false, message: 'The Mailroom UI did not start in time.' });
    await expect(forwardOpenTo({ to: [{ address: 'bob@client.test' }] }, async () => gmailTab)).rejects.toMatchObject({
      error: { code: 'webmail_ui_failed', message: expect.stringContaining('The Mailroom UI did not start in time.') },
    });
    expect(sendToTab).toHaveBeenCalledTimes(1);
  });

  it('says to open Gmail when no webmail tab is known', async () => {
    await expect(forwardOpenTo({ to: [{ address: 'bob@client.test' }] }, async () => undefined)).rejects.toMatchObject({
      error: { code: 'no_webmail_tab' },
    });
  });

  it('says to reload the tab when its content script does not answer, and passes the tab\'s own errors on', async () => {
    vi.spyOn(fakeBrowser.tabs, 'update').mockResolvedValue({ id: 7, windowId: 3 } as never);
    vi.spyOn(fakeBrowser.windows, 'update').mockResolvedValue({} as never);
    const sendToTab = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    const failure = forwardOpenTo({ to: [{ address: 'bob@client.test' }] }, async () => gmailTab);
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ error: { code: 'webmail_not_ready' } });

    sendToTab.mockImplementation(async (_tab, m) =>
      isEnsureUiMessage(m) ? { ok: true } : { ok: false, error: { code: 'compose_failed', message: 'boom' } },
    );
    await expect(forwardOpenTo({ to: [{ address: 'bob@client.test' }] }, async () => gmailTab)).rejects.toMatchObject({
      error: { code: 'compose_failed', message: 'boom' },
    });
  });
});

describe('WriteToButton', () => {
  it('is named after the contact and sends compose.openTo with the account', async () => {
    const handlers = defaultHandlers();
    handlers['compose.openTo'] = () => ({ composeId: 'c9' });
    mockSend(send, handlers);
    const wrapper = mount(WriteToButton, { props: { contact: { address: 'bob@client.test', name: 'Bob Client' }, accountId: support.id } });
    const button = wrapper.get('button');
    expect(button.text()).toBe('Write to Bob Client');
    await button.trigger('click');
    await flushPromises();
    expect(callsOf(send, 'compose.openTo')).toEqual([{ to: [{ address: 'bob@client.test', name: 'Bob Client' }], accountId: support.id }]);
    expect(wrapper.emitted('opened')).toEqual([['c9']]);
  });

  it('shows why it could not open a message, in the UI language', async () => {
    const handlers = defaultHandlers();
    handlers['compose.openTo'] = () => {
      throw new ProtocolRequestError({ code: 'no_webmail_tab', message: 'No webmail tab is followed.' });
    };
    mockSend(send, handlers);
    const wrapper = mount(WriteToButton, { props: { contact: { address: 'bob@client.test' } } });
    expect(wrapper.get('button').text()).toBe('Write to bob@client.test');
    await wrapper.get('button').trigger('click');
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toBe('Open Gmail in a tab first, then try again.');
    expect(callsOf(send, 'compose.openTo')).toEqual([{ to: [{ address: 'bob@client.test' }] }]);
    locale.value = 'fr';
    try {
      await wrapper.get('button').trigger('click');
      await flushPromises();
      expect(wrapper.get('[role="alert"]').text()).toBe('Ouvrez d’abord Gmail dans un onglet, puis réessayez.');
    } finally {
      locale.value = 'en';
    }
  });
});

describe('WriteToRecord', () => {
  it('offers one button per address of the record, none without an address', async () => {
    const { default: WriteToRecord } = await import('@/components/record/WriteToRecord.vue');
    const handlers = defaultHandlers();
    handlers['compose.openTo'] = () => ({ composeId: 'c1' });
    mockSend(send, handlers);
    const two = mount(WriteToRecord, { props: { record: { name: 'Claire Martin', emails: ['claire@client.test', 'c.martin@client.test'] }, accountId: support.id } });
    expect(two.findAll('button').map((b) => b.text())).toEqual([
      'Write to Claire Martin <claire@client.test>',
      'Write to Claire Martin <c.martin@client.test>',
    ]);
    await two.findAll('button')[1]!.trigger('click');
    await flushPromises();
    expect(callsOf(send, 'compose.openTo')).toEqual([{ to: [{ address: 'c.martin@client.test', name: 'Claire Martin' }], accountId: support.id }]);

    const one = mount(WriteToRecord, { props: { record: { name: 'Bob', emails: ['bob@client.test'] } } });
    expect(one.get('button').text()).toBe('Write to Bob');
    const none = mount(WriteToRecord, { props: { record: { name: 'Acme', emails: [] } } });
    expect(none.find('button').exists()).toBe(false);
  });
});
