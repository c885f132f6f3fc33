import { browser, type Browser, type PublicPath } from 'wxt/browser';
import { ApiError } from '@/api/errors';
import type { Locale } from '@/locales/catalog';
import type { PageScript } from '@/messaging/protocol';

type ScriptFile = Extract<PublicPath, `${string}.js`>;

/**
 * The scripts injected at run time (`registration: 'runtime'` content scripts and unlisted
 * scripts), by name. A fixed list: a page can ask for one of ours, never for a file of its choosing.
 */
const files: Record<PageScript, ScriptFile> = {
  'gmail-core': '/content-scripts/gmail-core.js',
  'outlook-core': '/content-scripts/outlook-core.js',
  'mail-ui': '/content-scripts/mail-ui.js',
  'mail-ui-en': '/mail-ui-en.js',
  'mail-ui-fr': '/mail-ui-fr.js',
  'mail-sanitizer': '/mail-sanitizer.js',
};

/** The in-page UI's texts come just before it, in the page's language (`locales/in-page.ts`). */
function filesFor(script: PageScript, locale: Locale | undefined): ScriptFile[] {
  if (script !== 'mail-ui') return [files[script]];
  return [files[locale === 'fr' ? 'mail-ui-fr' : 'mail-ui-en'], files[script]];
}

/**
 * Injects one of our scripts into the frame that asked (`page.inject`): the webmail's page core
 * when its tiny loader sees the page idle, the in-page Vue UI (with its texts) on first need, the
 * other language or the sanitizer when the UI first needs them. Each asks once per page; the
 * webmail host permission is what allows it. The files run in order, in the content scripts'
 * isolated world.
 */
export async function injectPageScript(script: PageScript, sender: Browser.runtime.MessageSender, locale?: Locale): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new ApiError({ code: 'not_found', message: 'Only a webmail tab can load the Mailroom controls.' });
  if (!Object.hasOwn(files, script)) throw new ApiError({ code: 'validation_failed', message: `There is no Mailroom script called "${String(script)}".` });
  await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: filesFor(script, locale) });
}
