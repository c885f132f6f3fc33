/**
 * Background half of "which Message-IDs are these": the side panel cannot read Gmail, so the
 * request goes to the content script of the webmail tab the panel follows
 * (`features/file-button.ts` answers it with the adapter).
 */
import { browser } from 'wxt/browser';
import type { Reply, RequestOf, ResponseOf, TabState } from '@/messaging/protocol';

export async function forwardResolveMessageIds(
  req: RequestOf<'tab.resolveMessageIds'>,
  webmailTab: () => Promise<TabState | undefined>,
): Promise<ResponseOf<'tab.resolveMessageIds'>> {
  const unknown = Object.fromEntries(req.refs.map((r) => [r.providerMessageId, null]));
  const tab = await webmailTab();
  if (!tab || tab.provider === 'none') return unknown;
  try {
    const reply = (await browser.tabs.sendMessage(tab.tabId, { name: 'tab.resolveMessageIds', req })) as
      | Reply<'tab.resolveMessageIds'>
      | undefined;
    // No content script (tab opened before install) or it failed: the server fingerprints instead.
    return reply?.ok ? { ...unknown, ...reply.res } : unknown;
  } catch {
    return unknown;
  }
}
