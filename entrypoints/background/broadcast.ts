import { browser } from 'wxt/browser';
import type { Broadcast } from '@/messaging/protocol';

/** Tell open pages something changed. Nobody listening (no page open) is the normal case. */
export function broadcast(message: Broadcast): void {
  browser.runtime.sendMessage(message).catch(() => undefined);
}
