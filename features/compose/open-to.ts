/**
 * "Write to" in the Gmail tab: the background forwards `compose.openTo` here; we open a compose
 * through the adapter and give it the account asked for (then its signature, as for any compose).
 */
import type { MessageName, Reply, RequestOf } from '@/messaging/protocol';
import type { useComposeStore } from '@/stores/compose';
import type { WebmailAdapter } from '@/webmail/types';

type OpenToRequest = RequestOf<'compose.openTo'>;
type ComposeStore = ReturnType<typeof useComposeStore>;

const name: MessageName = 'compose.openTo';

export function isOpenToMessage(message: unknown): message is { name: 'compose.openTo'; req: OpenToRequest } {
  const m = message as { name?: unknown; req?: { to?: unknown } } | null;
  return typeof m === 'object' && m !== null && m.name === name && Array.isArray(m.req?.to);
}

export async function openComposeTo(adapter: WebmailAdapter, store: ComposeStore, req: OpenToRequest): Promise<Reply<'compose.openTo'>> {
  const intent = req.accountId ? { accountId: req.accountId } : {};
  // The adapter reports the new compose through `onComposeOpened`, possibly before
  // `openCompose` resolves: the store hands this intent to the next new compose it sets up.
  store.expectCompose(intent);
  try {
    const handle = await adapter.openCompose(req.to);
    if (!handle) {
      return { ok: false, error: { code: 'compose_not_opened', message: 'The adapter opened no compose.' } };
    }
    await store.attach(handle, intent);
    // Already set up before the intent could apply (another compose took it): choose it now.
    if (req.accountId && store.composes[handle.id]?.accountId !== req.accountId) {
      await store.chooseAccount(handle.id, req.accountId);
    }
    return { ok: true, res: { composeId: handle.id } };
  } catch (e) {
    // The page shows the code's text; the cause stays in the message, for the console.
    return { ok: false, error: { code: 'compose_failed', message: e instanceof Error ? e.message : String(e) } };
  } finally {
    store.expectCompose(null);
  }
}
