/**
 * Filing the open email (issue 5): where it is already filed, suggestions for its participants,
 * record search, filing to one or several records (or the whole conversation) through the
 * background's persistent queue, unfiling, creating a record from the sender, and the collision
 * hints of shared accounts. One store for the in-page popover and the side panel; what differs
 * between them (reading the Message-ID, attachment bytes) comes in through `FilingSource`.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { FilingOutcome, QueuedFiling } from '@/background/filing-queue.types';
import type {
  CreateRecordRequest,
  CrmRecord,
  FileRequest,
  FilingState,
  PresenceEntry,
  Suggestion,
} from '@/contract';
import { limits } from '@/contract/limits';
import { messageKey } from '@/contract/message-key';
import { describeError } from '@/composables/useErrorMessage';
import { send } from '@/messaging/client';
import { t } from '@/utils/i18n';
import type { OpenConversation, OpenMessage } from '@/webmail/types';
import { useAccountsStore } from './accounts';
import { useSessionStore } from './session';
import '@/locales/filing';

/** What the page offers beyond the conversation itself. */
export interface FilingSource {
  conversation: OpenConversation;
  /** The message the user acted on (the toolbar button's); defaults to the last one. */
  focusId?: string;
  /** The signed-in webmail address, to pick the matching shared account. */
  userAddress?: string;
  /** Reads the RFC Message-ID (content script only); without it the server fingerprints. */
  resolveMessageId?: (m: OpenMessage) => Promise<string | undefined>;
  /** Reads an attachment's bytes with the page's session (content script only). */
  fetchAttachment?: (m: OpenMessage, index: number) => Promise<Blob | undefined>;
}

/** The identity of one open message as the API keys it. */
interface ResolvedMessage {
  messageId: string | null;
  key: string;
}

/** "Alice filed this 5 min ago" counts filings this recent (older ones are just history). */
const recentFilingMinutes = 60;
/** What the API stores of a snippet. */
const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

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
  const query = ref('');
  const results = ref<CrmRecord[]>([]);
  /** Records created here, shown with the suggestions so they can be ticked. */
  const created = ref<CrmRecord[]>([]);
  /** Ticked record ids. */
  const selected = ref<string[]>([]);
  const scope = ref<'message' | 'conversation'>('message');
  const includeAttachments = ref(false);
  /** Filings the background still holds (all conversations; the view filters). */
  const queue = ref<QueuedFiling[]>([]);
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
  /** Queue items for the messages of this conversation. */
  const queued = computed(() => queue.value.filter((i) => conversationKeys.value.includes(i.messageKey)));
  const canFetchAttachments = computed(() => !!conversation.value && !!source?.fetchAttachment);

  /** Suggestions first (best matches), then records created here, without duplicates. */
  const candidates = computed<CrmRecord[]>(() => {
    const seen = new Set<string>();
    const out: CrmRecord[] = [];
    for (const r of [...created.value, ...suggestions.value.map((s) => s.record)]) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push(r);
    }
    return out;
  });

  /** Collision hints: who else replies to / reads this conversation, who filed it lately. */
  const hints = computed<string[]>(() => {
    const me = session.user?.id;
    const out: string[] = [];
    for (const p of presence.value) {
      out.push(t(p.state === 'replying' ? 'filing.hintReplying' : 'filing.hintViewing', { name: p.user.fullName }));
    }
    const seen = new Set<string>();
    for (const key of conversationKeys.value) {
      for (const f of states.value[key]?.filings ?? []) {
        if (!f.filedBy || f.filedBy.id === me || seen.has(f.filedBy.id)) continue;
        const minutes = Math.floor((Date.now() - Date.parse(f.filedAt)) / 60_000);
        if (minutes > recentFilingMinutes) continue;
        seen.add(f.filedBy.id);
        const ago = minutes < 1 ? t('filing.justNow') : t('filing.minutesAgo', { n: minutes });
        out.push(t('filing.hintFiled', { name: f.filedBy.fullName, ago }));
      }
    }
    return out;
  });

  function unexpectedError(e: unknown): void {
    error.value = describeError(e, session.serverUrl);
  }

  /** The account whose address the webmail shows, else the user's default, else the first. */
  async function chooseAccount(userAddress: string | undefined): Promise<string | null> {
    if (!accounts.loaded) await accounts.load();
    const items = accounts.items.filter((a) => a.active);
    const mine = userAddress?.toLowerCase();
    const match = items.find((a) => a.address.toLowerCase() === mine) ?? accounts.defaultAccount ?? items[0];
    return match?.id ?? null;
  }

  /**
   * Everyone in the conversation, the message in focus first (its people are the likeliest
   * records); the user's own shared addresses are left out (they would match everything).
   */
  function participants(focus: OpenMessage | undefined): string[] {
    const own = new Set(accounts.items.map((a) => a.address.toLowerCase()));
    const ordered = focus ? [focus, ...messages.value.filter((m) => m !== focus)] : messages.value;
    const all = ordered
      .flatMap((m) => [m.from, ...m.to, ...m.cc])
      .map((a) => a.address.trim().toLowerCase())
      .filter((a) => a.includes('@'));
    // The suggest endpoint reads at most 200 addresses (contract/records.ts).
    return [...new Set(all)].filter((a) => !own.has(a)).slice(0, 200);
  }

  async function resolve(m: OpenMessage, from: FilingSource | undefined = source): Promise<ResolvedMessage | undefined> {
    let messageId: string | null = null;
    try {
      messageId = (await from?.resolveMessageId?.(m)) ?? null;
    } catch (e) {
      // Gmail's "show original" can fail (throttled, layout change): the fingerprint stands in.
      console.warn('[mailroom] Message-ID not readable, using a fingerprint', e);
    }
    if (!messageId && !m.date) return undefined;
    const key = await messageKey({ messageId, from: m.from.address, date: m.date ?? new Date(0), subject: m.subject });
    return { messageId, key };
  }

  async function loadState(key: string, gen: number): Promise<void> {
    const state = await send('filings.get', { messageId: key });
    if (gen === generation) states.value[key] = state;
  }

  async function loadSuggestions(gen: number): Promise<void> {
    const emails = participants(focused.value);
    const items = emails.length ? await send('records.suggest', { emails }) : [];
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
    results.value = [];
    query.value = '';
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
        await Promise.all([...conversationKeys.value.map((k) => loadState(k, gen)), refreshQueue(), heartbeat('viewing')]);
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

  async function search(q: string): Promise<void> {
    query.value = q;
    const gen = generation;
    if (!q.trim()) {
      results.value = [];
      return;
    }
    try {
      const { items } = await send('records.search', { q: q.trim(), limit: 20 });
      // A newer keystroke may have searched since: keep the answer for the current text only.
      if (gen === generation && query.value === q) results.value = items;
    } catch (e) {
      unexpectedError(e);
    }
  }

  function toggle(recordId: string): void {
    selected.value = selected.value.includes(recordId)
      ? selected.value.filter((id) => id !== recordId)
      : [...selected.value, recordId];
  }

  function recordName(id: string): string {
    return (
      [...candidates.value, ...results.value].find((r) => r.id === id)?.name ??
      Object.values(states.value)
        .flatMap((s) => s.filings)
        .find((f) => f.record.id === id)?.record.name ??
      id
    );
  }

  function requestFor(m: OpenMessage, recordIds: string[]): FileRequest | undefined {
    const id = resolved.value[m.providerMessageId];
    if (!id || !accountId.value) return undefined;
    const body =
      m.bodyHtml && m.bodyHtml.length <= limits.bodyHtml
        ? { bodyHtml: m.bodyHtml }
        : m.bodyText && m.bodyText.length <= limits.bodyText
          ? { bodyText: m.bodyText }
          : {};
    return {
      accountId: accountId.value,
      recordIds,
      message: {
        messageId: id.messageId,
        threadId: conversation.value?.providerThreadId ?? m.providerThreadId ?? null,
        subject: clip(m.subject, limits.longText),
        from: m.from,
        to: m.to.slice(0, limits.recipients),
        cc: m.cc.slice(0, limits.recipients),
        // Without a date the Message-ID alone identifies the message; the epoch marks "unknown".
        date: new Date(m.date ?? 0).toISOString(),
        snippet: clip(m.snippet, limits.longText),
        ...body,
        // Only what the API takes (its schema is strict): the page may know more, like a URL.
        attachments: m.attachments
          .slice(0, limits.attachmentsPerMessage)
          .map(({ name, size, contentType }) => ({ name, size, contentType })),
      },
    };
  }

  /**
   * Files the message in focus (or every message of the conversation) to `recordIds`, defaulting
   * to the ticked records. Each filing goes through the background queue: confirmed now, or kept
   * and shown as pending until the API confirms.
   */
  async function file(recordIds: string[] = selected.value): Promise<void> {
    if (recordIds.length === 0 || busy.value) return;
    if (!accountId.value) {
      error.value = t('filing.noAccount');
      return;
    }
    const targets = scope.value === 'conversation' ? messages.value : focused.value ? [focused.value] : [];
    const requests = targets.map((m) => ({ m, req: requestFor(m, recordIds) }));
    if (requests.length === 0 || requests.some((r) => !r.req)) {
      error.value = t('filing.noDate');
      return;
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
        if (gen !== generation) return;
        if (outcome.status === 'filed') {
          states.value[resolved.value[m.providerMessageId]!.key] = outcome.state;
          if (includeAttachments.value) keptAttachments += await keepAttachments(m);
        }
      }
      const failed = outcomes.find((o) => o.status === 'failed');
      if (failed?.status === 'failed') error.value = t('filing.failed', { message: failed.item.lastError?.message ?? '' });
      else if (outcomes.some((o) => o.status === 'queued')) notice.value = t('filing.queued');
      else notice.value = t('filing.filed', { names: recordIds.map(recordName).join(', ') });
      if (keptAttachments) notice.value = `${notice.value ?? ''} ${t('filing.attachmentsKept', { n: keptAttachments })}`.trim();
      if (!failed) selected.value = [];
      await refreshQueue();
    } catch (e) {
      unexpectedError(e);
    } finally {
      busy.value = false;
    }
  }

  /**
   * Reads each attachment with the page's session and keeps it with the filed message; resolves
   * with how many were kept.
   */
  async function keepAttachments(m: OpenMessage): Promise<number> {
    const id = resolved.value[m.providerMessageId];
    if (!source?.fetchAttachment || !id || !accountId.value) return 0;
    let total = 0;
    let kept = 0;
    for (const [index, a] of m.attachments.entries()) {
      const blob = await source.fetchAttachment(m, index);
      if (!blob) continue;
      total += blob.size;
      // The API enforces the cap too (413); checking first saves uploading what it would refuse.
      if (total > limits.attachmentBytesPerMessage) {
        error.value = t('filing.attachmentTooLarge', { name: a.name });
        break;
      }
      try {
        await send('attachments.upload', {
          accountId: accountId.value,
          messageId: id.messageId ?? id.key,
          name: a.name,
          contentType: a.contentType || blob.type || 'application/octet-stream',
          contentBase64: await toBase64(blob),
        });
        kept++;
      } catch (e) {
        unexpectedError(e);
        break;
      }
    }
    return kept;
  }

  /** Removes one filing at once; puts it back if the API refuses. */
  async function unfile(filingId: string): Promise<void> {
    const key = Object.keys(states.value).find((k) => states.value[k]?.filings.some((f) => f.id === filingId));
    if (!key) return;
    const before = states.value[key]!;
    const filing = before.filings.find((f) => f.id === filingId)!;
    states.value[key] = { ...before, filings: before.filings.filter((f) => f.id !== filingId) };
    error.value = null;
    try {
      await send('filings.unfile', { filingId });
      notice.value = t('filing.unfiled', { name: filing.record.name });
    } catch (e) {
      states.value[key] = before;
      unexpectedError(e);
    }
  }

  /** Creates a record (prefilled by the form from the sender) and ticks it. */
  async function createRecord(req: CreateRecordRequest): Promise<CrmRecord | undefined> {
    error.value = null;
    try {
      const record = await send('records.create', req);
      created.value = [record, ...created.value.filter((r) => r.id !== record.id)];
      if (!selected.value.includes(record.id)) selected.value = [...selected.value, record.id];
      notice.value = t('filing.created', { name: record.name });
      return record;
    } catch (e) {
      unexpectedError(e);
      return undefined;
    }
  }

  /** Re-reads the queue; a filing that left it was confirmed, so its message's state is re-read. */
  async function refreshQueue(): Promise<void> {
    const before = new Set(queued.value.map((i) => i.messageKey));
    queue.value = await send('filings.queue');
    const still = new Set(queued.value.map((i) => i.messageKey));
    const gen = generation;
    await Promise.all([...before].filter((k) => !still.has(k)).map((k) => loadState(k, gen)));
  }

  async function retry(id: string): Promise<void> {
    try {
      await send('filings.queue.retry', { id });
      await refreshQueue();
    } catch (e) {
      unexpectedError(e);
    }
  }

  async function dismiss(id: string): Promise<void> {
    try {
      await send('filings.queue.dismiss', { id });
      queue.value = queue.value.filter((i) => i.id !== id);
    } catch (e) {
      unexpectedError(e);
    }
  }

  /** Tells the API this user views (or replies to) the conversation; reads who else does. */
  async function heartbeat(state: 'viewing' | 'replying'): Promise<void> {
    const key = threadKey.value;
    if (!key || !accountId.value) return;
    const gen = generation;
    try {
      const { items } = await send('presence.put', { accountId: accountId.value, threadKey: key, state });
      if (gen === generation) presence.value = items;
    } catch (e) {
      // A hint, not a feature the user asked for: an unreachable server shows elsewhere.
      console.warn('[mailroom] presence unavailable', e);
    }
  }

  /**
   * Tells the API this user replies to (or reads) a conversation without opening the filing view,
   * e.g. when a reply compose opens in it: only its key and the account are worked out.
   */
  async function announce(src: FilingSource, state: 'viewing' | 'replying'): Promise<void> {
    const first = src.conversation.messages[0];
    if (!first) return;
    try {
      const [account, id] = await Promise.all([chooseAccount(src.userAddress), resolve(first, src)]);
      if (!account || !id) return;
      await send('presence.put', { accountId: account, threadKey: id.key, state });
    } catch (e) {
      console.warn('[mailroom] presence unavailable', e);
    }
  }

  return {
    conversation,
    focusId,
    resolved,
    states,
    suggestions,
    suggestionsLoaded,
    query,
    results,
    created,
    selected,
    scope,
    includeAttachments,
    queue,
    presence,
    busy,
    error,
    notice,
    accountId,
    messages,
    focused,
    focusedKey,
    focusedState,
    threadKey,
    queued,
    candidates,
    hints,
    canFetchAttachments,
    open,
    close,
    search,
    toggle,
    file,
    unfile,
    createRecord,
    refreshQueue,
    retry,
    dismiss,
    heartbeat,
    announce,
    unexpectedError,
  };
});

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // Chunks keep String.fromCharCode under the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
