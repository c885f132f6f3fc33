/** Presence on a conversation: who else views or replies to it. */
import type { PresenceEntry } from '@/contract';
import { send } from '@/messaging/client';
import type { RequestOf } from '@/messaging/protocol';
import type { FilingSource, ResolvedMessage } from './source';

/**
 * Tells the API this user views (or replies to) a conversation; resolves with who else is there,
 * or undefined when the API could not be reached: presence is a hint, not a feature the user
 * asked for, and an unreachable server shows elsewhere.
 */
export async function putPresence(req: RequestOf<'presence.put'>): Promise<PresenceEntry[] | undefined> {
  try {
    return (await send('presence.put', req)).items;
  } catch (e) {
    console.warn('[mailroom] presence unavailable', e);
    return undefined;
  }
}

/**
 * Tells the API this user replies to (or reads) a conversation without opening the filing view,
 * e.g. when a reply compose opens in it: only its key and the account are worked out.
 */
export async function announcePresence(
  src: FilingSource,
  state: 'viewing' | 'replying',
  work: { account: (userAddress: string | undefined) => Promise<string | null>; key: (m: FilingSource['conversation']['messages'][number]) => Promise<ResolvedMessage | undefined> },
): Promise<void> {
  const first = src.conversation.messages[0];
  if (!first) return;
  try {
    const [account, id] = await Promise.all([work.account(src.userAddress), work.key(first)]);
    if (account && id) await putPresence({ accountId: account, threadKey: id.key, state });
  } catch (e) {
    // The account or the key could not be worked out: for a hint, a warning is enough.
    console.warn('[mailroom] presence unavailable', e);
  }
}
