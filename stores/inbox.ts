/**
 * The shared inbox of one account, as the side panel shows it: a filter (open, assigned to me,
 * handled), its pages newest first, the account's people to assign mail to, and the actions.
 * Every user of the account sees the same state: the panel refreshes while it is visible (polling,
 * like presence) and on `inbox.changed` / `filings.changed` from this browser; a local action
 * shows its answer at once, leaving the list when the message no longer belongs to the filter.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { InboxAssignees, InboxMessage } from '@/contract';
import { inboxPageSize } from '@/contract/inbox';
import { errorMessage } from '@/composables/useErrorMessage';
import { send } from '@/messaging/client';
import { t } from '@/utils/i18n';
import { belongsTo, queryOf, type InboxFilter } from './inbox-filters';
import { useSessionStore } from './session';
import '@/locales/inbox';

export type { InboxFilter } from './inbox-filters';

/** The API's largest page: a refresh re-reads at most this many messages. */
const maxPage = 100;

export const useInboxStore = defineStore('inbox', () => {
  const session = useSessionStore();

  const accountId = ref<string | null>(null);
  const filter = ref<InboxFilter>('open');
  const items = ref<InboxMessage[]>([]);
  const nextCursor = ref<string | null>(null);
  const loaded = ref(false);
  const loading = ref(false);
  const assignees = ref<InboxAssignees['items']>([]);
  /** Messages with an action under way (their buttons wait). */
  const busy = ref<string[]>([]);
  const error = ref<string | null>(null);

  /** Bumped when the account or filter changes: answers for the previous view are dropped. */
  let generation = 0;

  const hasMore = computed(() => nextCursor.value !== null);

  function fail(e: unknown): void {
    error.value = errorMessage(e, { not_found: t('inbox.gone') });
  }

  async function readPage(limit: number, cursor?: string) {
    const id = accountId.value;
    if (!id) return undefined;
    return send('inbox.list', { accountId: id, query: { ...queryOf(filter.value), limit, ...(cursor && { cursor }) } });
  }

  /** Shows `id`'s inbox under `view` (the current filter when omitted), from its first page. */
  async function open(id: string, view: InboxFilter = filter.value): Promise<void> {
    const accountChanged = id !== accountId.value;
    const gen = ++generation;
    accountId.value = id;
    filter.value = view;
    items.value = [];
    nextCursor.value = null;
    loaded.value = false;
    error.value = null;
    if (accountChanged) assignees.value = [];
    loading.value = true;
    try {
      const [page, people] = await Promise.all([
        readPage(inboxPageSize),
        accountChanged || assignees.value.length === 0 ? send('inbox.assignees', { accountId: id }) : Promise.resolve(assignees.value),
      ]);
      if (gen !== generation || !page) return;
      items.value = page.items;
      nextCursor.value = page.nextCursor;
      assignees.value = people;
      loaded.value = true;
    } catch (e) {
      if (gen === generation) fail(e);
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  const setFilter = (view: InboxFilter) => (accountId.value ? open(accountId.value, view) : Promise.resolve());

  /**
   * Reads again what is shown (the first pages, as many messages as listed): someone else may have
   * assigned, handled or filed mail meanwhile. Quiet: a failure keeps the list and says why.
   */
  async function refresh(): Promise<void> {
    if (!accountId.value || loading.value) return;
    const gen = generation;
    try {
      const page = await readPage(Math.min(maxPage, Math.max(inboxPageSize, items.value.length)));
      if (gen !== generation || !page) return;
      items.value = page.items;
      nextCursor.value = page.nextCursor;
      loaded.value = true;
      error.value = null;
    } catch (e) {
      if (gen === generation) fail(e);
    }
  }

  async function loadMore(): Promise<void> {
    const cursor = nextCursor.value;
    if (!cursor || loading.value) return;
    const gen = generation;
    loading.value = true;
    try {
      const page = await readPage(inboxPageSize, cursor);
      if (gen !== generation || !page) return;
      const known = new Set(items.value.map((m) => m.id));
      items.value = [...items.value, ...page.items.filter((m) => !known.has(m.id))];
      nextCursor.value = page.nextCursor;
    } catch (e) {
      if (gen === generation) fail(e);
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  /** Shows the API's answer for one message: in place, or out of a filter it left. */
  function apply(message: InboxMessage): void {
    items.value = belongsTo(message, filter.value, session.user?.id)
      ? items.value.map((m) => (m.id === message.id ? message : m))
      : items.value.filter((m) => m.id !== message.id);
  }

  async function act(messageId: string, call: (accountId: string) => Promise<InboxMessage>): Promise<boolean> {
    const id = accountId.value;
    if (!id || busy.value.includes(messageId)) return false;
    const gen = generation;
    busy.value = [...busy.value, messageId];
    error.value = null;
    try {
      const message = await call(id);
      if (gen === generation) apply(message);
      return true;
    } catch (e) {
      if (gen === generation) fail(e);
      return false;
    } finally {
      busy.value = busy.value.filter((m) => m !== messageId);
    }
  }

  /** Gives the message to `userId` (null: to nobody). */
  const assign = (messageId: string, userId: string | null) =>
    act(messageId, (id) => send('inbox.assign', { accountId: id, messageId, userId }));
  const setHandled = (messageId: string, handled: boolean) =>
    act(messageId, (id) => send('inbox.setHandled', { accountId: id, messageId, handled }));

  /** Forget the view (signed out, panel closed). */
  function reset(): void {
    generation++;
    accountId.value = null;
    items.value = [];
    nextCursor.value = null;
    assignees.value = [];
    loaded.value = false;
    loading.value = false;
    error.value = null;
    busy.value = [];
  }

  return {
    accountId, filter, items, nextCursor, loaded, loading, assignees, busy, error, hasMore,
    open, setFilter, refresh, loadMore, assign, setHandled, reset,
  };
});
