/**
 * The one adapter method added for the compose feature (`ComposeHandle.isSavedDraft`), checked on
 * the Gmail engineer's dated fixtures: composes captured after Gmail saved them carry a draft id.
 */
import { describe, expect, it } from 'vitest';
import { ComposeRegistry } from '@/webmail/gmail/compose-registry';
import type { GmailComposeHandle } from '@/webmail/gmail/compose-handle';
import { loadOwn } from '../webmail/gmail/fixtures';

describe('Gmail compose: saved draft or not', () => {
  it.each([
    ['2026-11-27-compose-new.html', { c3: false }],
    ['2026-11-27-compose-reply.html', { c9: true }],
    ['2026-11-27-compose-forward.html', { c7: true, c8: false }],
    ['2026-11-27-compose-native-signature.html', { c12: true }],
  ])('%s', (page, expected) => {
    const { document, window } = loadOwn(page);
    const seen: GmailComposeHandle[] = [];
    const ctl = new AbortController();
    new ComposeRegistry(document, window as unknown as Window).subscribe((h) => seen.push(h), ctl.signal);
    expect(Object.fromEntries(seen.map((h) => [h.id, h.isSavedDraft()]))).toEqual(expected);

    // Cleared (a fresh compose Gmail has not saved yet): not a saved draft.
    for (const input of document.querySelectorAll<HTMLInputElement>('input[name="draft"]')) input.value = '';
    expect(seen.every((h) => !h.isSavedDraft())).toBe(true);
    ctl.abort();
  });
});
