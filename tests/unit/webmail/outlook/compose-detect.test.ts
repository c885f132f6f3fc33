import { describe, expect, it, vi } from 'vitest';
import { composeIdOf, composeKindOf, findComposes, isSavedDraftLocation } from '@/webmail/outlook/compose-detect';
import { OutlookComposeRegistry } from '@/webmail/outlook/compose-registry';
import type { OutlookComposeHandle } from '@/webmail/outlook/compose-handle';
import { draftPopout, inbox, loadCompose, popout } from './fixtures';

const flush = () => new Promise((r) => setTimeout(r, 0));

interface Expected {
  id: string;
  kind: 'new' | 'reply' | 'forward';
  inShadow?: boolean;
}

describe('Outlook compose detection over saved pages', () => {
  it.each<{ page: string; url?: string; composes: Expected[]; savedDraft?: boolean }>([
    { page: '2026-12-03-compose-new-reading-pane.en.html', composes: [{ id: 'outlook:editorParent_1', kind: 'new' }] },
    { page: '2026-12-03-compose-new-full-page.fr.html', composes: [{ id: 'outlook:editorParent_2', kind: 'new' }] },
    { page: '2026-12-03-compose-reply-inline.en.html', composes: [{ id: 'outlook:editorParent_3', kind: 'reply' }] },
    { page: '2026-12-03-compose-forward-inline.fr.html', composes: [{ id: 'outlook:editorParent_4', kind: 'forward' }] },
    { page: '2026-12-03-compose-popout.en.html', url: popout, composes: [{ id: 'outlook:editorParent_1', kind: 'new' }] },
    { page: '2026-12-03-compose-draft-reopened.fr.html', url: draftPopout, composes: [{ id: 'outlook:editorParent_1', kind: 'new' }], savedDraft: true },
    { page: '2026-12-03-compose-native-signature.en.html', composes: [{ id: 'outlook:editorParent_5', kind: 'new' }] },
    {
      page: '2026-12-03-compose-several.en.html (two at once)',
      composes: [
        { id: 'outlook:editorParent_6', kind: 'reply' },
        { id: 'outlook:editorParent_7', kind: 'new' },
      ],
    },
    { page: '2026-12-03-compose-shadow-editor.en.html', composes: [{ id: 'outlook:editorParent_8', kind: 'new', inShadow: true }] },
  ])('$page', ({ page, url, composes, savedDraft = false }) => {
    const { document, window } = loadCompose(page.split(' ')[0]!, { url: url ?? inbox });
    const found = findComposes(document);
    expect(found.map((p) => ({ id: composeIdOf(p), kind: composeKindOf(p), ...(p.body.getRootNode() !== document && { inShadow: true }) }))).toEqual(composes);
    const registry = new OutlookComposeRegistry(document, window);
    const ctl = new AbortController();
    const handles: OutlookComposeHandle[] = [];
    registry.subscribe((h) => handles.push(h), ctl.signal);
    for (const [i, handle] of handles.entries()) {
      expect(handle.id).toBe(composes[i]!.id);
      expect(handle.kind).toBe(composes[i]!.kind);
      expect(handle.isSavedDraft()).toBe(savedDraft);
      // Controls go in the row of Send and Discard, after Outlook's own buttons.
      const anchor = handle.toolbarAnchor();
      expect(anchor?.querySelector('[data-testid="ComposeSendButton"]')).not.toBeNull();
      expect(anchor?.querySelector('button[aria-label="Discard"], button[aria-label="Ignorer"]')).not.toBeNull();
      expect(handle.parts.root.id).toMatch(/^docking_InitVisiblePart_\d$/);
    }
    ctl.abort();
  });

  it('finds nothing on a page without a compose', () => {
    const { document } = loadCompose('2026-12-03-compose-reply-inline.en.html');
    document.getElementById('docking_InitVisiblePart_0')!.remove();
    expect(findComposes(document)).toEqual([]);
  });

  it.each([
    ['RE: Delivery', 'reply'],
    ['RE : Livraison', 'reply'],
    ['AW: Lieferung', 'reply'],
    ['FW: Delivery', 'forward'],
    ['TR : Livraison', 'forward'],
    ['WG: Lieferung', 'forward'],
    ['Delivery', 'new'],
    ['Reliable partners', 'new'],
  ])('kind from the subject %j → %s', (subject, kind) => {
    const { document } = loadCompose('2026-12-03-compose-new-reading-pane.en.html');
    const [parts] = findComposes(document);
    parts!.root.querySelector<HTMLInputElement>('input[aria-label="Add a subject"]')!.value = subject;
    expect(composeKindOf(parts!)).toBe(kind);
  });

  it('falls back to a stable id of ours when the editor has no #editorParent_<n>', () => {
    const { document } = loadCompose('2026-12-03-compose-new-reading-pane.en.html');
    const [parts] = findComposes(document);
    parts!.body.parentElement!.removeAttribute('id');
    const id = composeIdOf(parts!);
    expect(id).toMatch(/^mailroom:\d+$/);
    expect(composeIdOf(parts!)).toBe(id);
  });

  it('finds an editor without its docking part by the Send button around it', () => {
    const { document } = loadCompose('2026-12-03-compose-new-reading-pane.en.html');
    document.getElementById('docking_InitVisiblePart_0')!.removeAttribute('id');
    const [parts] = findComposes(document);
    expect(parts!.root.querySelector('[data-testid="ComposeSendButton"]')).not.toBeNull();
    expect(parts!.root.contains(parts!.body)).toBe(true);
  });

  it.each([
    ['/mail/deeplink/compose/AAMkADAw%3D', true],
    ['/mail/0/deeplink/compose/AAMkADAw%3D', true],
    ['/mail/drafts/id/AAMkADAw%3D', true],
    ['/mail/deeplink/compose', false],
    ['/mail/inbox', false],
    ['/mail/inbox/id/AAQkADAw%3D', false],
  ])('a saved draft at %s: %s', (pathname, saved) => {
    expect(isSavedDraftLocation(pathname)).toBe(saved);
  });
});

describe('OutlookComposeRegistry', () => {
  it('reports composes open at load, then new ones, once each, and their closing', async () => {
    const { document, window } = loadCompose('2026-12-03-compose-new-reading-pane.en.html');
    const registry = new OutlookComposeRegistry(document, window);
    const seen: OutlookComposeHandle[] = [];
    const ctl = new AbortController();
    registry.subscribe((h) => seen.push(h), ctl.signal);
    expect(seen.map((h) => h.id)).toEqual(['outlook:editorParent_1']);

    // Outlook draws a second compose part with its own editor.
    const first = document.getElementById('docking_InitVisiblePart_0')!;
    const second = first.cloneNode(true) as HTMLElement;
    second.id = 'docking_InitVisiblePart_1';
    second.querySelector('[id^="editorParent_"]')!.id = 'editorParent_9';
    first.after(second);
    await flush();
    expect(seen.map((h) => h.id)).toEqual(['outlook:editorParent_1', 'outlook:editorParent_9']);

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
    expect(seen[1]!.getFrom()).toBeUndefined();
    expect(() => seen[1]!.setSignature({ id: 's', html: '<p>x</p>' })).not.toThrow();
    ctl.abort();
  });

  it('gives every subscriber the same handle, and a listener that throws does not stop the others', () => {
    const { document, window } = loadCompose('2026-12-03-compose-several.en.html');
    const registry = new OutlookComposeRegistry(document, window);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const a: OutlookComposeHandle[] = [];
    const ctl = new AbortController();
    registry.subscribe(() => {
      throw new Error('feature bug');
    }, ctl.signal);
    registry.subscribe((h) => a.push(h), ctl.signal);
    const b: OutlookComposeHandle[] = [];
    registry.subscribe((h) => b.push(h), ctl.signal);
    expect(a).toHaveLength(2);
    expect(b[0]).toBe(a[0]);
    expect(warn).toHaveBeenCalled();
    ctl.abort();
  });

  it('sees an editor Outlook draws later inside a shadow root of a compose part', async () => {
    const { document, window } = loadCompose('2026-12-03-compose-shadow-editor.en.html');
    const host = document.querySelector('#editorParent_8 > div')!;
    const shadow = host.shadowRoot!;
    const drawn = shadow.firstElementChild!;
    drawn.remove();
    const registry = new OutlookComposeRegistry(document, window);
    const seen: string[] = [];
    const ctl = new AbortController();
    registry.subscribe((h) => seen.push(h.id), ctl.signal);
    expect(seen).toEqual([]);
    shadow.append(drawn);
    await flush();
    expect(seen).toEqual(['outlook:editorParent_8']);
    ctl.abort();
  });

  it('picks up an editor in a shadow root it had not reached when the user focuses it', () => {
    const { document, window } = loadCompose('2026-12-03-compose-new-reading-pane.en.html');
    const registry = new OutlookComposeRegistry(document, window);
    const seen: OutlookComposeHandle[] = [];
    const ctl = new AbortController();
    registry.subscribe((h) => seen.push(h), ctl.signal);
    expect(seen).toHaveLength(1);
    // A compose outside any docking part, its editor in a shadow root (a layout we do not know).
    const box = document.createElement('section');
    box.innerHTML = '<button data-testid="ComposeSendButton">Send</button><button>Discard</button><div class="host"></div>';
    const shadow = box.querySelector('.host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div role="textbox" contenteditable="true" aria-multiline="true" tabindex="0"><div><br></div></div>';
    document.body.append(box);
    (shadow.firstElementChild as HTMLElement).dispatchEvent(new window.FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(seen).toHaveLength(2);
    expect(seen[1]!.parts.root).toBe(box);
    expect(seen[1]!.parts.body.getRootNode()).toBe(shadow);
    ctl.abort();
  });
});

describe('a compose on screen (what floating controls keep clear of)', () => {
  it.each([
    { page: '2026-12-03-compose-several.en.html', index: 1, matches: '[role="dialog"]' },
    { page: '2026-12-03-compose-reply-inline.en.html', index: 0, matches: '[id^="docking_InitVisiblePart_"]' },
  ])('$page compose $index: $matches', ({ page, index, matches }) => {
    const { document, window } = loadCompose(page);
    const registry = new OutlookComposeRegistry(document, window);
    const seen: OutlookComposeHandle[] = [];
    const ctl = new AbortController();
    registry.subscribe((h) => seen.push(h), ctl.signal);
    const area = seen[index]!.screenArea();
    expect(area?.matches(matches)).toBe(true);
    expect(area?.contains(seen[index]!.parts.body)).toBe(true);
    ctl.abort();
  });
});

describe('mounting a control in the compose (the contract\'s mountControl)', () => {
  it('mounts in the action row drawn a moment later, and removes it on abort', async () => {
    const { document, window } = loadCompose('2026-12-03-compose-new-reading-pane.en.html');
    const row = document.querySelector('[data-testid="ComposeSendButton"]')!.closest('span')!.parentElement!;
    const parent = row.parentElement!;
    row.remove();
    const registry = new OutlookComposeRegistry(document, window);
    const seen: OutlookComposeHandle[] = [];
    const ctl = new AbortController();
    registry.subscribe((h) => seen.push(h), ctl.signal);
    const removed = vi.fn();
    const slots: Element[] = [];
    const mounted = seen[0]!.mountControl(async (slot) => {
      slots.push(slot);
      return removed;
    }, ctl.signal);
    setTimeout(() => parent.prepend(row), 120);
    expect(await mounted).toBe(true);
    expect(slots).toEqual([row]);
    ctl.abort();
    expect(removed).toHaveBeenCalledTimes(1);
  });

  it('resolves false for a compose closed before its row came', async () => {
    const { document, window } = loadCompose('2026-12-03-compose-new-reading-pane.en.html');
    document.querySelector('[data-testid="ComposeSendButton"]')!.remove();
    const registry = new OutlookComposeRegistry(document, window);
    const seen: OutlookComposeHandle[] = [];
    const ctl = new AbortController();
    registry.subscribe((h) => seen.push(h), ctl.signal);
    const mount = vi.fn();
    const mounted = seen[0]!.mountControl(mount, ctl.signal);
    document.getElementById('docking_InitVisiblePart_0')!.remove();
    expect(await mounted).toBe(false);
    expect(mount).not.toHaveBeenCalled();
    ctl.abort();
  });
});

describe('a saved draft named by the page address', () => {
  it('is the first compose found there; one opened next to it is a new compose', async () => {
    const { document, window } = loadCompose('2026-12-03-compose-new-reading-pane.en.html', { url: 'https://outlook.office.com/mail/drafts/id/AAMkADAw%3D' });
    const registry = new OutlookComposeRegistry(document, window);
    const seen: OutlookComposeHandle[] = [];
    const ctl = new AbortController();
    registry.subscribe((h) => seen.push(h), ctl.signal);
    const first = document.getElementById('docking_InitVisiblePart_0')!;
    const second = first.cloneNode(true) as HTMLElement;
    second.id = 'docking_InitVisiblePart_1';
    second.querySelector('[id^="editorParent_"]')!.id = 'editorParent_9';
    first.after(second);
    await flush();
    expect(seen.map((h) => [h.id, h.isSavedDraft()])).toEqual([
      ['outlook:editorParent_1', true],
      ['outlook:editorParent_9', false],
    ]);
    ctl.abort();
  });
});
