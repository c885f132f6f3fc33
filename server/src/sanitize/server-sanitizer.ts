/**
 * The server's side of the one sanitizer (utils/sanitize.ts): the same DOMPurify configuration,
 * run on a jsdom window. One window serves the whole process: DOMPurify is synchronous, so calls
 * never interleave, and building a jsdom window costs tens of milliseconds.
 */
import { JSDOM } from 'jsdom';
import type { WindowLike } from 'dompurify';
import { createSanitizer } from '../../../utils/sanitize';
import { moveStylesAside, newStyleCarrier, restoreStyles } from './style-carrier';

const dom = new JSDOM('<!doctype html><html><body></body></html>');

/** The jsdom window, also used to parse HTML for merge-tag rendering and warnings. */
export const serverWindow = dom.window;

const sanitizer = createSanitizer(serverWindow as unknown as WindowLike);

/** Sanitize HTML under the one Mailroom allow-list. */
export function sanitizeHtml(html: string): string {
  const carrier = newStyleCarrier();
  const moved = moveStylesAside(html, carrier);
  if (moved === null) return sanitizer.sanitize(html);
  return restoreStyles(sanitizer.sanitize(moved, { styleCarrier: carrier }), carrier);
}

/** The same without moving styles aside first: what `sanitizeHtml` must always equal (tests, benchmarks). */
export function sanitizeHtmlPlain(html: string): string {
  return sanitizer.sanitize(html);
}

/** A detached container holding `html` parsed as a body fragment (nothing runs: jsdom has no scripts enabled). */
export function parseFragment(html: string): HTMLElement {
  const container = serverWindow.document.createElement('div');
  container.innerHTML = html;
  return container;
}
