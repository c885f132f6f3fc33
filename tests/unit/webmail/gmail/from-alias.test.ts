import { describe, expect, it, vi } from 'vitest';
import { findComposes } from '@/webmail/gmail/compose-detect';
import { GmailComposeHandle } from '@/webmail/gmail/compose-handle';
import { listFromChoices, readFrom } from '@/webmail/gmail/from-alias';
import { loadOwn, loadCapturedCompose } from './fixtures';

function handleOf(fixture: string, index = 0) {
  const { document, window } = loadOwn(fixture);
  const parts = findComposes(document)[index];
  if (!parts) throw new Error(`no compose ${index} in ${fixture}`);
  return { document, window, handle: new GmailComposeHandle(parts, window, { watchClosing: () => {} }) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('"From" aliases', () => {
  it.each([
    ['2026-11-27-compose-new.html', 0, 'sales@acme.example'],
    ['2026-11-27-compose-native-signature.html', 0, 'jane.roe@acme.example'],
    ['2026-11-27-compose-forward.html', 0, 'support@acme.example'],
    ['2026-11-27-compose-forward.html', 1, 'sales@acme.example'],
    ['2026-11-27-compose-reply.html', 0, 'sales@acme.example'],
  ])('%s compose %i reads From %s and the three aliases', (fixture, index, from) => {
    const { handle } = handleOf(fixture, index);
    expect(handle.getFrom()).toBe(from);
    expect(handle.listFromChoices()).toEqual(['sales@acme.example', 'support@acme.example', 'jane.roe@acme.example']);
  });

  it('reads nothing on an account without aliases (2020 capture: empty input, no menu)', () => {
    const { document } = loadCapturedCompose();
    const [parts] = findComposes(document);
    expect(readFrom(parts!.root)).toBeUndefined();
    expect(listFromChoices(parts!.root)).toEqual([]);
  });

  it('falls back to the address shown in the From field when the input is empty', () => {
    const { handle } = handleOf('2026-11-27-compose-new.html');
    handle.parts.root.querySelector<HTMLInputElement>('input[name=from]')!.value = '';
    expect(handle.getFrom()).toBe('sales@acme.example');
  });

  it('selects an alias by clicking the field then the item, case-insensitively', async () => {
    const { handle, window } = handleOf('2026-11-27-compose-new.html');
    const control = handle.parts.root.querySelector('[role=listbox][aria-haspopup=true]')!;
    const item = handle.parts.root.querySelector('[role=menuitem][value="Jane.Roe@acme.example"]')!;
    const order: string[] = [];
    control.addEventListener('mousedown', () => order.push('open'));
    item.addEventListener('mousedown', () => order.push('item-down'));
    item.addEventListener('mouseup', () => order.push('item-up'));
    item.addEventListener('click', () => order.push('item-click'));
    expect(await handle.setFrom('JANE.ROE@ACME.EXAMPLE')).toBe(true);
    expect(order).toEqual(['open', 'item-down', 'item-up', 'item-click']);
    expect(handle.getFrom()).toBe('jane.roe@acme.example');
    expect(item.getAttribute('aria-selected')).toBe('true');
    void window;
  });

  it('resolves false for an address Gmail does not offer, and changes nothing', async () => {
    const { handle } = handleOf('2026-11-27-compose-new.html');
    expect(await handle.setFrom('stranger@elsewhere.example')).toBe(false);
    expect(handle.getFrom()).toBe('sales@acme.example');
  });

  it('reports a From the user picks in Gmail\'s menu, not our own setFrom', async () => {
    const { handle, window } = handleOf('2026-11-27-compose-new.html');
    const changes = vi.fn();
    const ctl = new AbortController();
    handle.onFromChanged(changes, ctl.signal);

    await handle.setFrom('support@acme.example');
    await flush();
    expect(changes).not.toHaveBeenCalled();

    // The user picks Jane in Gmail's menu; Gmail's handler updates the hidden input.
    const item = handle.parts.root.querySelector('[role=menuitem][value="Jane.Roe@acme.example"]')!;
    item.addEventListener('click', () => {
      handle.parts.root.querySelector<HTMLInputElement>('input[name=from]')!.value = 'Jane.Roe@acme.example';
    });
    item.dispatchEvent(new window.MouseEvent('click', { bubbles: true }));
    await flush();
    expect(changes).toHaveBeenCalledWith('jane.roe@acme.example');

    // A layout that updates the field's label instead.
    handle.parts.root.querySelector<HTMLInputElement>('input[name=from]')!.value = '';
    handle.parts.root.querySelector('.az2 [email]')!.setAttribute('email', 'sales@acme.example');
    await flush();
    expect(changes).toHaveBeenLastCalledWith('sales@acme.example');
    expect(changes).toHaveBeenCalledTimes(2);

    ctl.abort();
    handle.parts.root.querySelector('.az2 [email]')!.setAttribute('email', 'support@acme.example');
    await flush();
    expect(changes).toHaveBeenCalledTimes(2);
  });
});

describe('"From" set by us, then changed by Gmail', () => {
  it('reads Gmail\'s later change of the input attribute after our own choice', async () => {
    const { handle } = handleOf('2026-11-27-compose-new.html');
    const changes = vi.fn();
    const ctl = new AbortController();
    handle.onFromChanged(changes, ctl.signal);
    expect(await handle.setFrom('support@acme.example')).toBe(true);
    expect(handle.getFrom()).toBe('support@acme.example');
    handle.parts.root.querySelector('input[name=from]')!.setAttribute('value', 'Jane.Roe@acme.example');
    await vi.waitFor(() => expect(changes).toHaveBeenCalledWith('jane.roe@acme.example'));
    expect(handle.getFrom()).toBe('jane.roe@acme.example');
    ctl.abort();
  });
});

describe('"From" as a native select (layouts without the menu)', () => {
  function selectCompose() {
    const { document, window } = loadOwn('2026-11-27-compose-new.html');
    const [parts] = findComposes(document);
    parts!.root.querySelector('.az2')!.innerHTML =
      '<select name="from"><option value="sales@acme.example">Acme Sales</option><option value="Support@Acme.example">Acme Support</option></select>';
    return { window, handle: new GmailComposeHandle(parts!, window, { watchClosing: () => {} }) };
  }

  it('reads, lists and selects, and reports the user\'s change', async () => {
    const { handle, window } = selectCompose();
    expect(handle.getFrom()).toBe('sales@acme.example');
    expect(handle.listFromChoices()).toEqual(['sales@acme.example', 'support@acme.example']);
    const changes = vi.fn();
    const ctl = new AbortController();
    handle.onFromChanged(changes, ctl.signal);
    expect(await handle.setFrom('support@acme.example')).toBe(true);
    expect(handle.getFrom()).toBe('support@acme.example');
    expect(changes).not.toHaveBeenCalled();
    expect(await handle.setFrom('nobody@acme.example')).toBe(false);
    const select = handle.parts.root.querySelector('select')!;
    select.value = 'sales@acme.example';
    select.dispatchEvent(new window.Event('change', { bubbles: true }));
    expect(changes).toHaveBeenCalledWith('sales@acme.example');
    ctl.abort();
  });
});
