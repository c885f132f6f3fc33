/** The filing view's record search box. */
import { ref } from 'vue';
import type { CrmRecord } from '@/contract';
import { send } from '@/messaging/client';

export interface RecordSearchOptions {
  /** The store's conversation counter: an answer that arrives after the user left is dropped. */
  generation: () => number;
  /** The store's one path for unexpected failures. */
  unexpectedError: (e: unknown) => void;
}

/** The typed text and the records found for it (used inside the filing store). */
export function useRecordSearch(o: RecordSearchOptions) {
  const query = ref('');
  const results = ref<CrmRecord[]>([]);

  async function search(q: string): Promise<void> {
    query.value = q;
    const gen = o.generation();
    if (!q.trim()) {
      results.value = [];
      return;
    }
    try {
      const { items } = await send('records.search', { q: q.trim(), limit: 20 });
      // A newer keystroke may have searched since: keep the answer for the current text only.
      if (gen === o.generation() && query.value === q) results.value = items;
    } catch (e) {
      o.unexpectedError(e);
    }
  }

  /** An empty box, for the next conversation. */
  function clearSearch(): void {
    results.value = [];
    query.value = '';
  }

  return { query, results, search, clearSearch };
}
