/**
 * Where the filing queue keeps its items: one extension-storage key per filing
 * (`local:filingQueue.<id>`), so queuing, retrying or confirming one filing writes that filing
 * alone. Queued filings carry message bodies: a single stored list rewritten on every change cost
 * the whole queue per change (quadratic when a long outage leaves thousands waiting). The list is
 * read once, when the service worker starts the queue; the queue keeps it in memory after that (one
 * service worker owns it).
 */
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import type { QueuedFiling } from './filing-queue.types';

export interface FilingQueueStore {
  /** Every stored item, oldest first. */
  load(): Promise<QueuedFiling[]>;
  /** Writes these items and drops those ids, all or nothing as far as the storage area allows. */
  write(changes: { put: QueuedFiling[]; remove: string[] }): Promise<void>;
}

/** Raw key prefix in `storage.local`. Change it, with a migration from the old one, when the item's shape changes. */
const itemPrefix = 'filingQueue.';
/** The first shape: one stored array of every item (`version: 1`). Moved to per-item keys on load. */
const legacyListKey = 'local:filingQueue' satisfies StorageItemKey;

const keyOf = (id: string): StorageItemKey => `local:${itemPrefix}${id}`;
const oldestFirst = (a: QueuedFiling, b: QueuedFiling) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function createStorageQueueStore(): FilingQueueStore {
  const store: FilingQueueStore = {
    async load() {
      await moveLegacyList();
      const all = await storage.snapshot('local');
      return Object.entries(all)
        .filter(([key]) => key.startsWith(itemPrefix))
        .map(([, value]) => value as QueuedFiling)
        .sort(oldestFirst);
    },
    async write({ put, remove }) {
      // One call each: chrome.storage applies a set (or a remove) of several keys at once.
      if (put.length > 0) await storage.setItems(put.map((item) => ({ key: keyOf(item.id), value: item })));
      if (remove.length > 0) await storage.removeItems(remove.map(keyOf));
    },
  };

  async function moveLegacyList(): Promise<void> {
    const legacy = await storage.getItem<QueuedFiling[]>(legacyListKey);
    if (!Array.isArray(legacy)) return;
    // Items first, then the list: a worker stopped in between finds both and moves them again
    // (same keys, same values), never neither.
    await store.write({ put: legacy, remove: [] });
    await storage.removeItem(legacyListKey, { removeMeta: true });
  }

  return store;
}
