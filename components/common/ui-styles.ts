/**
 * The in-page UI's stylesheet as text, read once per page. WXT's own `cssInjectionMode: 'ui'`
 * fetches the file again for every shadow root it creates: the first file button then waited for
 * a fetch from the extension's package, and every later control for another. The UI chunk starts
 * the read as it starts (`entrypoints/mail-ui.content`), beside the webmail drawing the
 * conversation; every shadow root then gets the same text (Chromium parses it once).
 */
import { browser } from 'wxt/browser';

let styles: Promise<string> | undefined;

/** Starts reading the stylesheet the UI chunk was built with (web-accessible: wxt.config.ts). */
export function loadUiStyles(path = '/content-scripts/mail-ui.css'): Promise<string> {
  styles ??= fetch(browser.runtime.getURL(path as '/'))
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
    // A shadow root's own variables: the file declares them on :root, as an ordinary page would.
    .then((css) => css.replaceAll(':root', ':host'))
    .catch((e: unknown) => {
      console.warn('[mailroom] the in-page styles could not be read', e);
      return '';
    });
  return styles;
}

/** The stylesheet for a new shadow root: empty where the UI chunk never started it (unit tests). */
export const uiStyles = (): Promise<string> => styles ?? Promise.resolve('');
