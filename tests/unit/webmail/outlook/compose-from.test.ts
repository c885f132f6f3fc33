import { describe, expect, it, vi } from 'vitest';
import { findComposes } from '@/webmail/outlook/compose-detect';
import { OutlookComposeHandle } from '@/webmail/outlook/compose-handle';
import { chooseFrom, FromChoiceMemory } from '@/webmail/outlook/compose-from';
import { loadCompose } from './fixtures';

const flush = () => new Promise((r) => setTimeout(r, 0));

function handleOf(fixture: string, { index = 0, memory = new FromChoiceMemory(), behaviour = true } = {}) {
  const { document, window } = loadCompose(fixture, { behaviour });
  const parts = findComposes(document)[index];
  if (!parts) throw new Error(`no compose ${index} in ${fixture}`);
  return { document, window, memory, handle: new OutlookComposeHandle(parts, window, { watchClosing: () => {}, fromMemory: memory, savedDraft: false }) };
}

const fromButton = (root: Element) => root.querySelector<HTMLElement>('button[aria-haspopup][id^="fromButton_"]')!;
const menuItem = (document: Document, address: string) =>
  Array.from(document.querySelectorAll<HTMLElement>('[role="menu"] [role="menuitemradio"]')).find((el) => el.textContent?.trim() === address);

describe('Outlook "From"', () => {
  it.each([
    ['2026-12-03-compose-new-reading-pane.en.html', 0, 'sales@acme.example'],
    ['2026-12-03-compose-new-full-page.fr.html', 0, 'sales@acme.example'],
    ['2026-12-03-compose-forward-inline.fr.html', 0, 'support@acme.example'],
    ['2026-12-03-compose-several.en.html', 1, 'support@acme.example'],
    ['2026-12-03-compose-popout.en.html', 0, 'sales@acme.example'],
    // No From well: an inline reply, or Outlook's default (From hidden).
    ['2026-12-03-compose-reply-inline.en.html', 0, undefined],
    ['2026-12-03-compose-native-signature.en.html', 0, undefined],
  ])('%s compose %i shows From %s', (fixture, index, from) => {
    const { handle } = handleOf(fixture, { index });
    expect(handle.getFrom()).toBe(from);
  });

  it('lists no choices until a From menu has been shown, then the send-as addresses (not "Other email address")', async () => {
    const { handle, document, memory } = handleOf('2026-12-03-compose-new-reading-pane.en.html');
    expect(handle.listFromChoices()).toEqual([]);
    fromButton(handle.parts.root).click();
    expect(document.querySelector('[role="menu"]')).not.toBeNull();
    expect(handle.listFromChoices()).toEqual(['sales@acme.example', 'support@acme.example']);
    document.dispatchEvent(new document.defaultView!.KeyboardEvent('keydown', { key: 'Escape' }));
    // Closed: the page remembers what its From menu offered (the same for every compose).
    expect(document.querySelector('[role="menu"]')).toBeNull();
    expect(handle.listFromChoices()).toEqual(['sales@acme.example', 'support@acme.example']);
    expect(memory.known).toEqual(['sales@acme.example', 'support@acme.example']);
  });

  it('lists nothing where the From well is hidden, whatever the page remembers', () => {
    const memory = new FromChoiceMemory();
    memory.remember(['sales@acme.example']);
    expect(handleOf('2026-12-03-compose-reply-inline.en.html', { memory }).handle.listFromChoices()).toEqual([]);
  });

  it('selects a send-as address by opening the menu and clicking its entry, case-insensitively (French UI)', async () => {
    const { handle, document } = handleOf('2026-12-03-compose-new-full-page.fr.html');
    const order: string[] = [];
    fromButton(handle.parts.root).addEventListener('mousedown', () => order.push('open'));
    document.addEventListener('click', (e) => {
      if ((e.target as Element).closest('[role="menuitemradio"]')) order.push('item');
    }, true);
    expect(await handle.setFrom('SUPPORT@ACME.EXAMPLE')).toBe(true);
    expect(order).toEqual(['open', 'item']);
    expect(handle.getFrom()).toBe('support@acme.example');
    expect(document.querySelector('[role="menu"]')).toBeNull();
    expect(fromButton(handle.parts.root).getAttribute('aria-expanded')).toBe('false');
  });

  it('resolves false for an address Outlook does not offer, closes its menu and changes nothing', async () => {
    const { handle, document } = handleOf('2026-12-03-compose-new-reading-pane.en.html');
    expect(await handle.setFrom('stranger@elsewhere.example')).toBe(false);
    expect(handle.getFrom()).toBe('sales@acme.example');
    expect(document.querySelector('[role="menu"]')).toBeNull();
  });

  it('resolves false without a click where the From well is hidden', async () => {
    const { handle, document } = handleOf('2026-12-03-compose-reply-inline.en.html');
    const clicks = vi.fn();
    document.addEventListener('click', clicks, true);
    expect(await handle.setFrom('support@acme.example')).toBe(false);
    expect(clicks).not.toHaveBeenCalled();
  });

  it('resolves false when Outlook never draws the menu (after waiting for it a moment)', async () => {
    const { handle, window } = handleOf('2026-12-03-compose-new-reading-pane.en.html', { behaviour: false });
    const started = Date.now();
    expect(await chooseFrom(handle.parts.root, 'support@acme.example', window, new FromChoiceMemory(), { menuTimeoutMs: 200 })).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(handle.getFrom()).toBe('sales@acme.example');
  });

  it('waits for a menu Outlook draws a moment after the click, then for the new From', async () => {
    const { handle, window, document } = handleOf('2026-12-03-compose-new-reading-pane.en.html', { behaviour: false });
    const button = fromButton(handle.parts.root);
    button.addEventListener('click', () => {
      window.setTimeout(() => {
        document.body.insertAdjacentHTML('beforeend', '<div role="menu" id="m1"><button role="menuitemradio">sales@acme.example</button><button role="menuitemradio">support@acme.example</button></div>');
        button.setAttribute('aria-controls', 'm1');
        document.querySelector('#m1 button:last-child')!.addEventListener('click', () => {
          window.setTimeout(() => handle.parts.root.querySelector('[title="sales@acme.example"]')!.setAttribute('title', 'support@acme.example'), 30);
        });
      }, 40);
    });
    expect(await handle.setFrom('support@acme.example')).toBe(true);
    expect(handle.getFrom()).toBe('support@acme.example');
  });

  it("reports a From the user picks in Outlook's menu, not our own setFrom", async () => {
    const { handle, document } = handleOf('2026-12-03-compose-new-reading-pane.en.html');
    const changes = vi.fn();
    const ctl = new AbortController();
    handle.onFromChanged(changes, ctl.signal);

    await handle.setFrom('support@acme.example');
    await flush();
    expect(changes).not.toHaveBeenCalled();

    fromButton(handle.parts.root).click();
    menuItem(document, 'sales@acme.example')!.click();
    await flush();
    expect(changes).toHaveBeenCalledWith('sales@acme.example');
    expect(changes).toHaveBeenCalledTimes(1);

    ctl.abort();
    fromButton(handle.parts.root).click();
    menuItem(document, 'support@acme.example')!.click();
    await flush();
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('reports the From of a well the user shows later (Outlook then sends from that address)', async () => {
    const { handle, window } = handleOf('2026-12-03-compose-native-signature.en.html');
    const changes = vi.fn();
    const ctl = new AbortController();
    handle.onFromChanged(changes, ctl.signal);
    const well = window.document.createElement('div');
    well.innerHTML = '<button type="button" id="fromButton_5" aria-label="From" aria-haspopup="menu" aria-expanded="false">From</button><div title="support@acme.example"><span>Support Acme &lt;support@acme.example&gt;</span></div>';
    handle.parts.root.querySelector('[data-testid="ComposeSendButton"]')!.closest('div')!.after(well);
    well.querySelector('button')!.click();
    await flush();
    expect(changes).toHaveBeenCalledWith('support@acme.example');
    ctl.abort();
  });
});
