/**
 * What the extension persists, as WXT storage items. Only the background reads `authItem` (it
 * holds the bearer token); pages learn the session through the message protocol instead.
 * Tab state lives in `background/tab-storage.ts` (session storage, background only).
 */
import { storage } from 'wxt/utils/storage';
import type { MeResponse } from '@/contract';
import { DEFAULT_SERVER_URL, normalizeServerUrl } from './server-url';

/** The signed-in session. `serverUrl` is the server that issued the token. */
export interface AuthRecord {
  token: string;
  serverUrl: string;
  expiresAt: string | null;
  /** Last `GET /api/me`, so the UI can show who is signed in while the server is unreachable. */
  me: MeResponse | null;
  /** Signed in with a one-time password: the API refuses everything until a new one is chosen. */
  mustChangePassword?: boolean;
}

/** v1, as the 0.0.x previews stored it: the bare token and the server it came from. */
export interface AuthRecordV1 {
  token: string;
  server: string;
}

/** v1 → v2: keep the token (still valid on the server) and leave the rest to be fetched again. */
export function migrateAuthV1(old: AuthRecordV1 | null): AuthRecord | null {
  if (!old || typeof old.token !== 'string' || !old.token) return null;
  return {
    token: old.token,
    serverUrl: normalizeServerUrl(old.server || DEFAULT_SERVER_URL),
    expiresAt: null,
    me: null,
  };
}

/** A factory so tests can seed an old shape first, then define the item and watch it migrate. */
export function defineAuthItem() {
  return storage.defineItem<AuthRecord | null>('local:auth', {
    fallback: null,
    version: 2,
    migrations: { 2: migrateAuthV1 },
  });
}
export const authItem = defineAuthItem();

/** Why the user was last signed out by the extension (shown once on the sign-in form). */
export const signedOutReasonItem = storage.defineItem<'expired' | null>('local:signedOutReason', {
  fallback: null,
});

/** The server URL typed in the options page (kept even when signed out). */
export const serverUrlItem = storage.defineItem<string>('local:serverUrl', {
  fallback: DEFAULT_SERVER_URL,
});
