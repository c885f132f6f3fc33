import { describe, expect, it } from 'vitest';
import type { MergeValues } from '../../contract/merge-tags';
import { renderSignatureHtml } from '../src/signatures/render';
import { mergeValuesFor } from '../src/signatures/merge-values';
import { parseFragment } from '../src/sanitize/server-sanitizer';

const full: MergeValues = mergeValuesFor({
  user: { firstName: 'Hélène', lastName: 'Dupré', jobTitle: 'Juriste', email: 'helene@acme.fr', phone: '+33 1 23 45 67 89', mobile: '+33 6 12 34 56 78' },
  account: { address: 'contact@acme.fr', displayName: 'Acme Contact' },
  org: { name: 'Acme & Fils' },
});
const noMobile: MergeValues = { ...full, 'user.mobile': '', 'user.jobTitle': '' };

const render = (html: string, values: Partial<MergeValues> = full) => renderSignatureHtml(html, values).html;
/** Visible text of rendered HTML, lines joined by "|", to compare layouts without markup noise. */
const textOf = (html: string) => {
  const el = parseFragment(html.replace(/<br>/g, '|').replace(/<\/(p|div|td|th|li)>/g, ' </$1>'));
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
};

describe('merge tags', () => {
  it('fills every tag, including French aliases and spaced braces', () => {
    const html = render('<p>{{user.fullName}} — {{ utilisateur.fonction }} — {{entreprise.nom}} — {{account.name}} {{compte.adresse}}</p>');
    expect(textOf(html)).toBe('Hélène Dupré — Juriste — Acme & Fils — Acme Contact contact@acme.fr');
  });

  it('escapes values as text, never markup', () => {
    const html = render('<p>{{user.firstName}}</p>', { ...full, 'user.firstName': '<img src=x onerror=alert(1)>' });
    expect(html).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
  });

  it('fills tags inside attribute values (mailto:, tel:) and keeps the link safe', () => {
    const html = render('<a href="mailto:{{user.email}}">{{user.email}}</a> <a href="tel:{{user.phone}}">call</a>');
    const links = parseFragment(html).querySelectorAll('a');
    expect(links[0]?.getAttribute('href')).toBe('mailto:helene@acme.fr');
    expect(links[1]?.getAttribute('href')).toBe('tel:+33 1 23 45 67 89');
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('escapes quotes of values put in attributes', () => {
    const html = render('<a href="mailto:{{user.email}}">x</a>', { ...full, 'user.email': 'a"onmouseover="alert(1)@x.fr' });
    const a = parseFragment(html).querySelector('a');
    expect(a?.getAttributeNames().sort()).toEqual(['href', 'rel', 'target']);
    expect(a?.getAttribute('href')).toBe('mailto:a"onmouseover="alert(1)@x.fr');
  });

  it('sanitizes after merging: a value cannot turn a link into javascript:', () => {
    const html = render('<a href="{{user.phone}}">x</a>', { ...full, 'user.phone': 'javascript:alert(1)' });
    expect(parseFragment(html).querySelector('a')?.hasAttribute('href')).toBe(false);
  });

  it('renders unknown tags (old data) as nothing, without dropping their line', () => {
    expect(render('<p>Hi {{user.nickname}}!</p>')).toBe('<p>Hi !</p>');
  });
});

describe('empty lines', () => {
  it('drops a <br>-separated line whose tags are all empty, label included', () => {
    const html = '{{user.fullName}}<br>Mobile: {{user.mobile}}<br>Tel: {{user.phone}}';
    expect(textOf(render(html))).toBe('Hélène Dupré|Mobile: +33 6 12 34 56 78|Tel: +33 1 23 45 67 89');
    expect(textOf(render(html, noMobile))).toBe('Hélène Dupré|Tel: +33 1 23 45 67 89');
  });

  it('drops an empty last line together with the break before it', () => {
    expect(render('<div>{{user.fullName}}<br>Mobile: {{user.mobile}}</div>', noMobile)).toBe('<div>Hélène Dupré</div>');
  });

  it('drops block lines (<p>, <div>) and table rows whose tags are all empty', () => {
    const html =
      '<p>{{user.fullName}}</p><p>{{user.jobTitle}}</p><div><b>Mobile:</b> <a href="tel:{{user.mobile}}">{{user.mobile}}</a></div>' +
      '<table><tbody><tr><td>Email</td><td>{{user.email}}</td></tr><tr><td>Mobile</td><td>{{user.mobile}}</td></tr></tbody></table>';
    const out = render(html, noMobile);
    expect(out).not.toContain('Mobile');
    expect(out).not.toContain('tel:');
    expect(parseFragment(out).querySelectorAll('p')).toHaveLength(1);
    expect(parseFragment(out).querySelectorAll('tr')).toHaveLength(1);
    expect(textOf(out)).toBe('Hélène Dupré Email helene@acme.fr');
  });

  it('keeps lines without tags and lines where some tag has a value', () => {
    const html = '<p>Acme</p><p>Tel: {{user.phone}} / Mobile: {{user.mobile}}</p><p>&nbsp;</p>';
    const out = render(html, noMobile);
    expect(parseFragment(out).querySelectorAll('p')).toHaveLength(3);
    expect(textOf(out)).toContain('Tel: +33 1 23 45 67 89 / Mobile:');
  });

  it('treats a line whose only tag sits in an attribute as that tag\'s line', () => {
    const html = 'Name<br><a href="tel:{{user.mobile}}">Call my mobile</a><br>End';
    expect(textOf(render(html, noMobile))).toBe('Name|End');
    expect(textOf(render(html))).toBe('Name|Call my mobile|End');
  });

  it('drops lines inside nested containers and removes a container left empty', () => {
    const html = '<div><div>{{user.fullName}}</div><div><span>{{user.jobTitle}}</span><br><i>{{user.mobile}}</i></div></div><p>Bye</p>';
    const out = render(html, noMobile);
    expect(out).toBe('<div><div>Hélène Dupré</div></div><p>Bye</p>');
  });

  it('drops a line made of an icon image and an empty tag', () => {
    const html = 'Name<br><img src="https://cdn.acme.fr/phone.png" alt=""> {{user.mobile}}<br>End';
    const out = render(html, noMobile);
    expect(out).not.toContain('phone.png');
    expect(textOf(out)).toBe('Name|End');
  });
});
