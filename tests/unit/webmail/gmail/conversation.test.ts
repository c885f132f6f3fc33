import { describe, expect, it } from 'vitest';
import { parseConversation, parseDownloadUrl, parseSize } from '@/webmail/gmail/conversation';
import { conversationKey } from '@/webmail/conversation-watch';
import { parseGmailDate } from '@/webmail/gmail/dates';
import { legacyHexToDecimal, messageIdFrom, threadIdFrom } from '@/webmail/gmail/ids';
import { loadOwn, loadPage, readCaptured } from './fixtures';

const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo, d, h, mi).toISOString();

describe('parseConversation over saved pages', () => {
  it.each([
    {
      fixture: '2026-11-27-conversation.html',
      threadId: 'thread-f:1849939442718824961',
      subject: 'Quote 2026-118 for the Lyon office',
      messages: [
        { id: 'msg-f:1849939442718824961', from: 'claire.martin@client-corp.example', to: [], cc: [], expanded: false, date: local(2026, 10, 25, 9, 14), attachments: 0 },
        { id: 'msg-f:1849943502861642564', from: 'sales@acme.example', to: ['claire.martin@client-corp.example'], cc: ['bob.durand@client-corp.example'], expanded: true, date: local(2026, 10, 25, 14, 5), attachments: 1 },
        { id: 'msg-f:1849970317472075389', from: 'claire.martin@client-corp.example', to: ['sales@acme.example'], cc: [], expanded: true, date: local(2026, 10, 26, 10, 42), attachments: 0 },
      ],
    },
    {
      // Workspace quirk: perm id "undefined" → legacy thread id; the fresh reply has no legacy id.
      fixture: '2026-11-27-reading-pane.html',
      threadId: 'thread-f:1849585460694714896',
      subject: 'Livraison du 3 décembre',
      messages: [
        { id: 'msg-f:1849585460694714896', from: 'jean.dupont@fournisseur.example', to: ['support@acme.example', 'logistique@acme.example'], cc: ['compta@fournisseur.example'], expanded: true, date: local(2026, 10, 24, 8, 30), attachments: 0 },
        { id: 'msg-f:1849587044694309445', from: 'support@acme.example', to: ['jean.dupont@fournisseur.example'], cc: [], expanded: true, date: local(2026, 10, 27, 9, 5), attachments: 0 },
      ],
    },
    {
      // The inline-reply page: one message; the compose inside the conversation is not a message.
      fixture: '2026-11-27-compose-reply.html',
      threadId: 'thread-f:1849939442718824961',
      subject: 'Quote 2026-118 for the Lyon office',
      messages: [
        { id: 'msg-f:1849970317472075389', from: 'claire.martin@client-corp.example', to: ['sales@acme.example'], cc: [], expanded: true, date: local(2026, 10, 26, 10, 42), attachments: 0 },
      ],
    },
    {
      // A fresh inline reply in a Workspace account: perm id "undefined" → the legacy thread id.
      fixture: '2026-12-02-compose-reply.html',
      threadId: 'thread-f:1849939442718824961',
      subject: 'Quote 2026-118 for the Lyon office',
      messages: [
        { id: 'msg-f:1849970317472075389', from: 'claire.martin@client-corp.example', to: ['sales@acme.example'], cc: [], expanded: true, date: local(2026, 10, 26, 10, 42), attachments: 0 },
      ],
    },
  ])('$fixture', ({ fixture, threadId, subject, messages }) => {
    const { document } = loadOwn(fixture);
    const c = parseConversation(document);
    expect(c?.providerThreadId).toBe(threadId);
    expect(c?.subject).toBe(subject);
    expect(c?.messages.map((m) => ({
      id: m.providerMessageId,
      from: m.from.address,
      to: m.to.map((a) => a.address),
      cc: m.cc.map((a) => a.address),
      expanded: m.expanded,
      date: m.date,
      attachments: m.attachments.length,
    }))).toEqual(messages);
    for (const m of c?.messages ?? []) {
      expect(m.providerThreadId).toBe(threadId);
      expect(m.subject).toBe(subject);
      expect(m.snippet.length).toBeGreaterThan(0);
    }
  });

  it('reads names, body, snippet and attachment details', () => {
    const { document } = loadOwn('2026-11-27-conversation.html');
    const [collapsed, withAttachment] = parseConversation(document)?.messages ?? [];
    expect(collapsed?.from).toEqual({ name: 'Claire Martin', address: 'claire.martin@client-corp.example' });
    expect(collapsed?.bodyHtml).toBeUndefined();
    expect(collapsed?.snippet).toMatch(/^Hello, could you send us a quote/);
    expect(withAttachment?.bodyText).toContain('Please find our quote attached.');
    expect(withAttachment?.bodyHtml).toContain('<div dir="ltr">Dear Claire,');
    expect(withAttachment?.attachments).toEqual([{
      name: 'Quote-2026-118.pdf',
      contentType: 'application/pdf',
      size: 84 * 1024,
      downloadUrl: 'https://mail.google.com/mail/u/0/?ui=2&ik=3f9a1c2e7b&attid=0.1&permmsgid=msg-f:1849943502861642564&disp=safe&realattid=f_lk2',
    }]);
  });

  it.each([
    ['the 2014 inbox list page (no conversation open)', readCaptured('inboxsdk/__tests__/injected-thread-identifier.html')],
    ['a new-compose page over the inbox', null],
  ])('returns undefined on %s', (_label, html) => {
    const { document } = html ? loadPage(html) : loadOwn('2026-11-27-compose-new.html');
    expect(parseConversation(document)).toBeUndefined();
  });

  it('leaves quoted earlier mail out of the snippet, not out of the body text', () => {
    const { document } = loadOwn('2026-11-27-conversation.html');
    const last = parseConversation(document)?.messages[2];
    expect(last?.snippet).toBe('Thank you, that works for us. Claire');
    expect(last?.bodyText).toContain('wrote:');
  });

  it('ignores a stale conversation view Gmail keeps hidden', () => {
    const { document } = loadOwn('2026-11-27-conversation.html');
    const c = parseConversation(document);
    expect(c?.messages.some((m) => m.from.address === 'old@elsewhere.example')).toBe(false);
  });

  it('skips a message whose sender cannot be found instead of failing the whole conversation', () => {
    const { document } = loadOwn('2026-11-27-conversation.html');
    document.querySelectorAll('[data-message-id="#msg-f:1849943502861642564"] [email]').forEach((e) => e.removeAttribute('email'));
    const c = parseConversation(document);
    expect(c?.messages.map((m) => m.providerMessageId)).toEqual(['msg-f:1849939442718824961', 'msg-f:1849970317472075389']);
  });

  it('changes its key when a message is expanded', () => {
    const { document } = loadOwn('2026-11-27-conversation.html');
    const before = conversationKey(parseConversation(document));
    document.querySelector('.kv')?.classList.replace('kv', 'h7');
    expect(conversationKey(parseConversation(document))).not.toBe(before);
  });
});

describe('Gmail ids', () => {
  it.each([
    ['19ac4e1f2b3d5a01', '1849939442718824961'],
    ['14a5f1c6f7aeeebc', BigInt('0x14a5f1c6f7aeeebc').toString()],
    ['not-hex', undefined],
  ])('legacy hex %s → %s', (hex, dec) => {
    expect(legacyHexToDecimal(hex)).toBe(dec);
  });

  it.each([
    ['thread-f:123', '1f', 'thread-f:123'],
    ['undefined', '1f', 'thread-f:31'],
    ['', '1f', 'thread-f:31'],
    [null, null, undefined],
    ['undefined', null, undefined],
  ])('thread perm id %s / legacy %s → %s', (perm, legacy, expected) => {
    expect(threadIdFrom(perm, legacy)).toBe(expected);
  });

  it.each([
    ['#msg-f:1849943502861642564', '19ac51d07e9c2b44', 'msg-f:1849943502861642564'],
    [null, '19ac51d07e9c2b44', 'msg-f:1849943502861642564'],
    ['#msg-a:r-7673660351152959857', null, 'msg-a:r-7673660351152959857'],
    ['undefined', null, undefined],
  ])('message attrs %s / %s → %s', (perm, legacy, expected) => {
    expect(messageIdFrom(perm, legacy)).toBe(expected);
  });
});

describe('small parsers', () => {
  it.each([
    ['Wed, Nov 25, 2026, 2:05 PM', local(2026, 10, 25, 14, 5)],
    ['Wed, Nov 25, 2026, 12:30 AM', local(2026, 10, 25, 0, 30)],
    ['Thu, Dec 18, 2014 at 12:35 PM', local(2014, 11, 18, 12, 35)],
    ['Wed, Nov 25, 2026, 2:05\u202fPM', local(2026, 10, 25, 14, 5)],
    ['Wed, 25 Nov 2026, 14:05', local(2026, 10, 25, 14, 5)],
    ['mer. 25 nov. 2026, 14:05', local(2026, 10, 25, 14, 5)],
    ['1 févr. 2027 à 08:00', local(2027, 1, 1, 8, 0)],
    ['25 août 2026, 23:59', local(2026, 7, 25, 23, 59)],
    ['yesterday', undefined],
    ['', undefined],
  ])('date %j', (title, expected) => {
    expect(parseGmailDate(title)).toBe(expected);
  });

  it.each([
    ['84 KB', 84 * 1024],
    ['1,5 Mo', Math.round(1.5 * 1024 ** 2)],
    ['512 B', 512],
    ['', 0],
  ])('size %j', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each([
    ['application/pdf:Quote.pdf:https://mail.google.com/x', { contentType: 'application/pdf', name: 'Quote.pdf', downloadUrl: 'https://mail.google.com/x' }],
    ['text/plain:notes: part 2.txt:https://mail.google.com/y?a=1:2', { contentType: 'text/plain', name: 'notes: part 2.txt', downloadUrl: 'https://mail.google.com/y?a=1:2' }],
    ['garbage', undefined],
  ])('download_url %j', (value, expected) => {
    expect(parseDownloadUrl(value)).toEqual(expected);
  });
});
