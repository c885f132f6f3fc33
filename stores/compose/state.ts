/** What the compose store keeps for each open compose, and what "Write to" asks for. */
import type { ComposeHandle, ComposeKind } from '@/webmail/types';

export type ComposeStatus = 'loading' | 'ready' | 'unavailable' | 'error';

export interface ComposeState {
  id: string;
  kind: ComposeKind;
  status: ComposeStatus;
  /** Why the controls are unavailable: signed out, or no account to use. */
  unavailableReason?: 'signed-out' | 'no-accounts';
  accountId: string | null;
  /** Our signature the body holds now; null when none of ours is in it. */
  signatureId: string | null;
  /** The user chose "No signature": an account change then inserts none. */
  explicitNone: boolean;
  /** Gmail's own signature was left in place by the "keep" policy. */
  nativeKept: boolean;
  /** The last failure, as text in the UI language (`errorMessage()`); cleared by the next success. */
  error: string | null;
  /**
   * The "From" Gmail shows, lower-cased, as last read; null when Gmail shows none (an account
   * without aliases). The toolbar warns when it is not the chosen account's address.
   */
  from: string | null;
}

/** What an open request carries ("Write to" from the side panel). */
export interface ComposeIntent {
  accountId?: string;
}

/** A compose just found: loading, nothing chosen yet. */
export function newComposeState(handle: ComposeHandle): ComposeState {
  return {
    id: handle.id,
    kind: handle.kind,
    status: 'loading',
    accountId: null,
    signatureId: null,
    explicitNone: false,
    nativeKept: false,
    error: null,
    from: null,
  };
}

