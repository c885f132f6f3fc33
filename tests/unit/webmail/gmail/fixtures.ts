/**
 * Loads saved pages for the Gmail adapter tests: our dated reconstructions (tests/fixtures/gmail)
 * and real captures from public repositories, copied unmodified into tests/fixtures/webmail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../../..');
export const ownFixtures = path.join(repoRoot, 'tests/fixtures/gmail');
export const capturedWebmail = path.join(repoRoot, 'tests/fixtures/webmail');

/** The page's window with its own event classes (MouseEvent, HashChangeEvent…). */
export type PageWindow = Window & typeof globalThis;

export function readOwn(name: string): string {
  return readFileSync(path.join(ownFixtures, name), 'utf8');
}

export function readCaptured(relative: string): string {
  return readFileSync(path.join(capturedWebmail, relative), 'utf8');
}

/** A fresh page with its own window, at a Gmail address (as the e2e harness serves it). */
export function loadPage(html: string, url = 'https://mail.google.com/mail/u/0/#inbox'): { window: PageWindow; document: Document } {
  const dom = new JSDOM(html, { url, pretendToBeVisual: true });
  return { window: dom.window as unknown as PageWindow, document: dom.window.document };
}

export function loadOwn(name: string, url?: string): { window: PageWindow; document: Document } {
  return loadPage(readOwn(name), url);
}

/** The 2020 compose capture is a fragment: wrap it in a page as Gmail would host it. */
export function loadCapturedCompose(): { window: PageWindow; document: Document } {
  const fragment = readCaptured('js-min/examples/instantiate-performance/index.mjs.extracted-gmail-compose.html');
  return loadPage(`<!DOCTYPE html><html><head></head><body><div class="dw"><div class="nH"><div class="nH"><div class="no">${fragment}</div></div></div></div></body></html>`);
}
