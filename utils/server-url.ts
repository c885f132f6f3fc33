/**
 * Server addresses: the default one, one spelling per server, the permission pattern it needs.
 * Apart from `utils/storage.ts` so that the in-page UI, which only needs these, does not carry the
 * storage items (and WXT's storage library) in its size-budgeted chunk.
 */

/** The server a fresh install talks to: the API run on the user's own machine (`npm start`). */
export const DEFAULT_SERVER_URL = 'http://localhost:8787';

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
