import { browser } from 'wxt/browser';
import type { Broadcast } from '@/messaging/protocol';
import { tabStatesItem } from './tab-storage';

/**
 * Tell open pages something changed. Nobody listening (no page open) is the normal case.
 * Sign-in, sign-out and profile changes also go to the webmail tabs: content scripts do not receive
 * `runtime.sendMessage`, and their in-page controls show the signed-in state.
 */
export function broadcast(message: Broadcast): void {
  browser.runtime.sendMessage(message).catch(() => undefined);
  // Composes there cache signatures rendered with the user's profile.
  if (message.broadcast === 'session.changed' || message.broadcast === 'profile.changed') void toWebmailTabs(message);
}

async function toWebmailTabs(message: Broadcast): Promise<void> {
  const tabs = Object.keys(await tabStatesItem.getValue().catch(() => ({})));
  for (const id of tabs) {
    try {
      await browser.tabs.sendMessage(Number(id), message);
    } catch {
      // The tab closed or its content script is gone (extension reloaded): nothing to update.
    }
  }
}
