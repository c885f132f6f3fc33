import { browser } from 'wxt/browser';
import type { Broadcast } from '@/messaging/protocol';
import { tabStatesItem } from './tab-storage';

/**
 * What the webmail tabs' in-page controls show: the signed-in state, where messages are filed, and
 * the profile (composes there cache signatures rendered with it).
 */
const toTabsToo = new Set<Broadcast['broadcast']>(['session.changed', 'filings.changed', 'profile.changed']);

/**
 * Tell open pages something changed. Nobody listening (no page open) is the normal case.
 * Some also go to the webmail tabs: content scripts do not receive `runtime.sendMessage`.
 */
export function broadcast(message: Broadcast): void {
  browser.runtime.sendMessage(message).catch(() => undefined);
  if (toTabsToo.has(message.broadcast)) void toWebmailTabs(message);
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
