import { browser } from 'wxt/browser';
import type { Broadcast } from '@/messaging/protocol';

/**
 * Calls `cb` on each background broadcast of this kind; returns the unsubscribe. The listener
 * returns nothing, so it never answers (and never steals) a protocol message meant for the
 * background, which every extension page also receives.
 */
export function onBroadcast<K extends Broadcast['broadcast']>(
  kind: K,
  cb: (message: Extract<Broadcast, { broadcast: K }>) => void,
): () => void {
  const listener = (message: unknown) => {
    if (typeof message === 'object' && message !== null && (message as Broadcast).broadcast === kind) {
      cb(message as Extract<Broadcast, { broadcast: K }>);
    }
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
