/**
 * The organisation's records as the options page's Records view shows them: searched, filtered by
 * kind and paged (keyset: "Show more" follows the server's cursor), with the actions on them. The
 * list is kept consistent after an action without reading it again: an edited record replaced in
 * place, a deleted or merged-away one dropped, contacts of a company that went away updated.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CrmRecord, RecordDetail, RecordKind, UpdateRecordRequest } from '@/contract';
import { send } from '@/messaging/client';
import type { ProtocolError } from '@/messaging/protocol';
import { protocolError } from '@/composables/useErrorMessage';

export type KindFilter = RecordKind | 'all';

/** One page of the list; "Show more" adds the next. */
export const RECORDS_PAGE_SIZE = 50;

export const useAdminRecordsStore = defineStore('adminRecords', () => {
  const items = ref<CrmRecord[]>([]);
  /** Matches of the search and filter, counted up to the server's cap (`totalCapped` beyond). */
  const total = ref(0);
  const totalCapped = ref(false);
  const q = ref('');
  const kindFilter = ref<KindFilter>('all');
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const loadError = ref<ProtocolError | null>(null);
  /** An action outside a dialog that failed ("Show more"); shown as a banner. */
  const unexpectedError = ref<ProtocolError | null>(null);
  /** The cursor of the next page, null on the last one. */
  let nextCursor: string | null = null;
  const hasMore = ref(false);
  /** Only the answer to the latest search is kept, whatever order answers arrive in. */
  let latest = 0;

  const query = () => ({ q: q.value.trim(), ...(kindFilter.value !== 'all' && { kind: kindFilter.value }), limit: RECORDS_PAGE_SIZE });

  async function load(): Promise<void> {
    const mine = ++latest;
    status.value = 'loading';
    loadError.value = null;
    try {
      const page = await send('records.search', query());
      if (mine !== latest) return;
      items.value = page.items;
      total.value = page.total;
      totalCapped.value = page.totalCapped;
      nextCursor = page.nextCursor;
      hasMore.value = nextCursor !== null;
      status.value = 'ready';
    } catch (e) {
      if (mine !== latest) return;
      loadError.value = protocolError(e);
      status.value = 'error';
    }
  }

  /** The next page, appended (records already listed are not repeated). */
  async function loadMore(): Promise<void> {
    if (nextCursor === null) return;
    const mine = latest;
    unexpectedError.value = null;
    try {
      const page = await send('records.search', { ...query(), cursor: nextCursor });
      if (mine !== latest) return;
      const known = new Set(items.value.map((r) => r.id));
      items.value.push(...page.items.filter((r) => !known.has(r.id)));
      nextCursor = page.nextCursor;
      hasMore.value = nextCursor !== null;
    } catch (e) {
      if (mine === latest) unexpectedError.value = protocolError(e);
    }
  }

  function drop(id: string): void {
    const i = items.value.findIndex((r) => r.id === id);
    if (i < 0) return;
    items.value.splice(i, 1);
    if (!totalCapped.value) total.value = Math.max(0, total.value - 1);
  }

  /** Listed contacts of company `from` now belong to `to` (null: to none). */
  function relinkContacts(from: string, to: CrmRecord | null): void {
    for (const r of items.value) {
      if (r.companyId !== from) continue;
      r.companyId = to?.id ?? null;
      r.companyName = to?.name ?? null;
    }
  }

  function replace(record: CrmRecord): void {
    const i = items.value.findIndex((r) => r.id === record.id);
    if (i >= 0) items.value.splice(i, 1, record);
    if (record.kind === 'company') {
      for (const r of items.value) if (r.companyId === record.id) r.companyName = record.name;
    }
  }

  /** A search for a picker (the record to merge, a contact's company): the list is left alone. */
  async function find(text: string, kind?: RecordKind): Promise<CrmRecord[]> {
    return (await send('records.search', { q: text, ...(kind && { kind }), limit: 10 })).items;
  }

  /** The record with how many filings and contacts a delete or merge takes along. */
  function detail(id: string): Promise<RecordDetail> {
    return send('admin.records.detail', { id });
  }

  /** Rejects with the API's refusal for the dialog to show; the list is left as it was then. */
  async function update(id: string, patch: UpdateRecordRequest): Promise<CrmRecord> {
    const record = await send('records.update', { id, patch });
    replace(record);
    return record;
  }

  async function remove(id: string): Promise<void> {
    await send('admin.records.delete', { id });
    drop(id);
    relinkContacts(id, null);
  }

  /** `mergeId` goes into `keepId`; answers the kept record, as it is now. */
  async function merge(keepId: string, mergeId: string): Promise<CrmRecord> {
    const kept = await send('admin.records.merge', { id: keepId, mergeId });
    drop(mergeId);
    relinkContacts(mergeId, kept);
    replace(kept);
    return kept;
  }

  /** The records of the kind shown (all kinds: every record) as CSV text. */
  async function exportCsv(): Promise<string> {
    const kind = kindFilter.value === 'all' ? undefined : kindFilter.value;
    return (await send('admin.records.export', kind ? { kind } : {})).csv;
  }

  return { exportCsv, items, total, totalCapped, hasMore, q, kindFilter, status, loadError, unexpectedError, load, loadMore, find, detail, update, remove, merge };
});
