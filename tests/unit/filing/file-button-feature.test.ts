import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import feature from '@/features/file-button';
import { answerResolve } from '@/webmail/message-id-responder';
import { send } from '@/messaging/client';
import { locale } from '@/utils/i18n';
import { noneAdapter } from '@/webmail/none';
import { mountInSlot } from '@/webmail/mount-control';
import type { ComposeHandle, MessageRef, OpenConversation, WebmailAdapter } from '@/webmail/types';
import {
  alice,
  bob,
  callsOf,
  clientCo,
  conversation,
  defaultHandlers,
  filedState,
  keyOf,
  lookedUp,
  lookupBy,
  message,
  mockSend,
  notFiled,
  rfcId,
  sales,
  type Handlers,
} from './filing-mock';

vi.mock('@/messaging/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/messaging/client')>()),
  send: vi.fn(),
}));

let handlers: Handlers;
beforeEach(() => {
  fakeBrowser.reset();
  locale.value = 'en';
  document.body.innerHTML = '';
  handlers = defaultHandlers();
  mockSend(send, handlers);
});

function fakeContext(signal: AbortSignal): ContentScriptContext {
  const callbacks: (() => void)[] = [];
  signal.addEventListener('abort', () => callbacks.forEach((cb) => cb()));
  return { options: {}, signal, onInvalidated: (cb: () => void) => void callbacks.push(cb) } as unknown as ContentScriptContext;
}

/** A page with one toolbar slot per message id listed in `slots`. */
function fakeAdapter(initial: OpenConversation | undefined, slots: string[]) {
  const toolbars = new Map(slots.map((id) => [id, document.body.appendChild(document.createElement('div'))]));
  const changed: ((c: OpenConversation | undefined) => void)[] = [];
  const composes: ((c: ComposeHandle) => void)[] = [];
  let current = initial;
  const adapter: WebmailAdapter = {
    ...noneAdapter,
    provider: 'gmail',
    userAddress: () => 'sales@acme.test',
    currentConversation: () => current,
    onConversationChanged: (cb) => void changed.push(cb),
    onComposeOpened: (cb) => void composes.push(cb),
    resolveMessageId: async (ref: MessageRef) => rfcId(message(Number(ref.providerMessageId.slice(-1)))),
    mountMessageControl: (ref, mount, signal) => mountInSlot(() => toolbars.get(ref.providerMessageId), mount, signal),
  };
  return {
    adapter,
    toolbars,
    navigate(c: OpenConversation | undefined) {
      current = c;
      changed.forEach((cb) => cb(c));
    },
    openCompose(kind: ComposeHandle['kind']) {
      const closed: (() => void)[] = [];
      composes.forEach((cb) => cb({ kind, onClosed: (fn: () => void) => void closed.push(fn) } as unknown as ComposeHandle));
      return { close: () => closed.forEach((fn) => fn()) };
    },
  };
}

const buttonIn = (el: Element | undefined) =>
  el?.querySelector('mailroom-file-button')?.shadowRoot?.querySelector('button[data-testid="file-to-record"]') as HTMLButtonElement | null | undefined;

async function settle() {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('file-button feature', () => {
  it('puts "File to record" in each message toolbar and opens the filing popover on click', async () => {
    const stop = new AbortController();
    const [m1, m2] = [message(1), message(2)];
    const page = fakeAdapter(conversation(m1, m2), [m1.providerMessageId, m2.providerMessageId]);
    feature.run(fakeContext(stop.signal), page.adapter, stop.signal);
    await settle();

    const button = buttonIn(page.toolbars.get(m2.providerMessageId));
    expect(button?.textContent?.trim()).toBe('File to record');
    expect(buttonIn(page.toolbars.get(m1.providerMessageId))).toBeTruthy();

    button!.click();
    await settle();
    const root = page.toolbars.get(m2.providerMessageId)!.querySelector('mailroom-file-button')!.shadowRoot!;
    expect(root.querySelector('[role="dialog"]')?.getAttribute('aria-label')).toBe('File this email');
    expect(button!.getAttribute('aria-expanded')).toBe('true');
    // The popover is about the message whose button was clicked, keyed by its Message-ID.
    // One lookup for both buttons' counts, one for the popover's conversation: never one per message.
    expect(lookedUp(callsOf(send, 'filings.lookup'))).toEqual([
      [keyOf(m1), keyOf(m2)],
      [keyOf(m1), keyOf(m2)],
    ]);
    expect(root.querySelector('.mr-subject')?.textContent).toBe(m2.subject);
    expect(callsOf(send, 'presence.put')).toEqual([{ accountId: sales.id, threadKey: keyOf(m1), state: 'viewing' }]);
    stop.abort();
  });

  it('says how many records each message is filed to, from the server, and follows filings', async () => {
    const [m1, m2] = [message(1), message(2)];
    const at = '2026-11-27T08:00:00.000Z';
    let m2State = filedState({ id: 'f-1', record: bob, by: alice, at }, { id: 'f-2', record: clientCo, by: alice, at });
    handlers['filings.lookup'] = lookupBy(({ messageId }) => (messageId === keyOf(m2) ? m2State : notFiled));
    const stop = new AbortController();
    const page = fakeAdapter(conversation(m1, m2), [m1.providerMessageId, m2.providerMessageId]);
    feature.run(fakeContext(stop.signal), page.adapter, stop.signal);
    await settle();
    const label = (id: string) => buttonIn(page.toolbars.get(id))?.textContent?.trim();
    expect(label(m2.providerMessageId)).toBe('Filed · 2');
    expect(label(m1.providerMessageId)).toBe('File to record');
    expect(lookedUp(callsOf(send, 'filings.lookup'))).toEqual([[keyOf(m1), keyOf(m2)]]);

    // The conversation is reported again unchanged: nothing is asked again.
    page.navigate(conversation(m1, m2));
    await settle();
    expect(callsOf(send, 'filings.lookup')).toHaveLength(1);

    // Unfiled from the side panel: the background tells the tab, the buttons read again.
    m2State = filedState({ id: 'f-1', record: bob, by: alice, at });
    await fakeBrowser.runtime.onMessage.trigger({ broadcast: 'filings.changed' }, {});
    await settle();
    expect(label(m2.providerMessageId)).toBe('Filed · 1');

    // Filed from this message's popover: its button says so at once.
    handlers['filings.submit'] = () => ({ status: 'filed', state: filedState({ id: 'f-3', record: bob, by: alice, at }) });
    buttonIn(page.toolbars.get(m1.providerMessageId))!.click();
    await settle();
    const root = page.toolbars.get(m1.providerMessageId)!.querySelector('mailroom-file-button')!.shadowRoot!;
    (root.querySelector('button[aria-label="File to Bob Buyer"]') as HTMLButtonElement).click();
    await settle();
    expect(label(m1.providerMessageId)).toBe('Filed · 1');

    locale.value = 'fr';
    await settle();
    expect(label(m2.providerMessageId)).toBe('Classé · 1');
    stop.abort();
  });

  it('asks for the suggestions as the conversation shows, and the click lists them without asking again', async () => {
    const stop = new AbortController();
    const [m1, m2] = [message(1), message(2)];
    const page = fakeAdapter(conversation(m1, m2), [m1.providerMessageId, m2.providerMessageId]);
    feature.run(fakeContext(stop.signal), page.adapter, stop.signal);
    await settle();
    const participantsOnly = () => callsOf(send, 'records.suggest').filter((c) => !c.messageKeys);
    // Asked before any click, for the last message's participants (our own address left out).
    expect(participantsOnly()).toHaveLength(1);
    expect(participantsOnly()[0]!.emails).not.toContain(sales.address);

    buttonIn(page.toolbars.get(m2.providerMessageId))!.click();
    await settle();
    const root = page.toolbars.get(m2.providerMessageId)!.querySelector('mailroom-file-button')!.shadowRoot!;
    expect(root.querySelector('button[aria-label="File to Bob Buyer"]')).toBeTruthy();
    expect(participantsOnly()).toHaveLength(1);

    // Opened again: that answer was used once; this one is asked afresh.
    buttonIn(page.toolbars.get(m2.providerMessageId))!.click();
    await settle();
    buttonIn(page.toolbars.get(m2.providerMessageId))!.click();
    await settle();
    expect(participantsOnly()).toHaveLength(2);
    stop.abort();
  });

  it('is translated', async () => {
    locale.value = 'fr';
    const stop = new AbortController();
    const m = message(1);
    const page = fakeAdapter(conversation(m), [m.providerMessageId]);
    feature.run(fakeContext(stop.signal), page.adapter, stop.signal);
    await settle();
    expect(buttonIn(page.toolbars.get(m.providerMessageId))?.textContent?.trim()).toBe('Classer dans une fiche');
    stop.abort();
  });

  it('degrades without a toolbar slot, and removes its buttons when the conversation closes', async () => {
    const stop = new AbortController();
    const [m1, m2] = [message(1), message(2)];
    // Only the second message has a slot (the first is collapsed, or the layout is unknown).
    const page = fakeAdapter(conversation(m1, m2), [m2.providerMessageId]);
    feature.run(fakeContext(stop.signal), page.adapter, stop.signal);
    await settle();
    expect(document.querySelectorAll('mailroom-file-button')).toHaveLength(1);

    page.navigate(undefined);
    await settle();
    expect(document.querySelectorAll('mailroom-file-button')).toHaveLength(0);
    stop.abort();
  });

  it('tells the others when the user replies, and again every minute until the reply closes', async () => {
    vi.useFakeTimers();
    try {
      const stop = new AbortController();
      const m = message(1);
      const page = fakeAdapter(conversation(m), []);
      feature.run(fakeContext(stop.signal), page.adapter, stop.signal);
      page.openCompose('new');
      const reply = page.openCompose('reply');
      await vi.advanceTimersByTimeAsync(10);
      const replying = { accountId: sales.id, threadKey: keyOf(m), state: 'replying' };
      expect(callsOf(send, 'presence.put')).toEqual([replying]);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(callsOf(send, 'presence.put')).toEqual([replying, replying]);
      reply.close();
      await vi.advanceTimersByTimeAsync(120_000);
      expect(callsOf(send, 'presence.put')).toHaveLength(2);
      stop.abort();
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads Message-IDs for the side panel, null where the page cannot', async () => {
    const adapter: WebmailAdapter = {
      ...noneAdapter,
      resolveMessageId: async (ref) => (ref.providerMessageId === 'msg-f:1' ? '<a@b.c>' : undefined),
    };
    await expect(answerResolve(adapter, { refs: [{ providerMessageId: 'msg-f:1' }, { providerMessageId: 'msg-f:2' }] })).resolves.toEqual({
      ok: true,
      res: { 'msg-f:1': '<a@b.c>', 'msg-f:2': null },
    });
  });
});
