import { browser } from 'wxt/browser';
import { isLoopbackServer, originPattern } from '@/utils/server-url';

/**
 * Asks for the host permission of a Mailroom server that is not on this machine (the manifest
 * only lists loopback; others are `optional_host_permissions`). Must be the first call in a click
 * handler: the browser requires the user gesture, lost at the first `await`.
 */
export function requestServerPermission(serverUrl: string): Promise<boolean> {
  if (isLoopbackServer(serverUrl)) return Promise.resolve(true);
  return browser.permissions.request({ origins: [originPattern(serverUrl)] });
}
