/**
 * Putting one of our signatures (or none) in a compose: the rules on Gmail's own signature, and
 * "never another account's signature" when rendering fails.
 */
import type { NativeSignaturePolicy } from '@/utils/signature-prefs';
import type { ComposeHandle } from '@/webmail/types';
import { errorMessage } from '@/composables/useErrorMessage';
import type { ComposeState } from './state';

export interface SignatureTarget {
  handle: ComposeHandle;
  /** The compose's state in the store (changed in place). */
  state: ComposeState;
  nativePolicy: NativeSignaturePolicy;
  renderedHtml: (signatureId: string) => Promise<string>;
  /** False once the user has moved on (another account or signature, compose closed). */
  isCurrent: () => boolean;
}

/**
 * Put `signatureId` (or none) in the compose. `explicit` is a choice made in the menu: it
 * removes Gmail's own signature whatever the policy. Resolves once done or superseded.
 */
export async function putSignature(to: SignatureTarget, signatureId: string | null, explicit: boolean): Promise<void> {
  const { handle, state } = to;
  if (signatureId === null) {
    handle.setSignature(null);
    state.signatureId = null;
    return;
  }
  if (!explicit && state.signatureId === null && handle.hasNativeSignature() && to.nativePolicy === 'keep') {
    state.nativeKept = true;
    return;
  }
  let html: string;
  try {
    html = await to.renderedHtml(signatureId);
  } catch (e) {
    if (!to.isCurrent()) return;
    // Never leave the previous account's signature in place of the one that failed.
    handle.setSignature(null);
    state.signatureId = null;
    state.error = errorMessage(e);
    return;
  }
  if (!to.isCurrent()) return;
  if (handle.hasNativeSignature()) handle.removeNativeSignature();
  handle.setSignature({ id: signatureId, html });
  state.signatureId = signatureId;
  state.nativeKept = false;
  state.error = null;
}
