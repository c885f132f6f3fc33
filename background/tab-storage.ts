/**
 * Per-tab webmail state, in `storage.session`: MV3 service workers are stopped when idle, so nothing
 * the side panel needs may live only in the worker's memory. Kept out of `utils/storage.ts` because
 * content scripts import that module, and Chrome refuses `storage.session` to content scripts
 * ("Access to storage is not allowed from this context") — only the background may define these.
 */
import { storage } from 'wxt/utils/storage';
import type { TabState } from '@/messaging/protocol';

/** Per-tab webmail state keyed by tab id (string keys: storage values are JSON). */
export const tabStatesItem = storage.defineItem<Record<string, TabState>>('session:tabStates', {
  fallback: {},
});

/** The webmail tab the user looked at last, for a side panel opened from a non-webmail tab. */
export const lastWebmailTabItem = storage.defineItem<number | null>('session:lastWebmailTab', {
  fallback: null,
});
