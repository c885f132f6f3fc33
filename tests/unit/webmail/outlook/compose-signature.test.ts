import { describe, expect, it, vi } from 'vitest';
import { findComposes } from '@/webmail/outlook/compose-detect';
import { OutlookComposeHandle } from '@/webmail/outlook/compose-handle';
import { FromChoiceMemory } from '@/webmail/outlook/compose-from';
import {
  currentSignatureId,
  findOurSignatures,
  hasNativeSignature,
  removeNativeSignature,
  setSignature,
} from '@/webmail/outlook/compose-signature';
import { signatureMarkerAttribute } from '@/webmail/signature-marker';
import type { ComposeKind } from '@/webmail/types';
import { loadCompose } from './fixtures';

const sigA = { id: 'sig-a', html: '<p>Jane Roe<br>Acme</p>' };
const sigB = { id: 'sig-b', html: '<table><tbody><tr><td>Acme Sales</td></tr></tbody></table>' };

function composeOf(fixture: string, index = 0) {
  const { document, window } = loadCompose(fixture);
  const parts = findComposes(document)[index];
  if (!parts) throw new Error(`no compose ${index} in ${fixture}`);
  return { document, window, body: parts.body, parts };
}

/** Where our marker sits: 'end' (last child of the body) or 'above-quote' (right before #appendonsend). */
function position(body: HTMLElement): 'end' | 'above-quote' | 'other' {
  const [marker] = findOurSignatures(body);
  if (!marker) throw new Error('no marker');
  if (marker.nextElementSibling?.id === 'appendonsend') return 'above-quote';
  if (marker.parentElement === body && !marker.nextSibling) return 'end';
  return 'other';
}

describe('setSignature in Outlook', () => {
  it.each<{ fixture: string; index?: number; kind: ComposeKind; where: 'end' | 'above-quote' }>([
    { fixture: '2026-12-03-compose-new-reading-pane.en.html', kind: 'new', where: 'end' },
    { fixture: '2026-12-03-compose-new-full-page.fr.html', kind: 'new', where: 'end' },
    { fixture: '2026-12-03-compose-popout.en.html', kind: 'new', where: 'end' },
    { fixture: '2026-12-03-compose-shadow-editor.en.html', kind: 'new', where: 'end' },
    { fixture: '2026-12-03-compose-reply-inline.en.html', kind: 'reply', where: 'above-quote' },
    { fixture: '2026-12-03-compose-forward-inline.fr.html', kind: 'forward', where: 'above-quote' },
    { fixture: '2026-12-03-compose-several.en.html', index: 0, kind: 'reply', where: 'above-quote' },
    { fixture: '2026-12-03-compose-several.en.html', index: 1, kind: 'new', where: 'end' },
  ])('inserts once, replaces in place, removes — $fixture $index', ({ fixture, index, kind, where }) => {
    const { window, body } = composeOf(fixture, index);
    const typed = body.textContent;
    const inputs = vi.fn();
    body.addEventListener('input', inputs);

    expect(setSignature(body, kind, sigA, window)).toBe(true);
    expect(currentSignatureId(body)).toBe('sig-a');
    expect(position(body)).toBe(where);
    expect(inputs).toHaveBeenCalledTimes(1);

    // Same signature again: nothing changes, no draft save triggered.
    expect(setSignature(body, kind, sigA, window)).toBe(false);
    expect(inputs).toHaveBeenCalledTimes(1);

    // Swap: still exactly one marker, at the same place.
    const prev = findOurSignatures(body)[0]!.previousSibling;
    setSignature(body, kind, sigB, window);
    expect(findOurSignatures(body)).toHaveLength(1);
    expect(currentSignatureId(body)).toBe('sig-b');
    expect(findOurSignatures(body)[0]!.previousSibling).toBe(prev);
    expect(body.querySelectorAll(`[${signatureMarkerAttribute}]`)).toHaveLength(1);

    expect(setSignature(body, kind, null, window)).toBe(true);
    expect(currentSignatureId(body)).toBeUndefined();
    expect(body.textContent).toBe(typed);
    expect(inputs).toHaveBeenCalledTimes(3);
  });

  it('on a reply goes above #appendonsend, the <hr> and #divRplyFwdMsg, in that order below it', () => {
    const { window, body } = composeOf('2026-12-03-compose-reply-inline.en.html');
    setSignature(body, 'reply', sigA, window);
    const order = Array.from(body.children).map((c) => (c.hasAttribute(signatureMarkerAttribute) ? 'ours' : c.id || c.tagName.toLowerCase()));
    expect(order.slice(0, 5)).toEqual(['div', 'ours', 'appendonsend', 'hr', 'divRplyFwdMsg']);
  });

  it('without #appendonsend goes above the <hr> before #divRplyFwdMsg, else above #divRplyFwdMsg', () => {
    const { window, body } = composeOf('2026-12-03-compose-reply-inline.en.html');
    body.querySelector('#appendonsend')!.remove();
    setSignature(body, 'reply', sigA, window);
    expect(findOurSignatures(body)[0]!.nextElementSibling!.tagName).toBe('HR');
    setSignature(body, 'reply', null, window);
    body.querySelector('hr')!.remove();
    setSignature(body, 'reply', sigB, window);
    expect(findOurSignatures(body)[0]!.nextElementSibling!.id).toBe('divRplyFwdMsg');
  });

  it('replaces in place where the user moved it, leaving their text around it untouched', () => {
    const { window, body, document } = composeOf('2026-12-03-compose-new-reading-pane.en.html');
    body.innerHTML = '<div>Hello Claire,</div><div>first paragraph</div><div><br></div>';
    setSignature(body, 'new', sigA, window);
    const marker = findOurSignatures(body)[0]!;
    body.insertBefore(marker, body.children[1]!);
    body.append(Object.assign(document.createElement('div'), { textContent: 'P.S. see you soon' }));
    setSignature(body, 'new', sigB, window);
    expect(Array.from(body.children).map((c) => c.getAttribute(signatureMarkerAttribute) ?? c.textContent)).toEqual([
      'Hello Claire,',
      'sig-b',
      'first paragraph',
      '',
      'P.S. see you soon',
    ]);
  });

  it('never keeps two: extra markers (e.g. pasted) collapse into one', () => {
    const { window, body } = composeOf('2026-12-03-compose-new-reading-pane.en.html');
    body.innerHTML = `<div>Hi</div><div ${signatureMarkerAttribute}="old1">x</div><div ${signatureMarkerAttribute}="old2">y</div>`;
    setSignature(body, 'new', sigA, window);
    expect(findOurSignatures(body).map((m) => m.getAttribute(signatureMarkerAttribute))).toEqual(['sig-a']);
  });

  it('ignores a marker in the quoted earlier mail (after the quote starts)', () => {
    const { window, body } = composeOf('2026-12-03-compose-reply-inline.en.html');
    body.querySelector('.x_elementToProof')!.insertAdjacentHTML('beforeend', `<div ${signatureMarkerAttribute}="theirs">old</div>`);
    expect(currentSignatureId(body)).toBeUndefined();
    setSignature(body, 'reply', sigA, window);
    expect(position(body)).toBe('above-quote');
    setSignature(body, 'reply', null, window);
    expect(body.querySelector(`[${signatureMarkerAttribute}="theirs"]`)).not.toBeNull();
  });

  it('does not move the caret or the selection', () => {
    const { window, body, document } = composeOf('2026-12-03-compose-reply-inline.en.html');
    const text = body.querySelector('.x_elementToProof')!.firstChild!;
    const selection = window.getSelection()!;
    const range = document.createRange();
    range.setStart(text, 7);
    range.setEnd(text, 12);
    selection.removeAllRanges();
    selection.addRange(range);
    expect(selection.toString()).toBe('could');
    setSignature(body, 'reply', sigA, window);
    setSignature(body, 'reply', sigB, window);
    setSignature(body, 'reply', null, window);
    expect(selection.anchorNode).toBe(text);
    expect(selection.anchorOffset).toBe(7);
    expect(selection.focusOffset).toBe(12);
    expect(selection.toString()).toBe('could');
  });

  it('parses the HTML inertly (no handler runs while building the marker)', () => {
    const { window, body } = composeOf('2026-12-03-compose-new-reading-pane.en.html');
    const spy = vi.fn();
    (window as unknown as { __hit: () => void }).__hit = spy;
    setSignature(body, 'new', { id: 'x', html: '<img src="x" onerror="__hit()">' }, window);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe("Outlook's own signature (#Signature)", () => {
  it.each([
    ['2026-12-03-compose-native-signature.en.html', true],
    ['2026-12-03-compose-new-reading-pane.en.html', false],
    // The quoted mail's x_Signature is not Outlook's signature for this compose.
    ['2026-12-03-compose-reply-inline.en.html', false],
    ['2026-12-03-compose-forward-inline.fr.html', false],
  ])('%s → present: %s', (fixture, present) => {
    expect(hasNativeSignature(composeOf(fixture).body)).toBe(present);
  });

  it('removes it and keeps the two empty blocks Outlook puts before it', () => {
    const { window, body } = composeOf('2026-12-03-compose-native-signature.en.html');
    const inputs = vi.fn();
    body.addEventListener('input', inputs);
    expect(removeNativeSignature(body, window)).toBe(true);
    expect(hasNativeSignature(body)).toBe(false);
    expect(body.querySelector('#Signature')).toBeNull();
    expect(Array.from(body.children).map((c) => c.outerHTML.replace(/ style="[^"]*"/, ''))).toEqual([
      '<div class="elementToProof"><br></div>',
      '<div class="elementToProof"><br></div>',
    ]);
    expect(inputs).toHaveBeenCalledTimes(1);
    expect(removeNativeSignature(body, window)).toBe(false);
  });

  it('on a reply: found above #appendonsend, replaced by ours at the same place', () => {
    const { window, body } = composeOf('2026-12-03-compose-reply-inline.en.html');
    body.querySelector('#appendonsend')!.insertAdjacentHTML('beforebegin', '<div id="Signature"><div>Sam Dupont</div></div>');
    expect(hasNativeSignature(body)).toBe(true);
    removeNativeSignature(body, window);
    setSignature(body, 'reply', sigA, window);
    expect(body.querySelector('#Signature')).toBeNull();
    expect(position(body)).toBe('above-quote');
  });

  it('does not count one inside the quoted text', () => {
    const { body } = composeOf('2026-12-03-compose-reply-inline.en.html');
    body.querySelector('.x_elementToProof')!.insertAdjacentHTML('beforeend', '<div id="Signature">Claire</div>');
    expect(hasNativeSignature(body)).toBe(false);
  });

  it('is reachable through the compose handle', () => {
    const { window, parts } = composeOf('2026-12-03-compose-native-signature.en.html');
    const handle = new OutlookComposeHandle(parts, window, { watchClosing: () => {}, fromMemory: new FromChoiceMemory(), savedDraft: false });
    expect(handle.hasNativeSignature()).toBe(true);
    handle.removeNativeSignature();
    expect(handle.hasNativeSignature()).toBe(false);
    handle.setSignature(sigA);
    expect(handle.currentSignatureId()).toBe('sig-a');
  });

  it('works in an editor inside a shadow root through the handle', () => {
    const { window, parts, document } = composeOf('2026-12-03-compose-shadow-editor.en.html');
    const handle = new OutlookComposeHandle(parts, window, { watchClosing: () => {}, fromMemory: new FromChoiceMemory(), savedDraft: false });
    handle.setSignature(sigA);
    expect(document.querySelector(`[${signatureMarkerAttribute}]`)).toBeNull();
    expect(parts.body.querySelector(`[${signatureMarkerAttribute}="sig-a"]`)).not.toBeNull();
    expect(handle.currentSignatureId()).toBe('sig-a');
  });
});
