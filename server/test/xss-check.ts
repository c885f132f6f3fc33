/**
 * What "nothing executable survives" means for sanitizer tests, shared by the server
 * test (jsdom window of the server sanitizer) and the extension test (the page's window): parse
 * the sanitized output and list every element, attribute or URL that could run script.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const executableTags = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'style',
  'link', 'meta', 'base', 'form', 'template', 'noscript', 'xmp', 'noembed', 'portal', 'use',
]);
const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'data', 'poster', 'srcset', 'lowsrc', 'dynsrc', 'codebase', 'cite']);
// eslint-disable-next-line no-control-regex
const invisible = /[\u0000-\u0020\u007f-\u009f]+/g;
const badScheme = /^(?:javascript|data|vbscript|livescript):/i;

/** Problems found in sanitized `html`; empty when nothing executable is left. */
export function executableParts(html: string, doc: Document): string[] {
  const problems: string[] = [];
  const tpl = doc.createElement('template');
  tpl.innerHTML = html;
  // Parse it a second time the way the page will (mXSS: serialising and re-parsing can change it).
  const reparsed = doc.createElement('div');
  reparsed.innerHTML = tpl.innerHTML;
  for (const root of [tpl.content, reparsed]) {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const tag = el.localName.toLowerCase();
      if (executableTags.has(tag)) problems.push(`element <${tag}>`);
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(invisible, '');
        if (name.startsWith('on')) problems.push(`attribute ${name} on <${tag}>`);
        if (urlAttributes.has(name) && badScheme.test(value)) problems.push(`${name}="${attr.value}" on <${tag}>`);
        if (name === 'style' && /expression\s*\(|url\s*\(\s*['"]?\s*(?:javascript|data|vbscript):|javascript:|-moz-binding|behavior\s*:/i.test(value)) {
          problems.push(`style="${attr.value}" on <${tag}>`);
        }
      }
    }
  }
  return problems;
}

/** The repository's test fixtures (tests/fixtures: real mail and XSS material copied with their licences). */
export const fixturesDir = path.resolve(__dirname, '../../tests/fixtures');

/** Every payload of PayloadsAllTheThings' lists (one per line) and SVG files (whole file). */
export function payloadsAllTheThings(): { source: string; payload: string }[] {
  const base = path.join(fixturesDir, 'xss/payloadsallthethings/XSS Injection');
  const out: { source: string; payload: string }[] = [];
  for (const file of readdirSync(path.join(base, 'Intruders'))) {
    const lines = readFileSync(path.join(base, 'Intruders', file), 'utf8').split(/\r?\n/);
    lines.forEach((line, i) => line.trim() && out.push({ source: `${file}:${i + 1}`, payload: line }));
  }
  for (const file of readdirSync(path.join(base, 'Files'))) {
    out.push({ source: file, payload: readFileSync(path.join(base, 'Files', file), 'utf8') });
  }
  return out;
}

export interface DomPurifyVector {
  title: string;
  payload: string;
}

/** DOMPurify's own 223 XSS/mXSS regression vectors. */
export async function domPurifyVectors(): Promise<DomPurifyVector[]> {
  const file = path.join(fixturesDir, 'xss/dompurify/test/fixtures/expect.mjs');
  const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: DomPurifyVector[] };
  return mod.default;
}
