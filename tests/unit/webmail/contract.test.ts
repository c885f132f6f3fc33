/**
 * One contract suite (webmail/types.ts), the same cases on every implementation: the Gmail and
 * Outlook adapters on their dated fixtures, and the compose handles — Gmail's, Outlook's and the fake the
 * store tests use — so the fake cannot drift from what the real handles do.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGmailAdapter } from '@/webmail/gmail/adapter';
import { findComposes } from '@/webmail/gmail/compose-detect';
import { GmailComposeHandle } from '@/webmail/gmail/compose-handle';
import { createOutlookAdapter } from '@/webmail/outlook/adapter';
import { findComposes as findOutlookComposes } from '@/webmail/outlook/compose-detect';
import { FromChoiceMemory } from '@/webmail/outlook/compose-from';
import { OutlookComposeHandle } from '@/webmail/outlook/compose-handle';
import type { FetchLike } from '@/webmail/page-request';
import type { ComposeHandle, ComposeKind, WebmailAdapter } from '@/webmail/types';
import { FakeCompose } from '../compose/fake-compose';
import { loadOwn } from './gmail/fixtures';
import { loadCompose as loadOutlookCompose } from './outlook/fixtures';
import { loadReading } from './outlook/reading-pages';

/** The webmail's own service is unreachable in these cases: every lookup must degrade. */
const offline: FetchLike = async () => {
  throw new TypeError('offline');
};

interface AdapterCase {
  name: string;
  open(): { adapter: WebmailAdapter; document: Document };
  sender: string;
}

const adapters: AdapterCase[] = [
  {
    name: 'Gmail',
    open: () => {
      const { document, window } = loadOwn('2026-11-27-conversation.html', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJQw');
      return { document, adapter: createGmailAdapter(document, window, { fetch: offline }) };
    },
    sender: 'claire.martin@client-corp.example',
  },
  ...(['en', 'fr'] as const).map((ui) => ({
    name: `Outlook (${ui})`,
    open: () => {
      const { document, window } = loadReading(`2026-12-03-conversation.${ui}.html`, 'https://outlook.office.com/mail/inbox/id/AAMkADAwATM0MDAAMS1hZDk3LTk3AAA3');
      return { document, adapter: createOutlookAdapter(document, window, { fetch: offline }) };
    },
    sender: 'claire.martin@client-corp.example',
  })),
];

const mountTest = (document: Document) => async (slot: Element) => {
  const el = slot.appendChild(document.createElement('mailroom-contract'));
  return () => el.remove();
};

describe.each(adapters)('WebmailAdapter contract: $name', ({ open, sender }) => {
  afterEach(() => void vi.useRealTimers());

  it('reads the open conversation: messages with ids, sender, subject, an expanded state', () => {
    const { adapter } = open();
    const c = adapter.currentConversation();
    expect(c?.subject).toBeTruthy();
    expect(c!.messages.length).toBeGreaterThan(1);
    expect(new Set(c!.messages.map((m) => m.providerMessageId)).size).toBe(c!.messages.length);
    expect(c!.messages.every((m) => m.subject === c!.subject && /@/.test(m.from.address))).toBe(true);
    expect(c!.messages.some((m) => m.from.address === sender)).toBe(true);
    expect(c!.messages.some((m) => m.expanded) && c!.messages.some((m) => !m.expanded)).toBe(true);
    expect(adapter.userAddress()).toMatch(/@/);
  });

  it('mounts one control per expanded message, none for a collapsed or unknown one, and removes them on abort', async () => {
    const { adapter, document } = open();
    const messages = adapter.currentConversation()!.messages;
    const life = new AbortController();
    vi.useFakeTimers();
    const pending = Promise.all(messages.map((m) => adapter.mountMessageControl(m, mountTest(document), life.signal)));
    const unknown = adapter.mountMessageControl({ providerMessageId: 'no-such-message' }, mountTest(document), life.signal);
    await vi.runAllTimersAsync();
    const controls = await pending;
    expect(await unknown).toBeUndefined();
    expect(controls.map((c) => c !== undefined)).toEqual(messages.map((m) => m.expanded));
    expect(document.querySelectorAll('mailroom-contract')).toHaveLength(messages.filter((m) => m.expanded).length);
    expect(controls.every((c) => !c || c.isConnected())).toBe(true);
    life.abort();
    expect(document.querySelectorAll('mailroom-contract')).toHaveLength(0);
    expect(controls.every((c) => !c || !c.isConnected())).toBe(true);
  });

  it('an unreachable webmail service: no Message-ID and no attachment, nothing thrown', async () => {
    const { adapter } = open();
    const messages = adapter.currentConversation()!.messages;
    vi.useFakeTimers();
    const ids = Promise.all(messages.map((m) => adapter.resolveMessageId(m)));
    const withFile = messages.find((m) => m.attachments.length > 0)!;
    const file = adapter.fetchAttachment(withFile, 99);
    await vi.runAllTimersAsync();
    expect(await ids).toEqual(messages.map(() => undefined));
    expect(await file).toBeUndefined();
  });

  it('a listener that throws does not stop the others, and an aborted one hears nothing', async () => {
    const { adapter, document } = open();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const life = new AbortController();
    const gone = new AbortController();
    const heard: string[] = [];
    adapter.onConversationChanged(() => {
      throw new Error('feature bug');
    }, life.signal);
    adapter.onConversationChanged(() => heard.push('kept'), life.signal);
    adapter.onConversationChanged(() => heard.push('aborted'), gone.signal);
    gone.abort();
    // Collapse every message but the last: a change Gmail and Outlook both show.
    document.querySelectorAll('[aria-expanded="true"]').forEach((el) => el.setAttribute('aria-expanded', 'false'));
    document.querySelectorAll('.h7').forEach((el) => el.classList.replace('h7', 'kv'));
    await vi.waitFor(() => expect(heard).toEqual(['kept']), { timeout: 2000 });
    life.abort();
    expect(warn).toHaveBeenCalled();
  });
});

interface ComposeCase {
  name: string;
  open(kind: Extract<ComposeKind, 'new' | 'reply'>): { handle: ComposeHandle; text(): string; close(): void; dropToolbar(): void };
}

const composes: ComposeCase[] = [
  {
    name: 'Gmail compose handle',
    open(kind) {
      const { document, window } = loadOwn(kind === 'new' ? '2026-11-27-compose-new.html' : '2026-11-27-compose-reply.html');
      const [parts] = findComposes(document);
      const handle = new GmailComposeHandle(parts!, window, { watchClosing: () => {} });
      return {
        handle,
        text: () => parts!.body.textContent ?? '',
        close: () => {
          parts!.root.remove();
          handle.markClosed();
        },
        dropToolbar: () => parts!.root.querySelectorAll('tr.btC, div.IZ, table.IZ').forEach((el) => el.remove()),
      };
    },
  },
  {
    name: 'Outlook compose handle',
    open(kind) {
      const { document, window } = loadOutlookCompose(kind === 'new' ? '2026-12-03-compose-new-reading-pane.en.html' : '2026-12-03-compose-reply-inline.en.html');
      const [parts] = findOutlookComposes(document);
      if (kind === 'reply') {
        // The same words as the other cases: typed above Outlook's quote, and the quoted mail.
        parts!.body.firstElementChild!.textContent = 'Thanks Claire, noted.';
        parts!.body.querySelector('.x_elementToProof')!.textContent = 'Thank you, that works for us.';
      }
      const handle = new OutlookComposeHandle(parts!, window, { watchClosing: () => {}, fromMemory: new FromChoiceMemory(), savedDraft: false });
      return {
        handle,
        text: () => parts!.body.textContent ?? '',
        close: () => {
          parts!.root.remove();
          handle.markClosed();
        },
        dropToolbar: () => parts!.root.querySelectorAll('button[data-testid="ComposeSendButton"]').forEach((el) => el.remove()),
      };
    },
  },
  {
    name: 'fake compose of the store tests',
    open(kind) {
      const toolbar = document.body.appendChild(document.createElement('div'));
      const fake = new FakeCompose({
        kind,
        toolbar,
        body: kind === 'new' ? '<div>Hello</div>' : '<div>Thanks Claire, noted.</div><div class="gmail_quote">Thank you, that works for us.</div>',
      });
      return {
        handle: fake,
        text: () => fake.body.textContent ?? '',
        close: () => fake.close(),
        dropToolbar: () => {
          toolbar.remove();
          fake.toolbar = undefined;
        },
      };
    },
  },
];

const sigA = { id: 'sig-a', html: '<p>Jane Roe, Acme</p>' };
const sigB = { id: 'sig-b', html: '<p>Acme Sales desk</p>' };
const count = (text: string, part: string) => text.split(part).length - 1;

describe.each(composes)('ComposeHandle contract: $name', ({ open }) => {
  afterEach(() => void vi.useRealTimers());

  it('a new message: ours at the end, replaced in place, removed by null', () => {
    const c = open('new');
    c.handle.setSignature(sigA);
    expect(c.handle.currentSignatureId()).toBe('sig-a');
    expect(c.text().trimEnd().endsWith('Jane Roe, Acme')).toBe(true);
    c.handle.setSignature(sigA);
    expect(count(c.text(), 'Jane Roe, Acme')).toBe(1);
    c.handle.setSignature(sigB);
    expect(c.handle.currentSignatureId()).toBe('sig-b');
    expect(count(c.text(), 'Jane Roe, Acme')).toBe(0);
    expect(count(c.text(), 'Acme Sales desk')).toBe(1);
    c.handle.setSignature(null);
    expect(c.handle.currentSignatureId()).toBeUndefined();
    expect(count(c.text(), 'Acme Sales desk')).toBe(0);
  });

  it('a reply: ours above the quoted text, after what the user typed', () => {
    const c = open('reply');
    expect(c.handle.kind).toBe('reply');
    c.handle.setSignature(sigA);
    const text = c.text();
    expect(text.indexOf('Thanks Claire, noted.')).toBeLessThan(text.indexOf('Jane Roe, Acme'));
    expect(text.indexOf('Jane Roe, Acme')).toBeLessThan(text.indexOf('Thank you, that works for us.'));
  });

  it('mounts its controls in the toolbar, removed on abort; none without a toolbar', async () => {
    const c = open('new');
    const life = new AbortController();
    const mounted: Element[] = [];
    const mount = async (slot: Element) => {
      const el = slot.appendChild(slot.ownerDocument.createElement('mailroom-contract'));
      mounted.push(el);
      return () => el.remove();
    };
    expect(await c.handle.mountControl(mount, life.signal)).toBe(true);
    expect(mounted[0]?.isConnected).toBe(true);
    life.abort();
    expect(mounted[0]?.isConnected).toBe(false);

    const bare = open('new');
    bare.dropToolbar();
    vi.useFakeTimers();
    const none = bare.handle.mountControl(mount, new AbortController().signal);
    await vi.runAllTimersAsync();
    expect(await none).toBe(false);
  });

  it('once closed, every method is a no-op and onClosed fires', async () => {
    const c = open('new');
    const closed = vi.fn();
    c.handle.onClosed(closed, new AbortController().signal);
    c.close();
    expect(closed).toHaveBeenCalledTimes(1);
    expect(() => c.handle.setSignature(sigA)).not.toThrow();
    expect(() => c.handle.removeNativeSignature()).not.toThrow();
  });
});
