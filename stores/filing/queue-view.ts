/** The part of the background's filing queue that concerns the open conversation. */
import type { QueuedFiling } from '@/background/filing-queue.types';

/** Queue items for the messages of this conversation. */
export function queuedFor(queue: readonly QueuedFiling[], conversationKeys: readonly string[]): QueuedFiling[] {
  return queue.filter((i) => conversationKeys.includes(i.messageKey));
}

/** Message keys that had items in `before` and none in `after`: their filings were confirmed. */
export function leftQueue(before: readonly QueuedFiling[], after: readonly QueuedFiling[]): string[] {
  const still = new Set(after.map((i) => i.messageKey));
  return [...new Set(before.map((i) => i.messageKey))].filter((k) => !still.has(k));
}
