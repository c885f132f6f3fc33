/**
 * What the filing store derives from the open conversation: each message's key, the addresses to
 * ask suggestions for, and the API's filing request for one message.
 */
import type { FileRequest, MailAddress } from '@/contract';
import { limits } from '@/contract/limits';
import { messageKey } from '@/contract/message-key';
import type { OpenMessage } from '@/webmail/types';
import type { FilingSource, ResolvedMessage } from './source';

/** The message the side panel files: the last one shown expanded (what the user is reading). */
export function focusOf<M extends Pick<OpenMessage, 'expanded'>>(messages: readonly M[]): M | undefined {
  return [...messages].reverse().find((m) => m.expanded) ?? messages.at(-1);
}

/**
 * Who the message is with, as the CRM sees it: its sender, or — for mail sent from one of our
 * shared addresses — its first recipient who is not one of ours.
 */
export function correspondentOf(m: OpenMessage | undefined, ownAddresses: readonly string[]): MailAddress | undefined {
  if (!m) return undefined;
  const own = new Set(ownAddresses.map((a) => a.toLowerCase()));
  const isOurs = (a: MailAddress) => own.has(a.address.trim().toLowerCase());
  return isOurs(m.from) ? [...m.to, ...m.cc].find((a) => !isOurs(a) && a.address.includes('@')) : m.from;
}

/** What the API stores of a snippet. */
const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

/** The message's Message-ID (when the page can read it) and its key; undefined without either an id or a date. */
export async function resolveMessage(m: OpenMessage, from: FilingSource | undefined): Promise<ResolvedMessage | undefined> {
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

/**
 * Everyone in the conversation, the message in focus first (its people are the likeliest
 * records); the user's own shared addresses are left out (they would match everything).
 */
export function participants(messages: readonly OpenMessage[], focus: OpenMessage | undefined, ownAddresses: readonly string[]): string[] {
  const own = new Set(ownAddresses.map((a) => a.toLowerCase()));
  const ordered = focus ? [focus, ...messages.filter((m) => m !== focus)] : messages;
  const all = ordered
    .flatMap((m) => [m.from, ...m.to, ...m.cc])
    .map((a) => a.address.trim().toLowerCase())
    .filter((a) => a.includes('@'));
  // The suggest endpoint reads at most 200 addresses (contract/records.ts).
  return [...new Set(all)].filter((a) => !own.has(a)).slice(0, 200);
}

/** The filing request for one message, cut to the API's limits. */
export function fileRequest(
  m: OpenMessage,
  id: ResolvedMessage,
  accountId: string,
  recordIds: string[],
  conversationThreadId: string | null | undefined,
): FileRequest {
  const body =
    m.bodyHtml && m.bodyHtml.length <= limits.bodyHtml
      ? { bodyHtml: m.bodyHtml }
      : m.bodyText && m.bodyText.length <= limits.bodyText
        ? { bodyText: m.bodyText }
        : {};
  return {
    accountId,
    recordIds,
    message: {
      messageId: id.messageId,
      threadId: conversationThreadId ?? m.providerThreadId ?? null,
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
