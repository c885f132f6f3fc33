/**
 * Loads our dated Outlook compose reconstructions (tests/fixtures/outlook/compose) into jsdom at
 * Outlook's addresses, with what jsdom lacks: declarative shadow roots
 * (`<template shadowrootmode>`, which Chromium attaches while parsing) are attached here the same
 * way, and Outlook's reactions (`2026-12-03-outlook-behaviour.js`) can be added.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../../..');
export const composeFixtures = path.join(repoRoot, 'tests/fixtures/outlook/compose');

export type PageWindow = Window & typeof globalThis;

export const inbox = 'https://outlook.office.com/mail/inbox';
export const popout = 'https://outlook.office.com/mail/deeplink/compose?popoutv2=1';
export const draftPopout = 'https://outlook.office.com/mail/deeplink/compose/AAMkADAwATM0MDAAMS1hZDk3LTk3AAA%3D?popoutv2=1';

export function readCompose(name: string): string {
  return readFileSync(path.join(composeFixtures, name), 'utf8');
}

function attachDeclarativeShadowRoots(root: Document | ShadowRoot): void {
  for (const template of Array.from(root.querySelectorAll<HTMLTemplateElement>('template[shadowrootmode]'))) {
    const host = template.parentElement;
    if (!host) continue;
    const shadow = host.attachShadow({ mode: template.getAttribute('shadowrootmode') === 'closed' ? 'closed' : 'open' });
    shadow.append(template.content);
    template.remove();
    attachDeclarativeShadowRoots(shadow);
  }
}

export interface LoadOptions {
  url?: string;
  /** Add Outlook's reactions (From menu). */
  behaviour?: boolean;
}

export function loadHtml(html: string, options: LoadOptions = {}): { window: PageWindow; document: Document } {
  const dom = new JSDOM(html, { url: options.url ?? inbox, pretendToBeVisual: true, runScripts: 'outside-only' });
  const window = dom.window as unknown as PageWindow;
  attachDeclarativeShadowRoots(window.document);
  if (options.behaviour) window.eval(readCompose('2026-12-03-outlook-behaviour.js'));
  return { window, document: window.document };
}

export function loadCompose(name: string, options: LoadOptions = {}): { window: PageWindow; document: Document } {
  return loadHtml(readCompose(name), options);
}
