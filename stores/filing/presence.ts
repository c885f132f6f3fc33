/** Presence on a conversation: who else views or replies to it. */
import type { PresenceEntry } from '@/contract';
import { send } from '@/messaging/client';
import type { RequestOf } from '@/messaging/protocol';

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
