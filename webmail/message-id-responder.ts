/**
 * Answers the side panel's "which RFC Message-IDs are these?" (relayed by the background as
 * `tab.resolveMessageIds`): only the page can read them, with its own session. Part of the
 * always-loaded core, so the side panel can file before any in-page control was needed.
 */
import type { Reply, RequestOf } from '@/messaging/protocol';
import type { WebmailAdapter } from './types';

type ResolveRequest = RequestOf<'tab.resolveMessageIds'>;

export function isResolveMessage(message: unknown): message is { name: 'tab.resolveMessageIds'; req: ResolveRequest } {
  const m = message as { name?: unknown; req?: { refs?: unknown } } | null;
  return typeof m === 'object' && m !== null && m.name === 'tab.resolveMessageIds' && Array.isArray(m.req?.refs);
}

/** Null where the page cannot say (the server then fingerprints the message). */
export async function answerResolve(adapter: WebmailAdapter, req: ResolveRequest): Promise<Reply<'tab.resolveMessageIds'>> {
  const pairs = await Promise.all(
    req.refs.map(async (ref) => [ref.providerMessageId, (await adapter.resolveMessageId(ref).catch(() => undefined)) ?? null] as const),
  );
  return { ok: true, res: Object.fromEntries(pairs) };
}
