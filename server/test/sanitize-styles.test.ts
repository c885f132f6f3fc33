import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml, sanitizeHtmlPlain } from '../src/sanitize/server-sanitizer';
import { moveStylesAside, newStyleCarrier } from '../src/sanitize/style-carrier';
import { domPurifyVectors, fixturesDir, payloadsAllTheThings } from './xss-check';

describe('moving inline styles aside before parsing (the server\'s fast path)', async () => {
  const corpus = [
    ...(await domPurifyVectors()).map((v) => v.payload),
    ...payloadsAllTheThings().map((p) => p.payload),
    readFileSync(path.join(fixturesDir, 'xss/httpleaks/leak.html'), 'utf8'),
  ];

  it('gives exactly what sanitizing without it gives, on every XSS fixture that has a style', () => {
    const styled = corpus.filter((html) => /style/i.test(html));
    expect(styled.length).toBeGreaterThan(100);
    const differences = styled.filter((html) => sanitizeHtml(html) !== sanitizeHtmlPlain(html));
    expect(differences).toEqual([]);
  }, 120_000);

  it('keeps the styles of a mail body, filtered, in place', () => {
    const html =
      '  <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">' +
      '<table style="width: 600px; position: fixed"><tr><td style=\'font-family: "Segoe UI", Arial; color: #333\' width="300">Hi &amp; bye</td></tr></table>' +
      '<p title=\'style="x"\' style="background: url(javascript:alert(1)); margin: 0">x</p>';
    const out = sanitizeHtml(html);
    expect(out).toBe(sanitizeHtmlPlain(html));
    expect(out).toContain('<table style="width: 600px">');
    expect(out).toContain('<td style="font-family: &quot;Segoe UI&quot;, Arial; color: #333" width="300">Hi &amp; bye</td>');
    expect(out).toContain('<p title="style=&quot;x&quot;" style="margin: 0">x</p>');
  });

  it('leaves the input alone when it has no style attribute', () => {
    expect(moveStylesAside('<p>a style of its own</p>', newStyleCarrier())).toBeNull();
    expect(moveStylesAside('<p class="x">no</p>', newStyleCarrier())).toBeNull();
  });

  it('uses a carrier name nobody can guess, so a sender cannot forge one', () => {
    const a = newStyleCarrier();
    expect(a).toMatch(/^data-mr-style-[0-9a-f]{16}$/);
    expect(newStyleCarrier()).not.toBe(a);
    expect(sanitizeHtml(`<p ${a}="position: fixed; color: red">x</p>`)).toBe('<p>x</p>');
  });
});
