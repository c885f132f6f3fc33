/**
 * In-page feature (filing half): a "File to record" button in each open message's
 * toolbar opens the filing popover (the same view as the side panel). Each button says where its
 * message is filed ("Filed · 2"): one lookup for all the buttons on screen, again whenever this
 * browser files or unfiles (background broadcast `filings.changed`) or the user signs in. Also reports "replying" to
 * the presence API when a reply compose opens. (Message-IDs for the side panel are read by the
 * always-loaded core: `webmail/message-id-responder.ts`.) A message with no toolbar slot (layout change) simply gets no
 * button: the side panel still files it.
 */
import { reactive } from 'vue';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountFileButton } from '@/components/filing/mount-file-button';
import { onBroadcast } from '@/composables/useBroadcast';
import { useAccountsStore } from '@/stores/accounts';
import { useFilingStore, type FilingSource } from '@/stores/filing';
import type { WebmailFeature } from '@/webmail/bootstrap';
import type { MountedControl, OpenConversation, OpenMessage, WebmailAdapter } from '@/webmail/types';
import { uiPinia } from './ui-pinia';

/** Re-announce "viewing" while the popover stays open: presence entries expire after 5 minutes. */
const heartbeatMs = 60_000;
const queuePollMs = 3_000;

function sourceFor(adapter: WebmailAdapter, conversation: OpenConversation, focusId?: string): FilingSource {
  const hasAttachments = conversation.messages.some((m) => m.attachments.length > 0);
  return {
    conversation,
    ...(focusId && { focusId }),
    userAddress: adapter.userAddress(),
    resolveMessageId: (m) => adapter.resolveMessageId(m),
    // Read the way the webmail's own "Download" does: the adapter knows how (WebmailAdapter).
    ...(hasAttachments && { fetchAttachment: (m: OpenMessage, index: number) => adapter.fetchAttachment(m, index) }),
  };
}

const feature: WebmailFeature = {
  id: 'file-button',
  run(ctx: ContentScriptContext, adapter: WebmailAdapter, signal: AbortSignal) {
    const pinia = uiPinia(adapter);
    const store = useFilingStore(pinia);
    // The popover's first open needs the user's accounts (which addresses are ours, which account
    // files): fetch them while the user reads the message, not after the click.
    void useAccountsStore(pinia).load();
    const popover = reactive({ openFor: null as string | null });
    /**
     * Buttons by provider message id; `control` once the adapter mounted it (webmails re-render
     * their toolbars: a control whose slot went is mounted again).
     */
    const mounted = new Map<string, { control?: MountedControl; own: AbortController }>();
    let current: OpenConversation | undefined;

    const onOpen = (messageId: string) => {
      if (current) void store.open(sourceFor(adapter, current, messageId));
    };

    /** The buttons whose counts were read last, so a repeated report asks nothing again. */
    let counted = '';
    function refreshCounts(force = false): void {
      const ids = [...mounted.keys()];
      const identity = ids.join(',');
      if (!current || ids.length === 0 || (!force && identity === counted)) return;
      counted = identity;
      store.refreshCounts(sourceFor(adapter, current), ids).catch((e: unknown) => {
        // Signed out or the server unreachable: the buttons say "File to record" meanwhile.
        counted = '';
        console.warn('[mailroom] file-button: filed counts unavailable', e);
      });
    }

    function sync(conversation: OpenConversation | undefined): void {
      if (signal.aborted) return;
      current = conversation;
      // Asked while the buttons mount and the user reads: the click then shows them at once.
      if (conversation?.messages.length) void store.prefetchSuggestions(conversation);
      const ids = new Set(conversation?.messages.map((m) => m.providerMessageId));
      for (const [id, entry] of mounted) {
        if (ids.has(id) && (!entry.control || entry.control.isConnected())) continue;
        entry.own.abort();
        mounted.delete(id);
      }
      if (popover.openFor && !ids.has(popover.openFor)) {
        popover.openFor = null;
        store.close();
      }
      for (const m of conversation?.messages ?? []) {
        if (mounted.has(m.providerMessageId)) continue;
        // Reserved before the (async) mount, so a change meanwhile does not mount it twice.
        const entry: { control?: MountedControl; own: AbortController } = { own: new AbortController() };
        mounted.set(m.providerMessageId, entry);
        const mountSignal = AbortSignal.any([signal, entry.own.signal]);
        adapter
          .mountMessageControl(m, (anchor) => mountFileButton(ctx, { messageId: m.providerMessageId, anchor, pinia, popover, onOpen }), mountSignal)
          .then((control) => {
            if (mounted.get(m.providerMessageId) !== entry) return control?.remove();
            // No slot (collapsed, unknown layout): tried again on the next change.
            if (control) entry.control = control;
            else mounted.delete(m.providerMessageId);
          })
          .catch((e: unknown) => console.warn('[mailroom] file-button: could not mount', e));
      }
      refreshCounts();
    }

    adapter.onConversationChanged(sync, signal);
    sync(adapter.currentConversation());

    // "Alice is replying": said when a reply opens, and again while it stays open (entries expire
    // after 5 minutes), for the conversation it replies in.
    adapter.onComposeOpened((compose) => {
      if (compose.kind !== 'reply' || !current) return;
      const source = sourceFor(adapter, current);
      void store.announce(source, 'replying');
      const again = setInterval(() => void store.announce(source, 'replying'), heartbeatMs);
      const stop = () => clearInterval(again);
      signal.addEventListener('abort', stop, { once: true });
      compose.onClosed(stop, signal);
    }, signal);

    const timer = setInterval(() => {
      if (popover.openFor) void store.heartbeat('viewing');
    }, heartbeatMs);
    // Background broadcasts reach extension pages, not content scripts: while the popover shows
    // pending filings, ask for the queue now and then to show them once confirmed.
    const queueTimer = setInterval(() => {
      if (popover.openFor && store.queued.length) void store.refreshQueue().catch(() => undefined);
    }, queuePollMs);


    // Filed or unfiled in this browser (this popover, the side panel, the queue): counts and the
    // open popover read again. Signing in makes the counts readable.
    const stopChanged = onBroadcast('filings.changed', () => {
      store.dropPrefetched();
      refreshCounts(true);
      if (popover.openFor) void store.reload();
    });
    const stopSession = onBroadcast('session.changed', () => refreshCounts(true));

    signal.addEventListener(
      'abort',
      () => {
        stopChanged();
        stopSession();
        clearInterval(timer);
        clearInterval(queueTimer);
        for (const entry of mounted.values()) entry.own.abort();
        mounted.clear();
      },
      { once: true },
    );
  },
};

export default feature;
