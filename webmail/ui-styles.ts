/**
 * The in-page UI's stylesheet as text, read once per page. WXT's own `cssInjectionMode: 'ui'`
 * fetches the file again for every shadow root it creates: the first file button then waited for
 * a fetch from the extension's package, and every later control for another. The page core starts
 * the read beside the UI chunk's injection (`webmail/core.ts`), so neither waits for the other;
 * every shadow root then gets the same text through the page core (Chromium parses it once).
 */
import { browser } from 'wxt/browser';

/** Built beside the UI chunk from its styles; web-accessible on the webmail hosts (wxt.config.ts). */
const uiStylesheetPath = '/content-scripts/mail-ui.css';

/** A memoized read: the first call starts it, every later one gets the same text. */
export function createUiStylesReader(fetchText: (url: string) => Promise<string> = fetchStylesheet): () => Promise<string> {
  let styles: Promise<string> | undefined;
  return () => {
    styles ??= fetchText(browser.runtime.getURL(uiStylesheetPath as '/'))
      // A shadow root's own variables: the file declares them on :root, as an ordinary page would.
      .then((css) => css.replaceAll(':root', ':host'))
      .catch((e: unknown) => {
        // Unstyled controls still work; the webmail is never blocked by our styles.
        console.warn('[mailroom] the in-page styles could not be read', e);
        return '';
      });
    return styles;
  };
}

async function fetchStylesheet(url: string): Promise<string> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return r.text();
}
