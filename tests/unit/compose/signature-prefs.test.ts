import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  getNativeSignaturePolicy,
  normalizeSignaturePrefs,
  setNativeSignaturePolicy,
  signaturePrefsItem,
} from '@/utils/signature-prefs';

beforeEach(() => fakeBrowser.reset());

describe('signature preferences', () => {
  it('replace Gmail\'s own signature by default', async () => {
    expect(await getNativeSignaturePolicy()).toBe('replace');
  });

  it('keeps the choice in local storage', async () => {
    await setNativeSignaturePolicy('keep');
    expect(await getNativeSignaturePolicy()).toBe('keep');
    expect(await fakeBrowser.storage.local.get('signaturePrefs')).toEqual({ signaturePrefs: { nativeSignature: 'keep' } });
    await setNativeSignaturePolicy('replace');
    expect(await signaturePrefsItem.getValue()).toEqual({ nativeSignature: 'replace' });
  });

  it.each([
    [null, 'replace'],
    [{}, 'replace'],
    [{ nativeSignature: 'both' }, 'replace'],
    ['keep', 'replace'],
    [{ nativeSignature: 'keep' }, 'keep'],
  ])('reads %j as %s', (stored, expected) => {
    expect(normalizeSignaturePrefs(stored).nativeSignature).toBe(expected);
  });

  it('falls back to the default when storage holds something foreign', async () => {
    await fakeBrowser.storage.local.set({ signaturePrefs: { nativeSignature: 42 } });
    expect(await getNativeSignaturePolicy()).toBe('replace');
  });
});
