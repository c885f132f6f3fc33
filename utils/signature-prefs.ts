/**
 * The user's choice about Gmail's own signature: when a compose already holds Gmail's
 * signature block, either "replace" it with the Mailroom signature or "keep" it and insert none.
 *
 * Default "replace": the shared account's signature is the reason the user installed Mailroom,
 * and Gmail's block is usually the personal one. Either way a compose never holds two signatures:
 * with "keep", ours is not inserted automatically, and if the user then picks one of ours in the
 * "Signature" menu, that explicit choice removes Gmail's block.
 *
 * Read and written by the background only (`prefs.nativeSignature.*` messages): the in-page UI
 * asks it, so its size-budgeted chunk carries no storage library.
 */
import { storage } from 'wxt/utils/storage';

export type NativeSignaturePolicy = 'keep' | 'replace';

export interface SignaturePrefs {
  nativeSignature: NativeSignaturePolicy;
}

export const defaultSignaturePrefs: SignaturePrefs = { nativeSignature: 'replace' };

/** Reads anything stored under the key defensively: a hand-edited or foreign value falls back. */
export function normalizeSignaturePrefs(value: unknown): SignaturePrefs {
  const policy = (value as Partial<SignaturePrefs> | null | undefined)?.nativeSignature;
  return { nativeSignature: policy === 'keep' || policy === 'replace' ? policy : defaultSignaturePrefs.nativeSignature };
}

// Version 1 is the first shape; a future change adds `migrations: { 2: ... }` with a test.
export const signaturePrefsItem = storage.defineItem<SignaturePrefs>('local:signaturePrefs', {
  fallback: defaultSignaturePrefs,
  version: 1,
});

export async function getNativeSignaturePolicy(): Promise<NativeSignaturePolicy> {
  return normalizeSignaturePrefs(await signaturePrefsItem.getValue()).nativeSignature;
}

export async function setNativeSignaturePolicy(policy: NativeSignaturePolicy): Promise<void> {
  const current = normalizeSignaturePrefs(await signaturePrefsItem.getValue());
  await signaturePrefsItem.setValue({ ...current, nativeSignature: policy });
}
