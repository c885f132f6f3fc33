import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filterStyle } from '../../utils/sanitize';
import { parseFragment, sanitizeHtml, serverWindow } from '../src/sanitize/server-sanitizer';
import { domPurifyVectors, executableParts, fixturesDir, payloadsAllTheThings } from './xss-check';

const doc = serverWindow.document;

describe('signature sanitizer on the server (jsdom)', () => {
  it('keeps what signatures need: tables, inline styles, fonts, colours, images, links', () => {
    const html =
      '<table cellpadding="0" cellspacing="0" border="0" style="font-family: Arial, sans-serif; color: #333333">' +
      '<tbody><tr><td valign="top" width="80"><img src="https://cdn.acme.fr/logo.png" alt="Acme" width="64" height="64"></td>' +
      '<td bgcolor="#ffffff"><font face="Georgia" color="#003366" size="2"><b>Hélène</b></font><br>' +
      '<a href="https://acme.fr" style="color: #0066cc; text-decoration: none">acme.fr</a> · ' +
      '<a href="mailto:{{user.email}}">{{user.email}}</a> · <a href="tel:{{user.phone}}">{{user.phone}}</a></td></tr></tbody></table>';
    const out = parseFragment(sanitizeHtml(html));
    expect(out.querySelector('table')?.getAttribute('cellpadding')).toBe('0');
    expect(out.querySelector('table')?.getAttribute('style')).toBe('font-family: Arial, sans-serif; color: #333333');
    expect(out.querySelector('td')?.getAttribute('valign')).toBe('top');
    expect(out.querySelector('img')?.getAttribute('src')).toBe('https://cdn.acme.fr/logo.png');
    expect(out.querySelector('font')?.getAttribute('face')).toBe('Georgia');
    expect(out.querySelector('td[bgcolor]')?.getAttribute('bgcolor')).toBe('#ffffff');
    const hrefs = Array.from(out.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://acme.fr', 'mailto:{{user.email}}', 'tel:{{user.phone}}']);
  });

  it('keeps merge tags in text and attribute values intact', () => {
    const html = '<p>{{ user.fullName }} | {{utilisateur.fonction}}</p><a href="mailto:{{user.email}}" title="{{org.name}}">x</a>';
    expect(sanitizeHtml(html)).toBe(
      '<p>{{ user.fullName }} | {{utilisateur.fonction}}</p><a href="mailto:{{user.email}}" title="{{org.name}}" target="_blank" rel="noopener noreferrer">x</a>',
    );
  });

  it('forces target=_blank and rel=noopener on links, whatever was given', () => {
    const a = parseFragment(sanitizeHtml('<a href="https://x.fr" target="_top" rel="opener">x</a>')).querySelector('a');
    expect(a?.getAttribute('target')).toBe('_blank');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it.each([
    ['script', '<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['event handler', '<p onclick="alert(1)" onmouseover="x()">ok</p>', '<p>ok</p>'],
    ['javascript: link', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['obfuscated javascript: link', '<a href="  jav&#x09;ascript:alert(1)">x</a>', '<a>x</a>'],
    ['vbscript: link', '<a href="vbscript:msgbox(1)">x</a>', '<a>x</a>'],
    ['data: link', '<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a>x</a>'],
    ['data: image', '<img src="data:image/png;base64,iVBORw0KGgo=">', '<img>'],
    ['relative image', '<img src="/logo.png">', '<img>'],
    ['cid: image', '<img src="cid:logo@acme">', '<img>'],
    ['ftp: link', '<a href="ftp://acme.fr/x">x</a>', '<a>x</a>'],
    ['iframe', '<iframe src="https://evil.example"></iframe><p>ok</p>', '<p>ok</p>'],
    ['form', '<form action="https://evil.example"><input name="p"></form>ok', 'ok'],
    ['svg', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', ''],
    ['id and class (clobbering, host CSS)', '<p id="gbar" class="gmail_signature" name="x">ok</p>', '<p>ok</p>'],
    ['data attribute', '<p data-x="1" aria-hidden="true">ok</p>', '<p>ok</p>'],
  ])('removes %s', (_label, html, expected) => {
    expect(sanitizeHtml(html)).toBe(expected);
  });

  it.each([
    ['expression()', 'width: expression(alert(1)); color: red', 'color: red'],
    ['url(javascript:)', 'background: url(javascript:alert(1)); color: red', 'color: red'],
    ['url(data:)', 'background-image: url("data:image/svg+xml,<svg onload=alert(1)>")', ''],
    ['escaped url', 'background: \\75 rl(javascript:alert(1)); font-weight: bold', 'font-weight: bold'],
    ['comment-split', 'background: ur/**/l(javascript:alert(1))', ''],
    ['-moz-binding', '-moz-binding: url(https://evil.example/x.xml#x)', ''],
    ['behavior', 'behavior: url(x.htc); color: blue', 'color: blue'],
    ['-ms-behavior', "-ms-behavior: url('https://evil.example/x.htc')", ''],
    ['position over the page', 'position: fixed; top: 0; left: 0; z-index: 9999; color: red', 'top: 0; left: 0; color: red'],
    ['relative url', 'background: url(/track.gif)', ''],
  ])('filters dangerous CSS: %s', (_label, style, expected) => {
    expect(filterStyle(style)).toBe(expected);
    const out = parseFragment(sanitizeHtml(`<p style="${style.replace(/"/g, '&quot;')}">x</p>`)).querySelector('p');
    expect(out?.getAttribute('style') ?? '').toBe(expected);
  });

  it('keeps http(s) background images in CSS', () => {
    expect(filterStyle('background-image: url(https://cdn.acme.fr/bg.png); color: #fff')).toBe(
      'background-image: url(https://cdn.acme.fr/bg.png); color: #fff',
    );
  });
});

describe('XSS vectors (server)', async () => {
  const vectors = await domPurifyVectors();

  it('has all of DOMPurify\'s regression vectors', () => {
    expect(vectors).toHaveLength(223);
  });

  it.each(vectors.map((v, i) => [i, v.title, v.payload] as const))('DOMPurify vector %i: %s', (_i, _title, payload) => {
    const out = sanitizeHtml(payload);
    expect(executableParts(out, doc)).toEqual([]);
    // Stable: sanitizing the output again changes nothing, so re-parsing cannot mutate it.
    expect(sanitizeHtml(out)).toBe(out);
  });

  const payloads = payloadsAllTheThings();
  it('reads the PayloadsAllTheThings lists', () => {
    expect(payloads.length).toBeGreaterThan(1000);
  });

  it('the check itself finds script in the raw payloads (so it can fail)', () => {
    const raw = payloads.filter(({ payload }) => executableParts(payload, doc).length > 0);
    // Many list entries are bare JavaScript or URLs, not HTML; the rest must all be caught.
    expect(raw.length).toBeGreaterThan(400);
    expect(vectors.filter((v) => executableParts(v.payload, doc).length > 0).length).toBeGreaterThan(100);
  });

  it('leaves nothing executable in any PayloadsAllTheThings payload', () => {
    const failures = payloads
      .map(({ source, payload }) => {
        const out = sanitizeHtml(payload);
        const problems = executableParts(out, doc);
        if (sanitizeHtml(out) !== out) problems.push('not stable: sanitizing the output again changes it');
        return { source, problems };
      })
      .filter((f) => f.problems.length > 0);
    expect(failures).toEqual([]);
    // ~2 300 sanitizations: allow for a busy machine (no timing is asserted).
  }, 120_000);

  it('lets no remote request through but <img src> and CSS url() over http(s) (HTTPLeaks)', () => {
    const leak = readFileSync(path.join(fixturesDir, 'xss/httpleaks/leak.html'), 'utf8');
    const out = parseFragment(sanitizeHtml(leak));
    for (const el of Array.from(out.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        if (attr.name === 'src') expect(el.localName).toBe('img');
        else if (attr.name === 'style') {
          expect(attr.value).not.toMatch(/url\s*\(\s*(?!['"]?https?:)/i);
          expect(attr.value).not.toMatch(/behavior|binding/i);
        }
        else if (attr.name === 'href') expect(el.localName).toBe('a');
        else expect(attr.value).not.toMatch(/^\s*(?:https?:)?\/\//i);
      }
    }
  });
});
