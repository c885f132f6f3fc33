/**
 * What the extension persists, as WXT storage items. Only the background reads `authItem` (it
 * holds the bearer token); pages learn the session through the message protocol instead.
 * Tab state lives in `background/tab-storage.ts` (session storage, background only).
 */
import { storage } from 'wxt/utils/storage';
import type { MeResponse } from '@/contract';

/** The server a fresh install talks to: the API run on the user's own machine (`npm start`). */
export const DEFAULT_SERVER_URL = 'http://localhost:8787';

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

/**
 * `https://crm.example.com/` → `https://crm.example.com`: one spelling per server so the token's
 * server and the typed one compare equal. Throws a readable error on anything but http(s).
 */
export function normalizeServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new Error(`"${input}" is not a web address. Enter one like ${DEFAULT_SERVER_URL}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The server address must start with http:// or https:// (got "${input}").`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The match pattern a server needs in `host_permissions` (any port: patterns ignore ports). */
export function originPattern(serverUrl: string): string {
  const { protocol, hostname } = new URL(serverUrl);
  return `${protocol}//${hostname}/*`;
}

/** Loopback servers are covered by the manifest's fixed host permissions. */
export function isLoopbackServer(serverUrl: string): boolean {
  const { hostname } = new URL(serverUrl);
  return hostname === 'localhost' || hostname === '127.0.0.1';
}
