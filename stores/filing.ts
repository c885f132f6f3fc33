/**
 * Filing the open email: where it is already filed, suggestions for its participants,
 * record search, filing to one or several records (or the whole conversation) through the
 * background's persistent queue, unfiling, "Create and file" (a record for the correspondent,
 * created and filed to in one request), the toolbar buttons' "Filed · N", and the collision
 * hints of shared accounts. One store for the in-page popover and the side panel; what differs
 * between them (reading the Message-ID, attachment bytes) comes in through `FilingSource`.
 * The store keeps the conversation's state and the order of events; the pieces are in
 * `stores/filing/` (queue view, record search, account, presence, hints, outcomes...).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { FilingOutcome } from '@/background/filing-queue.types';
import type { CrmRecord, FileRequest, FilingState, NewRecordRequest, PresenceEntry, Suggestion } from '@/contract';
import { errorMessage } from '@/composables/useErrorMessage';
import { send } from '@/messaging/client';
import { t } from '@/utils/i18n';
import type { OpenConversation, OpenMessage } from '@/webmail/types';
import { useAccountsStore } from './accounts';
import { filingAccountId } from './filing/account';
import { keepAttachments as keepMessageAttachments } from './filing/attachments';
import { correspondentOf, fileRequest, participants as conversationParticipants, resolveMessage } from './filing/conversation';
import { lookupStates, useFiledCounts } from './filing/filed-counts';
import { collisionHints } from './filing/hints';
import { summarizeOutcomes } from './filing/outcome';
import { announcePresence, putPresence } from './filing/presence';
import { useQueueView } from './filing/queue-view';
import { useRecordSearch } from './filing/search';
import { localRecord, toNewRecordRequest, type NewRecordInput } from './filing/new-record';
import { lookupRecords, mergeCandidates, recordName as knownRecordName, correspondentRecord as findCorrespondentRecord } from './filing/records';
import type { FilingSource, ResolvedMessage } from './filing/source';
import { createSuggestionPrefetch } from './filing/suggest-prefetch';
import { useSessionStore } from './session';
import '@/locales/filing';

export type { FilingSource } from './filing/source';
export type { NewRecordInput } from './filing/new-record';

export const useFilingStore = defineStore('filing', () => {
  const accounts = useAccountsStore();
  const session = useSessionStore();

  /** The open conversation and the message in focus. */
  const conversation = ref<OpenConversation | undefined>();
  const focusId = ref<string | undefined>();
  /** Message key (and Message-ID when read) by provider message id. */
  const resolved = ref<Record<string, ResolvedMessage>>({});
  /** Where each message is filed, by message key. */
  const states = ref<Record<string, FilingState>>({});
  const suggestions = ref<Suggestion[]>([]);
  const suggestionsLoaded = ref(false);
  /** Records created here ("Create and file"), shown first with the suggestions. */
  const created = ref<CrmRecord[]>([]);
  /** Ticked record ids. */
  const selected = ref<string[]>([]);
  const scope = ref<'message' | 'conversation'>('message');
  const includeAttachments = ref(false);
  /** Other users on this conversation (presence API). */
  const presence = ref<PresenceEntry[]>([]);
  const busy = ref(false);
  /** The message to show for the last failure, or null. */
  const error = ref<string | null>(null);
  /** A short confirmation ("Filed to Acme."). */
  const notice = ref<string | null>(null);
  /** The account filings are made from: set on `open`. */
  const accountId = ref<string | null>(null);

  // Functions from the page: not state (not serialisable), kept beside the store.
  let source: FilingSource | undefined;
  /** Bumped on every `open`, so answers for a conversation left since are dropped. */
  let generation = 0;

  const messages = computed(() => conversation.value?.messages ?? []);
  const focused = computed<OpenMessage | undefined>(
    () => messages.value.find((m) => m.providerMessageId === focusId.value) ?? messages.value.at(-1),
  );
  const focusedKey = computed(() => (focused.value ? resolved.value[focused.value.providerMessageId]?.key : undefined));
  const focusedState = computed(() => (focusedKey.value ? states.value[focusedKey.value] : undefined));
  /** The conversation as every user of the account names it: its first message's key. */
  const threadKey = computed(() => {
    const first = messages.value[0];
    return first ? resolved.value[first.providerMessageId]?.key : undefined;
  });
  const conversationKeys = computed(() =>
    messages.value.map((m) => resolved.value[m.providerMessageId]?.key).filter((k): k is string => !!k),
  );
  const queueView = useQueueView(conversationKeys, {
    confirmed: (keys) => loadStates(keys, generation),
    unexpectedError,
  });
  const { filedCount, noteKey, noteState, refreshCounts } = useFiledCounts();
  const { refreshQueue } = queueView;
  const { clearSearch, ...recordSearch } = useRecordSearch({ generation: () => generation, unexpectedError });
  const canFetchAttachments = computed(() => !!conversation.value && !!source?.fetchAttachment);

  /** Records created here, then suggestions (best matches first), without duplicates. */
  const candidates = computed<CrmRecord[]>(() => mergeCandidates(created.value, suggestions.value));
  /** Who the focused message is with (its sender, or the recipient of mail we sent). */
  const correspondent = computed(() => correspondentOf(focused.value, accounts.items.map((a) => a.address)));
  /** The record holding the correspondent's address, if any (the record card). */
  const correspondentRecord = computed(() => findCorrespondentRecord(correspondent.value?.address, created.value, suggestions.value));

  /** Collision hints: who else replies to / reads this conversation, who filed it lately. */
  const hints = computed<string[]>(() =>
    collisionHints(presence.value, states.value, conversationKeys.value, session.user?.id),
  );

  function unexpectedError(e: unknown): void {
    error.value = errorMessage(e);
  }

  /** The account whose address the webmail shows, else the user's default, else the first. */
  const chooseAccount = (userAddress: string | undefined) => filingAccountId(accounts, userAddress);

  const participants = (focus: OpenMessage | undefined): string[] =>
    conversationParticipants(messages.value, focus, accounts.items.map((a) => a.address));

  function resolve(m: OpenMessage, from: FilingSource | undefined = source): Promise<ResolvedMessage | undefined> {
    return resolveMessage(m, from);
  }

  /** Where a message is filed: the view's state and the toolbar's count. */
  function setState(key: string, state: FilingState): void {
    states.value[key] = state;
    noteState(key, state);
  }

  /** Where these messages are filed, in one request. */
  async function loadStates(keys: readonly string[], gen: number): Promise<void> {
    if (keys.length === 0) return;
    const found = await lookupStates(keys);
    if (gen !== generation) return;
    for (const [key, state] of Object.entries(found)) setState(key, state);
  }

  /** Reads where the conversation's messages are filed again (filed or unfiled elsewhere). */
  async function reload(): Promise<void> {
    try {
      await loadStates(conversationKeys.value, generation);
    } catch (e) {
      unexpectedError(e);
    }
  }

  const prefetched = createSuggestionPrefetch((emails) => send('records.suggest', { emails }));

  /**
   * Asks for a conversation's suggestions before it is opened here (the in-page UI, as the
   * conversation shows), for its last message: the one `open` focuses unless told another.
   */
  async function prefetchSuggestions(c: OpenConversation): Promise<void> {
    await accounts.ensure().catch(() => undefined);
    prefetched.prefetch(conversationParticipants(c.messages, c.messages.at(-1), accounts.items.map((a) => a.address)));
  }

  /** With the conversation's keys, the records its thread is filed to come first. */
  async function loadSuggestions(gen: number, messageKeys: string[] = []): Promise<void> {
    const emails = participants(focused.value);
    const ask = () => (emails.length || messageKeys.length ? send('records.suggest', messageKeys.length ? { emails, messageKeys } : { emails }) : Promise.resolve([]));
    const items = await ((messageKeys.length ? undefined : prefetched.take(emails)) ?? ask());
    if (gen !== generation) return;
    suggestions.value = items;
    suggestionsLoaded.value = true;
  }

  /**
   * Shows a conversation: suggestions first (they only need the addresses), while the
   * Message-IDs are read and the filing state, queue and presence are fetched.
   */
  async function open(src: FilingSource): Promise<void> {
    const gen = ++generation;
    source = src;
    conversation.value = src.conversation;
    focusId.value = src.focusId;
    resolved.value = {};
    states.value = {};
    suggestions.value = [];
    suggestionsLoaded.value = false;
    selected.value = [];
    clearSearch();
    presence.value = [];
    error.value = null;
    notice.value = null;
    scope.value = 'message';
    includeAttachments.value = false;
    // Who "me" is decides which filings are someone else's (hints); the in-page store starts
    // without a session state, so it is read alongside, never in front of, the suggestions.
    const knowingMe = session.state ? Promise.resolve() : session.load().catch(() => undefined);
    try {
      accountId.value = await chooseAccount(src.userAddress);
      if (gen !== generation) return;
      const suggesting = loadSuggestions(gen);
      const identifying = (async () => {
        const pairs = await Promise.all(src.conversation.messages.map(async (m) => [m.providerMessageId, await resolve(m)] as const));
        if (gen !== generation) return;
        resolved.value = Object.fromEntries(pairs.filter((p): p is [string, ResolvedMessage] => !!p[1]));
        for (const [id, r] of Object.entries(resolved.value)) noteKey(id, r.key);
        // Asked again once the keys are known (after the first answer, so it cannot overtake it).
        const keys = conversationKeys.value;
        const threadFirst = keys.length ? suggesting.then(() => (gen === generation ? loadSuggestions(gen, keys) : undefined)) : undefined;
        await Promise.all([loadStates(keys, gen), refreshQueue(), heartbeat('viewing'), threadFirst]);
      })();
      await Promise.all([suggesting, identifying, knowingMe]);
    } catch (e) {
      if (gen === generation) unexpectedError(e);
    }
  }

  /** Leaves the conversation (closed, navigated away). */
  function close(): void {
    generation++;
    conversation.value = undefined;
    source = undefined;
  }

  function toggle(recordId: string): void {
    selected.value = selected.value.includes(recordId)
      ? selected.value.filter((id) => id !== recordId)
      : [...selected.value, recordId];
  }

  function recordName(id: string): string {
    return knownRecordName(id, [...candidates.value, ...recordSearch.results.value], states.value);
  }

  function requestFor(m: OpenMessage, recordIds: string[], newRecord: NewRecordRequest | undefined): FileRequest | undefined {
    const id = resolved.value[m.providerMessageId];
    if (!id || !accountId.value) return undefined;
    const req = fileRequest(m, id, accountId.value, recordIds, conversation.value?.providerThreadId);
    return newRecord ? { ...req, newRecord } : req;
  }

  /**
   * Files the message in focus (or every message of the conversation) to `recordIds`, defaulting
   * to the ticked records, and to `newRecord` when given (created in the same request; every
   * message's request carries the same one, so it is created once whatever arrives first). Each
   * filing goes through the background queue: confirmed now, or kept and shown as pending until
   * the API confirms. Resolves false when a filing was refused (queued is not refused).
   */
  async function file(recordIds: string[] = selected.value, newRecord?: NewRecordRequest): Promise<boolean> {
    if ((recordIds.length === 0 && !newRecord) || busy.value) return false;
    if (!accountId.value) {
      error.value = t('filing.noAccount');
      return false;
    }
    const targets = scope.value === 'conversation' ? messages.value : focused.value ? [focused.value] : [];
    const requests = targets.map((m) => ({ m, req: requestFor(m, recordIds, newRecord) }));
    if (requests.length === 0 || requests.some((r) => !r.req)) {
      error.value = t('filing.noDate');
      return false;
    }
    busy.value = true;
    error.value = null;
    notice.value = null;
    const gen = generation;
    try {
      const outcomes: FilingOutcome[] = [];
      let keptAttachments = 0;
      for (const { m, req } of requests) {
        const outcome = await send('filings.submit', req!);
        outcomes.push(outcome);
        if (gen !== generation) return false;
        if (outcome.status === 'filed') {
          setState(resolved.value[m.providerMessageId]!.key, outcome.state);
          if (includeAttachments.value) keptAttachments += await keepAttachments(m);
        } else if (outcome.status === 'failed' && newRecord) {
          // A refused "create and file" (a duplicate address, say) is fixed in the form, not
          // retried as it is: it does not stay in the queue.
          await send('filings.queue.dismiss', { id: outcome.item.id });
          error.value = outcome.item.lastError ? errorMessage(outcome.item.lastError) : t('filing.failed', { message: '' });
          return false;
        }
      }
      const names = [...(newRecord ? [newRecord.name] : []), ...recordIds.map(recordName)];
      const summary = summarizeOutcomes(outcomes, names, keptAttachments, newRecord?.name);
      if (summary.error !== undefined) error.value = summary.error;
      if (summary.notice !== undefined) notice.value = summary.notice;
      if (!summary.failed) selected.value = [];
      await refreshQueue();
      return !summary.failed;
    } catch (e) {
      unexpectedError(e);
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** Keeps the message's attachments with its filing; resolves with how many were kept. */
  async function keepAttachments(m: OpenMessage): Promise<number> {
    const id = resolved.value[m.providerMessageId];
    if (!source?.fetchAttachment || !id || !accountId.value) return 0;
    return keepMessageAttachments(m, {
      fetchAttachment: source.fetchAttachment,
      accountId: accountId.value,
      id,
      showError: (message) => {
        error.value = message;
      },
      unexpectedError,
    });
  }

  /** Removes one filing at once; puts it back if the API refuses. */
  async function unfile(filingId: string): Promise<void> {
    const key = Object.keys(states.value).find((k) => states.value[k]?.filings.some((f) => f.id === filingId));
    if (!key) return;
    const before = states.value[key]!;
    const filing = before.filings.find((f) => f.id === filingId)!;
    setState(key, { ...before, filings: before.filings.filter((f) => f.id !== filingId) });
    error.value = null;
    try {
      await send('filings.unfile', { filingId });
      notice.value = t('filing.unfiled', { name: filing.record.name });
    } catch (e) {
      setState(key, before);
      unexpectedError(e);
    }
  }

  /**
   * "Create and file": creates the record (and the company named with it) and files the email to
   * it in one request. `companyName` names the company the record is linked to, for the view.
   * Resolves false when it was refused (the form stays as it is, with the API's reason).
   */
  async function createAndFile(input: NewRecordInput, companyName: string | null = input.company?.name ?? null): Promise<boolean> {
    const req = toNewRecordRequest(input);
    // Filed, or kept in the queue until the server can be reached: shown either way.
    const ok = await file([], req);
    if (ok) created.value = [localRecord(req, companyName), ...created.value];
    return ok;
  }

  /** Tells the API this user views (or replies to) the conversation; reads who else does. */
  async function heartbeat(state: 'viewing' | 'replying'): Promise<void> {
    const key = threadKey.value;
    if (!key || !accountId.value) return;
    const gen = generation;
    const items = await putPresence({ accountId: accountId.value, threadKey: key, state });
    if (items && gen === generation) presence.value = items;
  }

  /** Presence for a conversation without opening the filing view (a reply compose opened). */
  const announce = (src: FilingSource, state: 'viewing' | 'replying') =>
    announcePresence(src, state, { account: chooseAccount, key: (m) => resolve(m, src) });

  return {
    // State
    conversation, focusId, resolved, states, suggestions, suggestionsLoaded, created, selected, scope,
    includeAttachments, presence, busy, error, notice, accountId,
    // Derived
    messages, focused, focusedKey, focusedState, threadKey, candidates, correspondent, correspondentRecord, hints, canFetchAttachments,
    // Actions
    open, close, reload, toggle, file, unfile, createAndFile, lookupRecords, heartbeat, announce, unexpectedError,
    prefetchSuggestions,
    /** Forgets suggestions asked ahead (records filed or created since may rank differently). */
    dropPrefetched: () => prefetched.clear(),
    /** The toolbar button's "Filed · N" for a message of the page; undefined until known. */
    filedCount,
    /** Reads the filed counts of the messages `ids` of `src` (the toolbar buttons on screen). */
    refreshCounts: (src: FilingSource, ids: readonly string[]) =>
      refreshCounts(src.conversation.messages.filter((m) => ids.includes(m.providerMessageId)), (m) => resolve(m, src)),
    ...queueView,
    ...recordSearch,
  };
});
