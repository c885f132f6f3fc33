import { browser, type Browser } from 'wxt/browser';
import { ApiError } from '@/api/errors';

/** Built from `entrypoints/mail-ui.content` (a content script registered at run time). */
const uiScript = '/content-scripts/mail-ui.js';

/**
 * Injects the in-page Vue UI into the frame that asked (`ui.inject`, sent by the page core on
 * first need). The page core asks once per page; the host permission for the webmail is what
 * allows it.
 */
export async function injectUi(sender: Browser.runtime.MessageSender): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new ApiError({ code: 'not_found', message: 'Only a webmail tab can load the Mailroom controls.' });
  await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [uiScript] });
}
