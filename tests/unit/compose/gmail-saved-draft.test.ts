/**
 * The one adapter method added for the compose feature (`ComposeHandle.isSavedDraft`), checked on
 * the Gmail engineer's dated fixtures: composes captured after Gmail saved them carry a draft id
 * (`#msg-a:r-…`); before the first save Gmail's `draft` input reads "undefined", never "".
 */
import { describe, expect, it } from 'vitest';
import { ComposeRegistry } from '@/webmail/gmail/compose-registry';
import type { GmailComposeHandle } from '@/webmail/gmail/compose-handle';
import { loadOwn } from '../webmail/gmail/fixtures';

function handlesOf(page: string) {
  const { document, window } = loadOwn(page);
  const seen: GmailComposeHandle[] = [];
  const ctl = new AbortController();
  new ComposeRegistry(document, window as unknown as Window).subscribe((h) => seen.push(h), ctl.signal);
  return { document, seen, stop: () => ctl.abort() };
}

describe('Gmail compose: saved draft or not', () => {
  it.each([
    // Just opened, Gmail's real pre-save values (draft="undefined").
    ['2026-12-02-compose-new.html', { c3: false }],
    ['2026-12-02-compose-reply.html', { c9: false }],
    ['2026-12-02-compose-forward.html', { c7: false, c8: false }],
    ['2026-12-02-compose-popout.html', { c1: false }],
    ['2026-12-02-compose-native-signature.html', { c12: false }],
    // Saved: a draft id.
    ['2026-12-02-compose-draft-reopened.html', { c15: true }],
    ['2026-11-27-compose-reply.html', { c9: true }],
    ['2026-11-27-compose-forward.html', { c7: true, c8: false }],
    ['2026-11-27-compose-native-signature.html', { c12: true }],
  ])('%s', (page, expected) => {
    const { seen, stop } = handlesOf(page);
    expect(Object.fromEntries(seen.map((h) => [h.id, h.isSavedDraft()]))).toEqual(expected);
    stop();
  });

  it.each([
    ['', false],
    ['undefined', false],
    ['null', false],
    [' Undefined ', false],
    ['NULL', false],
    ['#msg-a:r-6620489133517502714', true],
  ])('draft input %j → saved %s', (value, saved) => {
    const { document, seen, stop } = handlesOf('2026-12-02-compose-draft-reopened.html');
    document.querySelector<HTMLInputElement>('input[name="draft"]')!.value = value;
    expect(seen.map((h) => h.isSavedDraft())).toEqual([saved]);
    stop();
  });
});
