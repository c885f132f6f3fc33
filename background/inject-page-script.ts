import { browser, type Browser, type PublicPath } from 'wxt/browser';
import { ApiError } from '@/api/errors';
import type { PageScript } from '@/messaging/protocol';

/**
 * The content scripts registered at run time (`registration: 'runtime'`), by name. A fixed list:
 * a page can ask for one of ours, never for a file of its choosing.
 */
const files: Record<PageScript, Extract<PublicPath, `${string}.js`>> = {
  'gmail-core': '/content-scripts/gmail-core.js',
  'outlook-core': '/content-scripts/outlook-core.js',
  'mail-ui': '/content-scripts/mail-ui.js',
};

/**
 * Injects one of our scripts into the frame that asked (`page.inject`): the webmail's page core
 * when its tiny loader sees the page idle, the in-page Vue UI on first need. Each asks once per
 * page; the webmail host permission is what allows it.
 */
export async function injectPageScript(script: PageScript, sender: Browser.runtime.MessageSender): Promise<void> {
  const tabId = sender.tab?.id;
  const file = Object.hasOwn(files, script) ? files[script] : undefined;
  if (tabId === undefined) throw new ApiError({ code: 'not_found', message: 'Only a webmail tab can load the Mailroom controls.' });
  if (!file) throw new ApiError({ code: 'validation_failed', message: `There is no Mailroom script called "${String(script)}".` });
  await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [file] });
}
