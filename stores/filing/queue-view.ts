/** The part of the background's filing queue that concerns the open conversation. */
import { computed, ref, type Ref } from 'vue';
import type { QueuedFiling } from '@/background/filing-queue.types';
import { send } from '@/messaging/client';

/** Queue items for the messages of this conversation. */
export function queuedFor(queue: readonly QueuedFiling[], conversationKeys: readonly string[]): QueuedFiling[] {
  return queue.filter((i) => conversationKeys.includes(i.messageKey));
}

/** Message keys that had items in `before` and none in `after`: their filings were confirmed. */
export function leftQueue(before: readonly QueuedFiling[], after: readonly QueuedFiling[]): string[] {
  const still = new Set(after.map((i) => i.messageKey));
  return [...new Set(before.map((i) => i.messageKey))].filter((k) => !still.has(k));
}

export interface QueueViewOptions {
  /** Called with the keys of messages whose filings left the queue (confirmed): re-read them. */
  confirmed: (messageKeys: string[]) => Promise<unknown>;
  /** The store's one path for unexpected failures. */
  unexpectedError: (e: unknown) => void;
}

/** The queue as the filing store shows it, with its retry and dismiss actions (used inside the store). */
export function useQueueView(conversationKeys: Ref<string[]>, o: QueueViewOptions) {
  /** Filings the background still holds (all conversations; `queued` filters). */
  const queue = ref<QueuedFiling[]>([]);
  /** Queue items for the messages of this conversation. */
  const queued = computed(() => queuedFor(queue.value, conversationKeys.value));

  /** Re-reads the queue; a filing that left it was confirmed, so its message's state is re-read. */
  async function refreshQueue(): Promise<void> {
    const before = queued.value;
    queue.value = await send('filings.queue');
    await o.confirmed(leftQueue(before, queued.value));
  }

  async function retry(id: string): Promise<void> {
    try {
      await send('filings.queue.retry', { id });
      await refreshQueue();
    } catch (e) {
      o.unexpectedError(e);
    }
  }

  async function dismiss(id: string): Promise<void> {
    try {
      await send('filings.queue.dismiss', { id });
      queue.value = queue.value.filter((i) => i.id !== id);
    } catch (e) {
      o.unexpectedError(e);
    }
  }

  return { queue, queued, refreshQueue, retry, dismiss };
}
