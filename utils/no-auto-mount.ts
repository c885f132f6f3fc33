/**
 * Stands in for `@1natsu/wait-element` in our builds (wxt.config.ts). WXT's `createShadowRootUi`
 * carries an `autoMount` that waits for an anchor with it (and `many-keys-map`, `defu`): about
 * 1.5 KB gzip of the in-page UI chunk, which has a size budget. Mailroom never uses `autoMount` —
 * the webmail adapters find the slots on their own timing (`webmail/mount-control.ts`) — so
 * calling it fails loudly instead.
 */
export function waitElement(): never {
  throw new Error('WXT autoMount is not available in Mailroom: mount through the webmail adapter (webmail/mount-control.ts).');
}
