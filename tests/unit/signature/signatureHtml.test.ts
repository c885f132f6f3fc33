import { cleanQuillHtml, isImageUrl, isSvgUrl, quillCanModel, svgImageUrls } from '@/components/signature/signatureHtml';

describe('quillCanModel', () => {
  it.each([
    '<p>Jane <strong>Doe</strong><br><em>Sales</em></p>',
    '<p style="text-align: center"><span style="color: #ff0000">Red</span></p>',
    '<p><a href="https://acme.fr" target="_blank" rel="noopener noreferrer">acme.fr</a></p>',
    '<p><img src="https://cdn.acme.fr/logo.png" alt="Acme" width="120"></p>',
    '<ul><li>one</li><li>two</li></ul>',
    '<p>{{user.fullName}} · {{user.phone}}</p>',
  ])('keeps what Quill can hold: %s', (html) => {
    expect(quillCanModel(html)).toEqual({ ok: true, reasons: [] });
  });

  it.each([
    ['<table><tr><td>Jane</td><td><img src="https://x/logo.png"></td></tr></table>', '<table>'],
    ['<p style="font-family: Georgia">Jane</p>', 'style="font-family"'],
    ['<font face="Arial">Jane</font>', '<font>'],
    ['<p class="brand">Jane</p>', 'class'],
    ['<hr>', '<hr>'],
    ['<p title="x">Jane</p>', 'title='],
  ])('flags markup Quill would drop: %s', (html, reason) => {
    const check = quillCanModel(html);
    expect(check.ok).toBe(false);
    expect(check.reasons).toContain(reason);
  });
});

describe('SVG images', () => {
  it.each([
    ['https://cdn.acme.fr/logo.svg', true],
    ['https://cdn.acme.fr/logo.SVG?v=2#x', true],
    ['data:image/svg+xml;base64,PHN2Zz4=', true],
    ['https://cdn.acme.fr/logo.png', false],
    ['https://cdn.acme.fr/svg/logo.png', false],
  ])('%s → %s', (url, svg) => {
    expect(isSvgUrl(url)).toBe(svg);
  });

  it('lists each SVG image of a signature once', () => {
    const html = '<p><img src="https://a/x.svg"><img src="https://a/y.png"><img src="https://a/x.svg"></p>';
    expect(svgImageUrls(html)).toEqual(['https://a/x.svg']);
  });
});

describe('pasted image addresses', () => {
  it.each([
    ['https://cdn.acme.fr/logo.png', true],
    [' http://cdn.acme.fr/a/b/photo.JPEG?size=2 ', true],
    ['https://cdn.acme.fr/logo.svg', true],
    ['https://acme.fr/about', false],
    ['javascript:alert(1)//.png', false],
    ['see https://cdn.acme.fr/logo.png', false],
    ['data:image/png;base64,AAAA', false],
  ])('%s → %s', (text, yes) => {
    expect(isImageUrl(text)).toBe(yes);
  });
});

describe('cleanQuillHtml', () => {
  it('turns Quill’s non-breaking spaces back into spaces, keeping runs visible', () => {
    expect(cleanQuillHtml('<p>Jane&nbsp;Doe&nbsp;&nbsp;&nbsp;CEO</p>')).toBe('<p>Jane Doe &nbsp;&nbsp;CEO</p>');
  });
});
