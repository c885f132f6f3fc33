/**
 * The compose store (stores/compose.ts) driving real Outlook handles on the dated fixtures: the
 * account picker and Outlook's From follow each other, signatures land where Outlook expects them.
 * The fixtures' mailbox is re-addressed to the API mock's accounts (acme.test).
 */
import { describe, expect, it, vi } from 'vitest';
import { send } from '@/messaging/client';
import { OutlookComposeRegistry } from '@/webmail/outlook/compose-registry';
import type { OutlookComposeHandle } from '@/webmail/outlook/compose-handle';
import { signatureMarkerAttribute } from '@/webmail/signature-marker';
import { defaultHandlers, sales, support } from '../../compose/api-mock';
import { freshStore } from '../../compose/store-harness';
import { answerFrom } from '../../stores/api-handlers';
import { loadHtml, readCompose } from './fixtures';

vi.mock('@/messaging/client', (original) => import('../../stores/api-handlers').then((m) => m.clientWithSendMock(original)));

answerFrom(send, defaultHandlers);

function outlookPage(fixture: string) {
  const html = readCompose(fixture).replaceAll('acme.example', 'acme.test');
  const { document, window } = loadHtml(html, { behaviour: false });
  (window as unknown as { outlookSendAs: string[] }).outlookSendAs = ['sales@acme.test', 'support@acme.test'];
  window.eval(readCompose('2026-12-03-outlook-behaviour.js'));
  const registry = new OutlookComposeRegistry(document, window);
  const handles: OutlookComposeHandle[] = [];
  const ctl = new AbortController();
  registry.subscribe((h) => handles.push(h), ctl.signal);
  return { document, handles, stop: () => ctl.abort() };
}

const markersIn = (body: Element) => Array.from(body.querySelectorAll(`[${signatureMarkerAttribute}]`)).map((m) => m.getAttribute(signatureMarkerAttribute));

describe('Outlook composes driven by the compose store', () => {
  it('choosing the account selects its send-as From and swaps the signature; picking a From in Outlook selects the account', async () => {
    const { document, handles, stop } = outlookPage('2026-12-03-compose-new-reading-pane.en.html');
    const store = freshStore();
    const [handle] = handles;
    handle!.onFromChanged((address) => void store.fromChanged(handle!.id, address), new AbortController().signal);
    await store.attach(handle!);
    expect(store.composes[handle!.id]).toMatchObject({ accountId: sales.id, signatureId: 'sig-sales-1' });
    expect(markersIn(handle!.parts.body)).toEqual(['sig-sales-1']);

    // The page has never shown its From menu: the store asks anyway, Outlook offers support@.
    await store.chooseAccount(handle!.id, support.id);
    expect(handle!.getFrom()).toBe('support@acme.test');
    expect(markersIn(handle!.parts.body)).toEqual(['sig-support-1']);
    expect(document.querySelector('[role="menu"]')).toBeNull();

    // The user picks sales@ in Outlook's own menu.
    document.querySelector<HTMLElement>('button[id^="fromButton_"]')!.click();
    Array.from(document.querySelectorAll<HTMLElement>('[role="menuitemradio"]')).find((el) => el.textContent === 'sales@acme.test')!.click();
    await vi.waitFor(() => expect(store.composes[handle!.id]!.accountId).toBe(sales.id));
    await vi.waitFor(() => expect(markersIn(handle!.parts.body)).toEqual(['sig-sales-1']));
    stop();
  });

  it('an inline reply (no From well) keeps Outlook\'s From, gets the default signature once, above #appendonsend', async () => {
    const { handles, stop } = outlookPage('2026-12-03-compose-reply-inline.en.html');
    const store = freshStore();
    const [handle] = handles;
    await store.attach(handle!);
    await store.attach(handle!);
    const body = handle!.parts.body;
    expect(markersIn(body)).toEqual(['sig-sales-1']);
    expect(body.querySelector(`[${signatureMarkerAttribute}]`)!.nextElementSibling!.id).toBe('appendonsend');
    // Choosing the other account swaps the signature even though From cannot follow.
    await store.chooseAccount(handle!.id, support.id);
    expect(markersIn(body)).toEqual(['sig-support-1']);
    expect(handle!.getFrom()).toBeUndefined();
    stop();
  });

  it("Outlook's own #Signature is replaced by ours by default", async () => {
    const { handles, stop } = outlookPage('2026-12-03-compose-native-signature.en.html');
    const store = freshStore();
    const [handle] = handles;
    await store.attach(handle!);
    expect(handle!.parts.body.querySelector('#Signature')).toBeNull();
    expect(markersIn(handle!.parts.body)).toEqual(['sig-sales-1']);
    stop();
  });

  it('a saved draft reopened in its pop-out gets nothing by itself; the menu still works', async () => {
    const html = readCompose('2026-12-03-compose-draft-reopened.fr.html').replaceAll('acme.example', 'acme.test');
    const { JSDOM } = await import('jsdom');
    const dom = new JSDOM(html, { url: 'https://outlook.office.com/mail/deeplink/compose/AAMkADAw%3D?popoutv2=1' });
    const registry = new OutlookComposeRegistry(dom.window.document, dom.window as unknown as Window);
    const handles: OutlookComposeHandle[] = [];
    const ctl = new AbortController();
    registry.subscribe((h) => handles.push(h), ctl.signal);
    const store = freshStore();
    await store.attach(handles[0]!);
    expect(markersIn(handles[0]!.parts.body)).toEqual([]);
    await store.chooseSignature(handles[0]!.id, 'sig-sales-2');
    expect(markersIn(handles[0]!.parts.body)).toEqual(['sig-sales-2']);
    ctl.abort();
  });
});
