/**
 * Background half of "Write to": the side panel asks, the background finds the webmail tab the
 * panel follows, brings it to the front and forwards the request to its content script
 * (`features/compose/open-to.ts`), which opens the compose.
 */
import { browser } from 'wxt/browser';
import { ApiError } from '@/api/errors';
import type { Reply, RequestOf, ResponseOf, TabState } from '@/messaging/protocol';
import { ensureUiMessage, type EnsureUiReply } from '@/webmail/page-core';

export async function forwardOpenTo(
  req: RequestOf<'compose.openTo'>,
  webmailTab: () => Promise<TabState | undefined>,
): Promise<ResponseOf<'compose.openTo'>> {
  const tab = await webmailTab();
  if (!tab || tab.provider === 'none') {
    throw new ApiError({ code: 'no_webmail_tab', message: 'No webmail tab is followed.' });
  }
  // Bring the tab forward first, so the compose opens where the user looks.
  const shown = await browser.tabs.update(tab.tabId, { active: true }).catch(() => undefined);
  if (shown?.windowId !== undefined) await browser.windows.update(shown.windowId, { focused: true }).catch(() => undefined);
  // The compose controls live in the in-page UI, loaded on first need: make sure it runs there.
  let ready: EnsureUiReply | undefined;
  try {
    ready = (await browser.tabs.sendMessage(tab.tabId, ensureUiMessage)) as EnsureUiReply | undefined;
  } catch {
    ready = undefined;
  }
  if (ready && !ready.ok) throw new ApiError({ code: 'webmail_ui_failed', message: `The in-page UI did not start: ${ready.message}` });
  let reply: Reply<'compose.openTo'> | undefined;
  try {
    reply = (await browser.tabs.sendMessage(tab.tabId, { name: 'compose.openTo', req })) as Reply<'compose.openTo'> | undefined;
  } catch {
    reply = undefined;
  }
  if (!reply) {
    // The content script is not there: the tab was opened before the extension was installed
    // or updated.
    throw new ApiError({ code: 'webmail_not_ready', message: 'No content script answered in the webmail tab.' });
  }
  if (!reply.ok) throw new ApiError(reply.error);
  return reply.res;
}
