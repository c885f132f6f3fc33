/**
 * How many records each message of the page is filed to, for the toolbar buttons ("Filed · 2").
 * From the server's filings, so every user of the account sees the same; one batched lookup for
 * every message on screen, kept current by whatever the filing view learns (filing, unfiling).
 */
import { ref } from 'vue';
import type { FilingState } from '@/contract';
import { limits } from '@/contract/limits';

// From limits.ts, not filings.ts: the in-page chunk must not pull zod in with the schemas.
const maxLookupMessages = limits.lookupMessages;
import { send } from '@/messaging/client';
import type { OpenMessage } from '@/webmail/types';
import type { ResolvedMessage } from './source';

/** Where each of `keys` is filed, in as few requests as the API allows (one for a conversation). */
export async function lookupStates(keys: readonly string[]): Promise<Record<string, FilingState>> {
  const unique = [...new Set(keys)];
  const out: Record<string, FilingState> = {};
  for (let i = 0; i < unique.length; i += maxLookupMessages) {
    const items = await send('filings.lookup', { messageIds: unique.slice(i, i + maxLookupMessages) });
    for (const { messageId, ...state } of items) out[messageId] = state;
  }
  return out;
}

export function useFiledCounts() {
  /** Filed-to count by message key. */
  const counts = ref<Record<string, number>>({});
  /** Message key by provider message id (kept across conversations: a key never changes). */
  const keys = ref<Record<string, string>>({});

  function noteKey(providerMessageId: string, key: string): void {
    if (keys.value[providerMessageId] !== key) keys.value[providerMessageId] = key;
  }

  function noteState(key: string, state: FilingState): void {
    counts.value[key] = state.filings.length;
  }

  /** Undefined until known (the button then says "File to record"). */
  function filedCount(providerMessageId: string): number | undefined {
    const key = keys.value[providerMessageId];
    return key === undefined ? undefined : counts.value[key];
  }

  /**
   * Reads the counts of `messages` again: their keys (Message-IDs are cached by the page), then
   * one lookup. Resolves with the states read, for the view to reuse.
   */
  async function refreshCounts(
    messages: readonly OpenMessage[],
    resolve: (m: OpenMessage) => Promise<ResolvedMessage | undefined>,
  ): Promise<Record<string, FilingState>> {
    const pairs = await Promise.all(messages.map(async (m) => [m.providerMessageId, (await resolve(m))?.key] as const));
    for (const [id, key] of pairs) if (key) noteKey(id, key);
    const found = pairs.map(([, key]) => key).filter((k): k is string => !!k);
    if (found.length === 0) return {};
    const states = await lookupStates(found);
    for (const [key, state] of Object.entries(states)) noteState(key, state);
    return states;
  }

  return { filedCount, noteKey, noteState, refreshCounts };
}
