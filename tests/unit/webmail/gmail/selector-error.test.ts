import { describe, expect, it, vi } from 'vitest';
import { SelectorError } from '@/webmail/types';
import { censoredOutline } from '@/webmail/outline';
import { queryRequired, queryOptional, reportSelectorMiss } from '@/webmail/dom';
import * as selectors from '@/webmail/gmail/selectors';
import { loadOwn, loadCapturedCompose, readCaptured, loadPage } from './fixtures';

/** Every text and address that appears in a page — none may leak into an outline. */
const leaks = [
  'claire.martin@client-corp.example',
  'sales@acme.example',
  'Claire Martin',
  'Acme Sales',
  'Quote 2026-118',
  'Please find our quote attached',
  'Jane Roe',
  'jane.roe@acme.example',
  'streak.web.test.1@gmail.com',
  'Team Twilio',
  '@',
];

describe('selector miss → SelectorError with a censored outline', () => {
  it.each([
    ['2026-11-27-conversation.html', () => loadOwn('2026-11-27-conversation.html').document],
    ['2026-11-27-compose-native-signature.html', () => loadOwn('2026-11-27-compose-native-signature.html').document],
    ['captured 2020 compose', () => loadCapturedCompose().document],
    ['captured 2014 inbox page', () => loadPage(readCaptured('inboxsdk/__tests__/injected-thread-identifier.html')).document],
  ])('%s', (_label, load) => {
    const doc = load();
    const missing = { name: 'doesNotExist', css: ['div.no-such-class[role="nothing"]'] };
    let error: unknown;
    try {
      queryRequired(doc, missing);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SelectorError);
    const e = error as SelectorError;
    expect(e.selectorName).toBe('doesNotExist');
    expect(e.outline).toMatch(/^html\n\s+head/);
    for (const secret of leaks) expect(e.outline).not.toContain(secret);
    // Structure is there: tags and allowed attributes.
    expect(e.outline).toContain('body');
  });

  it('keeps structure (role, class, data-message-id, form field names) and drops the rest', () => {
    const { document } = loadOwn('2026-11-27-conversation.html');
    const message = document.querySelector('[data-message-id="#msg-f:1849943502861642564"]')!;
    const outline = censoredOutline(message, { maxDepth: 20, maxNodes: 1000 });
    expect(outline).toContain('div[class="adn ads"][data-message-id="#msg-f:1849943502861642564"]');
    expect(outline).toContain('span[class="gD"]');
    expect(outline).not.toMatch(/email=|name="Claire|title=|download_url|href=/);
    for (const secret of leaks) expect(outline).not.toContain(secret);

    const { document: composeDoc } = loadOwn('2026-11-27-compose-new.html');
    const composeOutline = censoredOutline(composeDoc.querySelector('form')!, { maxDepth: 20, maxNodes: 1000 });
    expect(composeOutline).toContain('input[type="hidden"][name="from"]');
    expect(composeOutline).not.toContain('value=');
    expect(composeOutline).toContain('div[class="J-N J-Ks-KO"][role="menuitem"]');
    for (const secret of leaks) expect(composeOutline).not.toContain(secret);
  });

  it('censors an address that sneaks into an allowed attribute', () => {
    const { document } = loadPage('<!DOCTYPE html><html><body><div class="x someone@example.com" role="main"></div></body></html>');
    const outline = censoredOutline(document);
    expect(outline).toContain('[class="x [address]"]');
    expect(outline).not.toContain('someone');
  });

  it('bounds the outline size', () => {
    const { document } = loadOwn('2026-11-27-conversation.html');
    const lines = censoredOutline(document, { maxNodes: 10 }).split('\n');
    expect(lines).toHaveLength(11);
    expect(lines.at(-1)).toMatch(/truncated at 10/);
  });

  it('an optional lookup returns undefined; a logged miss prints the outline once', () => {
    const { document } = loadOwn('2026-11-27-conversation.html');
    expect(queryOptional(document, { name: 'x', css: ['.nope'] })).toBeUndefined();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const err = new SelectorError('unitTestMiss', 'div[role="main"]');
    reportSelectorMiss('gmail', 'unit-test-feature', err);
    reportSelectorMiss('gmail', 'unit-test-feature', err);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('div[role="main"]');
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^\[mailroom:gmail\] /);
    // The same miss on another webmail is its own report, under its own name.
    reportSelectorMiss('outlook', 'unit-test-feature', err);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[1]?.[0])).toMatch(/^\[mailroom:outlook\] /);
  });

  it('every exported selector has a name matching its export and at least one CSS form', () => {
    for (const [exportName, value] of Object.entries(selectors)) {
      if (typeof value !== 'object' || value === null || !('css' in value)) continue;
      expect(value.name).toBe(exportName);
      expect(value.css.length).toBeGreaterThan(0);
      // Every CSS form is valid.
      for (const css of value.css) expect(() => document.querySelector(css)).not.toThrow();
    }
  });
});
