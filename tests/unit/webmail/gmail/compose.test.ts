import { describe, expect, it, vi } from 'vitest';
import { composeIdOf, composeKindOf, findComposes } from '@/webmail/gmail/compose-detect';
import { ComposeRegistry } from '@/webmail/gmail/compose-registry';
import type { GmailComposeHandle } from '@/webmail/gmail/compose-handle';
import { loadOwn, loadCapturedCompose } from './fixtures';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('compose detection over saved pages', () => {
  it.each([
    { page: 'captured 2020 compose', load: loadCapturedCompose, composes: [{ id: '1', kind: 'new', hasToolbar: true }] },
    { page: '2026-11-27-compose-new.html', load: () => loadOwn('2026-11-27-compose-new.html'), composes: [{ id: 'c3', kind: 'new', hasToolbar: true }] },
    { page: '2026-11-27-compose-reply.html', load: () => loadOwn('2026-11-27-compose-reply.html'), composes: [{ id: 'c9', kind: 'reply', hasToolbar: true }] },
    {
      page: '2026-11-27-compose-forward.html (two open at once)',
      load: () => loadOwn('2026-11-27-compose-forward.html'),
      composes: [
        { id: 'c7', kind: 'forward', hasToolbar: true },
        { id: 'c8', kind: 'new', hasToolbar: true },
      ],
    },
    { page: '2026-11-27-compose-popout.html', load: () => loadOwn('2026-11-27-compose-popout.html', 'https://mail.google.com/mail/u/0/?view=cm&fs=1&tf=1'), composes: [{ id: 'c1', kind: 'new', hasToolbar: true }] },
    { page: '2026-11-27-compose-native-signature.html', load: () => loadOwn('2026-11-27-compose-native-signature.html'), composes: [{ id: 'c12', kind: 'new', hasToolbar: true }] },
    // Just opened, before Gmail's first save: the hidden inputs read "undefined".
    { page: '2026-12-02-compose-new.html', load: () => loadOwn('2026-12-02-compose-new.html'), composes: [{ id: 'c3', kind: 'new', hasToolbar: true }] },
    { page: '2026-12-02-compose-reply.html', load: () => loadOwn('2026-12-02-compose-reply.html'), composes: [{ id: 'c9', kind: 'reply', hasToolbar: true }] },
    {
      page: '2026-12-02-compose-forward.html (two open at once)',
      load: () => loadOwn('2026-12-02-compose-forward.html'),
      composes: [
        { id: 'c7', kind: 'forward', hasToolbar: true },
        { id: 'c8', kind: 'new', hasToolbar: true },
      ],
    },
    { page: '2026-12-02-compose-popout.html', load: () => loadOwn('2026-12-02-compose-popout.html', 'https://mail.google.com/mail/u/0/?view=cm&fs=1&tf=1'), composes: [{ id: 'c1', kind: 'new', hasToolbar: true }] },
    { page: '2026-12-02-compose-native-signature.html', load: () => loadOwn('2026-12-02-compose-native-signature.html'), composes: [{ id: 'c12', kind: 'new', hasToolbar: true }] },
    { page: '2026-12-02-compose-draft-reopened.html (rm "undefined")', load: () => loadOwn('2026-12-02-compose-draft-reopened.html'), composes: [{ id: 'c15', kind: 'new', hasToolbar: true }] },
    { page: '2026-11-27-conversation.html (none)', load: () => loadOwn('2026-11-27-conversation.html'), composes: [] },
  ])('$page', ({ load, composes }) => {
    const { document } = load();
    const found = findComposes(document);
    expect(found.map((p) => ({
      id: composeIdOf(p.root),
      kind: composeKindOf(p),
      hasToolbar: p.root.querySelector('tr.btC') !== null,
    }))).toEqual(composes);
    for (const p of found) {
      expect(p.body.getAttribute('g_editable')).toBe('true');
      expect(p.root.contains(p.body)).toBe(true);
    }
  });

  it.each([
    ['Re: Quote', '', 'reply'],
    ['RE : Devis', '', 'reply'],
    ['AW: Angebot', '', 'reply'],
    ['Fwd: Quote', '', 'forward'],
    ['TR: Devis', '', 'forward'],
    ['WG: Angebot', '', 'forward'],
    ['Quote', '#msg-f:1849970317472075389', 'reply'],
    ['Quote', '', 'new'],
    // Gmail's "no value" before the first save is not a message replied to.
    ['Quote', 'undefined', 'new'],
    ['Quote', 'null', 'new'],
    ['Quote', ' Undefined ', 'new'],
    ['Reliable partners', '', 'new'],
  ])('kind from subject %j and rm %j → %s', (subject, rm, kind) => {
    const { document } = loadOwn('2026-11-27-compose-new.html');
    const [parts] = findComposes(document);
    if (!parts) throw new Error('fixture has a compose');
    (parts.root.querySelector('input[name=subjectbox]') as HTMLInputElement).value = subject;
    (parts.root.querySelector('input[name=rm]') as HTMLInputElement).value = rm;
    expect(composeKindOf(parts)).toBe(kind);
  });

  it('takes a French forward header (dashed line) for a forward even without a prefix', () => {
    const { document } = loadOwn('2026-11-27-compose-forward.html');
    const [parts] = findComposes(document);
    if (!parts) throw new Error('fixture has a compose');
    (parts.root.querySelector('input[name=subjectbox]') as HTMLInputElement).value = 'Devis 2026-118';
    parts.body.querySelector('.gmail_attr')!.textContent = '---------- Message transféré ---------';
    expect(composeKindOf(parts)).toBe('forward');
  });

  it('falls back to the draft id, then to a stable id of ours', () => {
    const { document } = loadOwn('2026-11-27-compose-native-signature.html');
    const [parts] = findComposes(document);
    if (!parts) throw new Error('fixture has a compose');
    parts.root.querySelector('input[name=composeid]')?.remove();
    expect(composeIdOf(parts.root)).toBe('msg-a:r-8831045517399913002');
    parts.root.querySelector('input[name=draft]')?.remove();
    const generated = composeIdOf(parts.root);
    expect(generated).toMatch(/^mailroom:\d+$/);
    expect(composeIdOf(parts.root)).toBe(generated);
  });

  it.each([
    // [composeid, draft, expected]: Gmail's "undefined"/"null" count as no id at each step.
    ['c3', 'undefined', 'c3'],
    ['undefined', '#msg-a:r-6620489133517502714', 'msg-a:r-6620489133517502714'],
    ['null', '#msg-a:r-6620489133517502714', 'msg-a:r-6620489133517502714'],
    ['', 'NULL', 'generated'],
    ['undefined', 'undefined', 'generated'],
  ])('compose id from composeid %j and draft %j → %s', (composeId, draft, expected) => {
    const { document } = loadOwn('2026-12-02-compose-new.html');
    const [parts] = findComposes(document);
    if (!parts) throw new Error('fixture has a compose');
    (parts.root.querySelector('input[name=composeid]') as HTMLInputElement).value = composeId;
    (parts.root.querySelector('input[name=draft]') as HTMLInputElement).value = draft;
    const id = composeIdOf(parts.root);
    if (expected === 'generated') expect(id).toMatch(/^mailroom:\d+$/);
    else expect(id).toBe(expected);
  });
});

describe('ComposeRegistry', () => {
  it('reports composes open at load, then new ones, once each, and their closing', async () => {
    const { document, window } = loadOwn('2026-11-27-compose-new.html');
    const registry = new ComposeRegistry(document, window);
    const seen: GmailComposeHandle[] = [];
    const ctl = new AbortController();
    registry.subscribe((h) => seen.push(h), ctl.signal);
    expect(seen.map((h) => h.id)).toEqual(['c3']);

    // A second compose appears (Gmail clones the window structure).
    const host = document.querySelector('.dw .no')!;
    const second = host.firstElementChild!.cloneNode(true) as HTMLElement;
    second.querySelector<HTMLInputElement>('input[name=composeid]')!.value = 'c4';
    host.append(second);
    await flush();
    expect(seen.map((h) => h.id)).toEqual(['c3', 'c4']);

    // Typing in a body does not re-report anything.
    seen[0]!.parts.body.append(document.createTextNode('typing'));
    await flush();
    expect(seen).toHaveLength(2);

    const closed = vi.fn();
    seen[1]!.onClosed(closed, ctl.signal);
    second.remove();
    await flush();
    expect(closed).toHaveBeenCalledTimes(1);
    expect(seen[1]!.isOpen).toBe(false);
    // Methods of a closed compose are no-ops.
    expect(seen[1]!.getFrom()).toBeUndefined();
    expect(() => seen[1]!.setSignature({ id: 's', html: '<p>x</p>' })).not.toThrow();
    ctl.abort();
  });

  it('gives every subscriber the same handle for a compose and stops after abort', async () => {
    const { document, window } = loadOwn('2026-11-27-compose-forward.html');
    const registry = new ComposeRegistry(document, window);
    const a: GmailComposeHandle[] = [];
    const b: GmailComposeHandle[] = [];
    const ctlA = new AbortController();
    const ctlB = new AbortController();
    registry.subscribe((h) => a.push(h), ctlA.signal);
    registry.subscribe((h) => b.push(h), ctlB.signal);
    expect(a).toHaveLength(2);
    expect(b[0]).toBe(a[0]);
    ctlA.abort();
    const host = document.querySelector('.dw .no')!;
    const third = host.firstElementChild!.cloneNode(true) as HTMLElement;
    third.querySelector<HTMLInputElement>('input[name=composeid]')!.value = 'c99';
    host.append(third);
    await flush();
    expect(a).toHaveLength(2);
    expect(b.map((h) => h.id)).toContain('c99');
    ctlB.abort();
  });

  it('a listener that throws does not stop the others', () => {
    const { document, window } = loadOwn('2026-11-27-compose-forward.html');
    const registry = new ComposeRegistry(document, window);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ok = vi.fn();
    const ctl = new AbortController();
    registry.subscribe(() => {
      throw new Error('feature bug');
    }, ctl.signal);
    registry.subscribe(ok, ctl.signal);
    expect(ok).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalled();
    ctl.abort();
  });
});

describe('ComposeRegistry on a page Gmail is still building', () => {
  it('finds composes added before and after the hosts exist', async () => {
    const { document, window } = loadOwn('2026-11-27-compose-new.html');
    const shell = document.querySelector('.dw')!;
    const compose = shell.querySelector('.nH.nn')!;
    compose.remove();
    shell.remove();
    const registry = new ComposeRegistry(document, window);
    const seen: string[] = [];
    const ctl = new AbortController();
    registry.subscribe((h) => seen.push(h.id), ctl.signal);
    expect(seen).toEqual([]);
    // Gmail appends its compose host, then opens a compose in it.
    document.body.append(shell);
    await flush();
    shell.querySelector('.no')!.append(compose);
    await flush();
    expect(seen).toEqual(['c3']);
    const again = compose.cloneNode(true) as HTMLElement;
    again.querySelector<HTMLInputElement>('input[name=composeid]')!.value = 'c5';
    shell.querySelector('.no')!.append(again);
    await vi.waitFor(() => expect(seen).toEqual(['c3', 'c5']));
    ctl.abort();
  });
});

describe('a compose on screen (what floating controls keep clear of)', () => {
  it.each([
    { page: '2026-11-27-compose-new.html', area: 'the pop-up window, title bar included', matches: 'div[role="dialog"]' },
    { page: '2026-11-27-compose-reply.html', area: 'the inline reply box', matches: 'div.M9' },
  ])('$page: $area', ({ page, matches }) => {
    const { document, window } = loadOwn(page);
    const registry = new ComposeRegistry(document, window);
    const seen: GmailComposeHandle[] = [];
    const ctl = new AbortController();
    registry.subscribe((h) => seen.push(h), ctl.signal);
    const area = seen[0]!.screenArea();
    expect(area?.matches(matches)).toBe(true);
    expect(area?.contains(seen[0]!.parts.body)).toBe(true);
    ctl.abort();
  });
});
