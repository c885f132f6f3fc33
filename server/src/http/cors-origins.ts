/**
 * Which browser origins may read the API's answers (CORS). The extension calls from its own
 * origin: chrome-extension://<id> in Chrome and Edge, moz-extension://<uuid> in Firefox (a uuid
 * each install picks, which is why "any extension" is the default). No web page is ever allowed,
 * and the answer names the caller's origin rather than `*`: the API takes bearer tokens, and a
 * page that got one must not be able to use it from the browser.
 */
const extensionOrigin = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+$/i;

export function isAllowedOrigin(origin: string, allowed: string[] | null): boolean {
  return allowed ? allowed.includes(origin) : extensionOrigin.test(origin);
}
