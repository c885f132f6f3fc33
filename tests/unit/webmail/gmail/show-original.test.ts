import { describe, expect, it } from 'vitest';
import { decodeEntities, messageIdFromRawHeaders, parseShowOriginalHtml } from '@/webmail/gmail/show-original';
import { parseGlobalsFromText, readGlobalsFromDocument } from '@/webmail/gmail/globals';
import { parseAccountPath, showOriginalUrl } from '@/webmail/gmail/location';
import { loadOwn, readOwn, readCaptured } from './fixtures';

const page = (pre: string) => `<!DOCTYPE html><html><body><pre class="raw_message_text" id="raw_message_text">${pre}</pre></body></html>`;

describe('Message-ID from the "show original" page', () => {
  it.each([
    ['our fixture: folded, entities, decoys', readOwn('2026-11-27-show-original.html'), '<CAHx9=Qk7pZ+r2Lm_w4@mail.client-corp.example>'],
    ['our fixture: no Message-ID header (only in the body)', readOwn('2026-11-27-show-original-no-message-id.html'), undefined],
    ['plain header', page('From: a@b.example\nMessage-ID: &lt;abc@b.example&gt;\n\nbody'), '<abc@b.example>'],
    ['lower-case name, CRLF', page('message-id: &lt;x.y@z.example&gt;\r\nSubject: s\r\n\r\n'), '<x.y@z.example>'],
    ['upper-case name, tab-folded', page('MESSAGE-ID:\n\t&lt;folded@tab.example&gt;\nTo: t@example.com\n\n'), '<folded@tab.example>'],
    ['numeric entities', page('Message-Id: &#60;num@ent.example&#x3E;\n\n'), '<num@ent.example>'],
    ['id folded in the middle', page('Message-ID: &lt;very-long-local-part.\n 123@split.example&gt;\n\n'), '<very-long-local-part.123@split.example>'],
    ['no brackets', page('Message-ID: bare@nobrackets.example\n\n'), '<bare@nobrackets.example>'],
    ['empty header', page('Message-ID:\nSubject: s\n\n'), undefined],
    ['X-Original-Message-ID only', page('X-Original-Message-ID: &lt;no@x.example&gt;\n\n'), undefined],
    ['not a show-original page (sign-in)', '<!DOCTYPE html><html><body><form id="gaia_loginform"></form></body></html>', undefined],
  ])('%s', (_label, html, expected) => {
    expect(parseShowOriginalHtml(html, new DOMParser()).messageId).toBe(expected);
  });

  it('tells a page without raw source (not definitive) from a message without the header', () => {
    expect(parseShowOriginalHtml('<html><body>Sign in</body></html>', new DOMParser()).rawFound).toBe(false);
    expect(parseShowOriginalHtml(readOwn('2026-11-27-show-original-no-message-id.html'), new DOMParser()).rawFound).toBe(true);
  });

  it('matches the Message-IDs Gmail itself reports in the captured traffic', () => {
    // gmail.js capture: the RFC Message-IDs Gmail links to its ids; each must survive a round trip.
    const raw = readCaptured('gmail.js/test/testdata-parser-json/testdata-parser-fd-embedded.json');
    const ids = Array.from(new Set(raw.match(/<[^<>\s"\\]+@[^<>\s"\\]+>/g) ?? [])).slice(0, 5);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const escaped = id.replace(/</g, '&lt;').replace(/>/g, '&gt;');
      expect(parseShowOriginalHtml(page(`Subject: x\nMessage-ID: ${escaped}\n\n`), new DOMParser()).messageId).toBe(id);
    }
  });

  it.each([
    ['&lt;a&amp;b&gt;', '<a&b>'],
    ['&#x3c;&#62;&quot;', '<>"'],
    ['&unknown; stays', '&unknown; stays'],
  ])('decodeEntities(%j)', (input, out) => {
    expect(decodeEntities(input)).toBe(out);
  });

  it('reads raw headers only up to the blank line', () => {
    expect(messageIdFromRawHeaders('Subject: a\n\nMessage-ID: <in-body@x.example>')).toBeUndefined();
  });
});

describe('GLOBALS (ik and address) from the page source', () => {
  it.each([
    ['2026-11-27-conversation.html', { ik: '3f9a1c2e7b', userAddress: 'sales@acme.example' }],
    ['2026-11-27-reading-pane.html', { ik: 'c0ffee4242', userAddress: 'support@acme.example' }],
    ['2026-11-27-page-source-globals.html', { ik: '7d1e5a90bc', userAddress: 'desk.paris@acme.example' }],
    ['2026-11-27-show-original.html', {}],
  ])('%s', (fixture, expected) => {
    const { document } = loadOwn(fixture);
    expect(readGlobalsFromDocument(document)).toEqual(expected);
    // The same from the raw text, as when the page source is fetched.
    expect(parseGlobalsFromText(readOwn(fixture))).toEqual(expected);
  });

  it('finds nothing in the 2014 inbox page (no GLOBALS in it)', () => {
    expect(parseGlobalsFromText(readCaptured('inboxsdk/__tests__/injected-thread-identifier.html'))).toEqual({});
  });

  it.each([
    ['var GLOBALS=[0,1,2,3,4,5,6,7,8,"not an ik!","x@y.example"];', { ik: undefined, userAddress: 'x@y.example' }],
    ["GLOBALS = [,,,,,,,,,'abcdef12','Me@Example.COM']", { ik: 'abcdef12', userAddress: 'me@example.com' }],
    ['var GLOBALS=[1,2', {}],
    ['var _GLOBALS=[0,0,0,0,0,0,0,0,0,"abcdef12"]', {}],
  ])('edge case %j', (text, expected) => {
    expect(parseGlobalsFromText(text)).toEqual(expected);
  });
});

describe('account path and show-original URL', () => {
  it.each([
    ['/mail/u/0/', { basePath: '/mail/u/0/', accountIndex: 0 }],
    ['/mail/u/3/#inbox/FMfcgz', { basePath: '/mail/u/3/', accountIndex: 3 }],
    ['/mail/b/117263457/u/1/', { basePath: '/mail/b/117263457/u/1/', accountIndex: 1, delegateId: '117263457' }],
    ['/mail/', { basePath: '/mail/u/0/', accountIndex: 0 }],
    ['/calendar/u/0/', undefined],
  ])('%s', (pathname, expected) => {
    expect(parseAccountPath(pathname)).toEqual(expected);
  });

  it('builds the view=om URL on the same account', () => {
    const account = parseAccountPath('/mail/b/117263457/u/1/')!;
    expect(showOriginalUrl('https://mail.google.com', account, '3f9a1c2e7b', 'msg-f:1849939442718824961')).toBe(
      'https://mail.google.com/mail/b/117263457/u/1/?ik=3f9a1c2e7b&view=om&permmsgid=msg-f:1849939442718824961',
    );
  });
});
