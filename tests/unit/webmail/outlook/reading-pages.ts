/**
 * Loads our dated Outlook reading fixtures (tests/fixtures/outlook/reading) at Outlook's real
 * addresses, each in its own window.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

const here = path.dirname(fileURLToPath(import.meta.url));
const readingFixtures = path.resolve(here, '../../../fixtures/outlook/reading');

export type PageWindow = Window & typeof globalThis;

export function readReading(name: string): string {
  return readFileSync(path.join(readingFixtures, name), 'utf8');
}

export function loadReading(name: string, url: string): { window: PageWindow; document: Document } {
  const dom = new JSDOM(readReading(name), { url, pretendToBeVisual: true });
  return { window: dom.window as unknown as PageWindow, document: dom.window.document };
}

/** A GetItem answer for one item, from the fixture's template. */
export function getItemAnswer(itemId: string, messageId: string, attachmentId = 'ATT-1'): string {
  return readReading('2026-12-03-getitem-response.json').replaceAll('ITEM_ID', itemId).replaceAll('MESSAGE_ID', messageId).replaceAll('ATT_ID', attachmentId);
}
