import { describe, expect, it, vi } from 'vitest';
import { parseConversation } from '@/webmail/outlook/reading';
import { parseOutlookDate } from '@/webmail/outlook/dates';
import { itemIdFromPath, owaServicePath } from '@/webmail/outlook/location';
import { createOutlookAdapter } from '@/webmail/outlook/adapter';
import { userAddressFrom } from '@/webmail/outlook/reading-adapter';
import type { FetchLike } from '@/webmail/page-request';
import { JSDOM } from 'jsdom';
import { loadReading, readReading } from './reading-pages';

const paneUrl = 'https://outlook.office.com/mail/inbox/id/AAMkADAwATM0MDAAMS1hZDk3LTk3AAA3';
const item = (n: number) => `AAMkADAwATM0MDAAMS1hZDk3LTk3AAA${n}`;
const local = (iso: [number, number, number, number, number]) => new Date(iso[0], iso[1] - 1, iso[2], iso[3], iso[4]).toISOString();

const readFrench = () => readReading('2026-12-03-conversation.fr.html');
const loadPage = (html: string): { document: Document } => ({ document: new JSDOM(html, { url: paneUrl }).window.document });

describe.each([
  ['English', '2026-12-03-conversation.en.html'],
  ['French', '2026-12-03-conversation.fr.html'],
])('Outlook reading pane, %s UI', (_lang, page) => {
  it('reads the conversation: subject, ids, sender, To/Cc, dates, bodies, attachments, expanded state', () => {
    const { document } = loadReading(page, paneUrl);
    const c = parseConversation(document);
    expect(c?.subject).toBe('Delivery slot for order 4471');
    expect(c?.providerThreadId).toBe('AAQkADAwATM0MDAAMS1hZDk3LTk3');
    expect(c?.messages.map((m) => [m.providerMessageId, m.expanded])).toEqual([
      [`item:${item(1)}`, false],
      [`item:${item(2)}`, true],
      [`item:${item(3)}`, true],
    ]);
    const [first, second, third] = c!.messages;
    const claire = { name: 'Claire Martin', address: 'claire.martin@client-corp.example' };
    expect(first).toMatchObject({ from: claire, to: [], cc: [], snippet: 'Hello, we would like to book a delivery slot for order 4471 next week.' });
    expect(first?.bodyHtml).toBeUndefined();
    expect(second).toMatchObject({
      from: claire,
      to: [{ name: 'Sales Desk', address: 'sales@acme.example' }],
      cc: [{ name: 'Bob Durand', address: 'bob.durand@client-corp.example' }],
      date: local([2026, 12, 1, 9, 14]),
      attachments: [{ name: 'Quote-2026-118.pdf', size: 84 * 1024, contentType: '' }],
    });
    expect(second?.bodyText).toContain('could the delivery move to Thursday morning?');
    expect(third?.to.map((a) => a.address)).toEqual(['sales@acme.example', 'alice@demo.test']);
    expect(third?.date).toBe(local([2026, 12, 2, 11, 40]));
    // The snippet stops at Outlook's quote markers (#appendonsend / #divRplyFwdMsg).
    expect(third?.snippet).toBe('Thursday 8am works for us, thank you.');
    expect(first?.date).toBe(local([2026, 11, 30, 16, 2]));
  });

  it('finds the signed-in user in the suite header', () => {
    const { document } = loadReading(page, paneUrl);
    expect(userAddressFrom(document)).toBe('sales@acme.example');
  });

  it('mounts the control in the toolbar of an expanded message only', async () => {
    const { document, window } = loadReading(page, paneUrl);
    const adapter = createOutlookAdapter(document, window);
    const [collapsed, expanded] = adapter.currentConversation()!.messages;
    const mount = async (slot: Element) => {
      const el = slot.appendChild(document.createElement('mailroom-test'));
      return () => el.remove();
    };
    const life = new AbortController();
    const control = await adapter.mountMessageControl(expanded!, mount, life.signal);
    expect(document.querySelector('mailroom-test')?.closest('[data-item-id]')?.getAttribute('data-item-id')).toBe(item(2));
    expect(document.querySelector('mailroom-test')?.parentElement?.getAttribute('role')).toBe('toolbar');
    vi.useFakeTimers();
    const none = adapter.mountMessageControl(collapsed!, mount, life.signal);
    await vi.runAllTimersAsync();
    vi.useRealTimers();
    expect(await none).toBeUndefined();
    life.abort();
    expect(control?.isConnected()).toBe(false);
    expect(document.querySelector('mailroom-test')).toBeNull();
  });
});

describe('Outlook pop-out read window', () => {
  it('reads its one message, identified by the item id in the address', () => {
    const { document } = loadReading('2026-12-03-popout-read.en.html', 'https://outlook.office.com/mail/deeplink/read/AAMkBob%2F118%3D?popoutv2=1');
    const c = parseConversation(document);
    expect(c).toMatchObject({ subject: 'Invoice 2026-118' });
    expect(c?.providerThreadId).toBeUndefined();
    expect(c?.messages).toHaveLength(1);
    expect(c?.messages[0]).toMatchObject({
      providerMessageId: 'item:AAMkBob/118=',
      from: { name: 'Bob Durand', address: 'bob.durand@client-corp.example' },
      to: [{ name: 'Sales Desk', address: 'sales@acme.example' }],
      expanded: true,
    });
  });

  it('without an item id anywhere, a message still gets a stable id of ours (filed by fingerprint)', async () => {
    const { document, window } = loadReading('2026-12-03-popout-read.en.html', 'https://outlook.office.com/mail/inbox');
    const fetch = vi.fn<FetchLike>();
    const adapter = createOutlookAdapter(document, window, { fetch });
    const [m] = adapter.currentConversation()!.messages;
    expect(m?.providerMessageId).toBe('mailroom-local:Invoice 2026-118#0');
    expect(adapter.currentConversation()?.messages[0]?.providerMessageId).toBe(m?.providerMessageId);
    expect(await adapter.resolveMessageId(m!)).toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('a layout we do not know', () => {
  it('reads nothing, throws nothing, and logs a censored outline without mail text', () => {
    const html = readFrench().replace(/aria-label="De : /g, 'aria-label="Sender ');
    const { document } = loadPage(html);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const c = parseConversation(document);
    expect(c?.messages).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    const logged = String(warn.mock.calls[0]?.[0]);
    expect(logged).toMatch(/^\[mailroom:outlook\] conversation: selector "messageSender" found nothing/);
    expect(logged).not.toMatch(/Claire|client-corp|Thursday/);
  });

  it('a page without a reading pane has no open conversation', () => {
    const { document } = loadPage('<!DOCTYPE html><html><body><div role="listbox"></div></body></html>');
    expect(parseConversation(document)).toBeUndefined();
  });
});


describe('Outlook addresses and times', () => {
  it.each([
    ['/mail/inbox/id/AAMk%2Bx%3D', 'AAMk+x='],
    ['/mail/0/inbox/id/AAMk1', 'AAMk1'],
    ['/mail/deeplink/read/AAMk2?popoutv2=1', 'AAMk2'],
    ['/mail/inbox', undefined],
    ['/mail/deeplink/compose?popoutv2=1', undefined],
  ])('the item id in %s', (pathname, id) => {
    expect(itemIdFromPath(pathname.split('?')[0]!)).toBe(id);
  });

  it('uses /owa/<n>/ on outlook.live.com-style paths', () => {
    expect(owaServicePath('/mail/inbox')).toBe('/owa/service.svc');
    expect(owaServicePath('/mail/0/inbox/id/x')).toBe('/owa/0/service.svc');
  });

  it.each([
    ['Tue 12/1/2026 9:14 AM', 'en', [2026, 12, 1, 9, 14]],
    ['Mon 11/30/2026 4:02 PM', 'en', [2026, 11, 30, 16, 2]],
    ['Wed 12/2/2026 12:05 AM', 'en', [2026, 12, 2, 0, 5]],
    ['mar. 01/12/2026 09:14', 'fr', [2026, 12, 1, 9, 14]],
    ['lun. 30/11/2026 16:02', 'fr', [2026, 11, 30, 16, 2]],
  ] as const)('%s (%s)', (text, lang, parts) => {
    expect(parseOutlookDate(text, lang)).toBe(local([...parts]));
  });

  it.each(['Yesterday', '', '13/13/2026 10:00'])('%j is no date', (text) => {
    expect(parseOutlookDate(text, 'fr')).toBeUndefined();
  });
});
