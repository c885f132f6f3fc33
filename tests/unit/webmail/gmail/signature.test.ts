import { describe, expect, it, vi } from 'vitest';
import { findComposes } from '@/webmail/gmail/compose-detect';
import {
  currentSignatureId,
  findOurSignatures,
  hasNativeSignature,
  removeNativeSignature,
  setSignature,
  signatureMarkerAttribute,
} from '@/webmail/gmail/signature';
import { GmailComposeHandle } from '@/webmail/gmail/compose-handle';
import type { ComposeKind } from '@/webmail/types';
import { loadOwn, loadCapturedCompose, readCaptured } from './fixtures';

const sigA = { id: 'sig-a', html: '<p>Jane Roe<br>Acme</p>' };
const sigB = { id: 'sig-b', html: '<table><tbody><tr><td>Acme Sales</td></tr></tbody></table>' };

function composeOf(fixture: string | 'captured') {
  const { document, window } = fixture === 'captured' ? loadCapturedCompose() : loadOwn(fixture);
  const [parts] = findComposes(document);
  if (!parts) throw new Error(`no compose in ${fixture}`);
  return { document, window, body: parts.body };
}

/** Where our marker sits relative to the quote: 'end' (last child of body) or 'above-quote'. */
function position(body: HTMLElement): 'end' | 'above-quote' | 'other' {
  const [marker] = findOurSignatures(body);
  if (!marker) throw new Error('no marker');
  const next = marker.nextElementSibling;
  if (next?.matches('.gmail_quote_container, div.gmail_quote, blockquote.gmail_quote')) return 'above-quote';
  if (marker.parentElement === body && !marker.nextSibling) return 'end';
  return 'other';
}

describe('setSignature', () => {
  it.each<{ fixture: string; kind: ComposeKind; where: 'end' | 'above-quote' }>([
    { fixture: 'captured', kind: 'new', where: 'end' },
    { fixture: '2026-11-27-compose-new.html', kind: 'new', where: 'end' },
    { fixture: '2026-11-27-compose-popout.html', kind: 'new', where: 'end' },
    { fixture: '2026-11-27-compose-reply.html', kind: 'reply', where: 'above-quote' },
    { fixture: '2026-11-27-compose-forward.html', kind: 'forward', where: 'above-quote' },
  ])('inserts once, replaces in place, removes — $fixture', ({ fixture, kind, where }) => {
    const { window, body } = composeOf(fixture);
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
    const before = findOurSignatures(body)[0]!;
    const prev = before.previousSibling;
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

  it('replaces in place where the user moved it, leaving their text around it untouched', () => {
    const { window, body, document } = composeOf('2026-11-27-compose-new.html');
    body.innerHTML = '<div>Hello Claire,</div><div>first paragraph</div><br>';
    setSignature(body, 'new', sigA, window);
    const marker = findOurSignatures(body)[0]!;
    // The user drags it between their paragraphs and types after it.
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
    const { window, body } = composeOf('2026-11-27-compose-new.html');
    body.innerHTML = `<div>Hi</div><div ${signatureMarkerAttribute}="old1">x</div><div ${signatureMarkerAttribute}="old2">y</div>`;
    setSignature(body, 'new', sigA, window);
    expect(findOurSignatures(body).map((m) => m.getAttribute(signatureMarkerAttribute))).toEqual(['sig-a']);
  });

  it('ignores a marker inside the quoted text of an earlier mail', () => {
    const { window, body } = composeOf('2026-11-27-compose-reply.html');
    body.querySelector('blockquote.gmail_quote')!.insertAdjacentHTML('beforeend', `<div ${signatureMarkerAttribute}="theirs">old</div>`);
    expect(currentSignatureId(body)).toBeUndefined();
    setSignature(body, 'reply', sigA, window);
    expect(position(body)).toBe('above-quote');
    expect(body.querySelector(`blockquote [${signatureMarkerAttribute}="theirs"]`)).not.toBeNull();
    setSignature(body, 'reply', null, window);
    expect(body.querySelector(`[${signatureMarkerAttribute}="theirs"]`)).not.toBeNull();
  });

  it('does not move the caret or the selection', () => {
    const { window, body, document } = composeOf('2026-11-27-compose-reply.html');
    const text = body.querySelector('div[dir=ltr]')!.firstChild!;
    const selection = window.getSelection()!;
    const range = document.createRange();
    range.setStart(text, 7);
    range.setEnd(text, 12);
    selection.removeAllRanges();
    selection.addRange(range);
    expect(selection.toString()).toBe('Clair');
    setSignature(body, 'reply', sigA, window);
    setSignature(body, 'reply', sigB, window);
    setSignature(body, 'reply', null, window);
    expect(selection.anchorNode).toBe(text);
    expect(selection.anchorOffset).toBe(7);
    expect(selection.focusNode).toBe(text);
    expect(selection.focusOffset).toBe(12);
    expect(selection.toString()).toBe('Clair');
  });

  it('parses the HTML inertly (no handler runs while building the marker)', () => {
    const { window, body } = composeOf('2026-11-27-compose-new.html');
    const spy = vi.fn();
    (window as unknown as { __hit: () => void }).__hit = spy;
    setSignature(body, 'new', { id: 'x', html: '<img src="x" onerror="__hit()">' }, window);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe("Gmail's own signature", () => {
  it.each([
    ['2026-11-27-compose-native-signature.html', true],
    ['2026-11-27-compose-new.html', false],
    ['2026-11-27-compose-reply.html', false],
    ['captured', false],
  ])('%s → present: %s', (fixture, present) => {
    expect(hasNativeSignature(composeOf(fixture).body)).toBe(present);
  });

  it('removes it with its "-- " prefix and the clear-break, and keeps the rest', () => {
    const { window, body } = composeOf('2026-11-27-compose-native-signature.html');
    const inputs = vi.fn();
    body.addEventListener('input', inputs);
    expect(removeNativeSignature(body, window)).toBe(true);
    expect(hasNativeSignature(body)).toBe(false);
    expect(body.querySelector('.gmail_signature_prefix')).toBeNull();
    expect(body.querySelector('br[clear]')).toBeNull();
    expect(body.innerHTML).toBe('<div dir="ltr"><br></div>');
    expect(inputs).toHaveBeenCalledTimes(1);
    expect(removeNativeSignature(body, window)).toBe(false);
  });

  it("handles the signature block of Gmail's captured draft traffic (2022)", () => {
    const capture = JSON.parse(readCaptured('inboxsdk/test/data/2022-09-09-cvOnDraftSaveBatched_request.json')) as unknown;
    const html = JSON.stringify(capture).match(/<div dir=\\"ltr\\"><br clear=\\"all\\">.*?gmail_signature.*?<\/div><\/div><\/div><\/div><\/div>/)?.[0];
    if (!html) throw new Error('capture changed');
    const { window, body } = composeOf('2026-11-27-compose-new.html');
    body.innerHTML = `<div>Typed by the user</div>${JSON.parse(`"${html}"`) as string}`;
    expect(hasNativeSignature(body)).toBe(true);
    removeNativeSignature(body, window);
    expect(hasNativeSignature(body)).toBe(false);
    expect(body.textContent).toBe('Typed by the user');
  });

  it('does not count a signature inside quoted text', () => {
    const { body } = composeOf('2026-11-27-compose-reply.html');
    body.querySelector('blockquote.gmail_quote')!.insertAdjacentHTML('beforeend', '<div class="gmail_signature">Claire</div>');
    expect(hasNativeSignature(body)).toBe(false);
  });

  it('is reachable through the compose handle', () => {
    const { document, window } = loadOwn('2026-11-27-compose-native-signature.html');
    const [parts] = findComposes(document);
    const handle = new GmailComposeHandle(parts!, window, { watchClosing: () => {} });
    expect(handle.hasNativeSignature()).toBe(true);
    handle.removeNativeSignature();
    expect(handle.hasNativeSignature()).toBe(false);
    handle.setSignature(sigA);
    expect(handle.currentSignatureId()).toBe('sig-a');
    expect(handle.toolbarSlot()?.matches('td.gU.Up')).toBe(true);
  });
});
