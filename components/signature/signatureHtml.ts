/**
 * What the signature editor needs to know about a piece of HTML, without rendering it: whether the
 * rich editor (Quill) can hold it without dropping markup, which images are SVG, and whether a
 * pasted text is an image address. Parsing uses DOMParser, whose documents never run scripts or
 * load images, so nothing typed by the admin executes here.
 */

/** Tags Quill's formats (as the editor registers them) can represent. */
const modelableTags = new Set([
  'P', 'DIV', 'BR', 'STRONG', 'B', 'EM', 'I', 'U', 'S', 'A', 'IMG', 'OL', 'UL', 'LI', 'SPAN', 'H1', 'H2', 'H3',
]);
const modelableAttributes: Record<string, Set<string>> = {
  A: new Set(['href', 'target', 'rel']),
  IMG: new Set(['src', 'alt', 'width', 'height']),
  LI: new Set(['data-list']),
};
/** Inline styles the editor writes itself (colour, background, alignment). */
const modelableStyles = new Set(['color', 'background-color', 'text-align']);

export interface ModelCheck {
  ok: boolean;
  /** Short descriptions such as `<table>` or `style="font-family"`, for the warning. */
  reasons: string[];
}

function parse(html: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
}

/**
 * Whether loading `html` into Quill and reading it back would keep its meaning. When it would not
 * (tables, fonts, layout styles: common in signatures), the editor keeps the source as the truth
 * and shows the rich view read-only.
 */
export function quillCanModel(html: string): ModelCheck {
  const reasons = new Set<string>();
  for (const el of Array.from(parse(html).body.getElementsByTagName('*'))) {
    const tag = el.tagName;
    if (!modelableTags.has(tag)) {
      reasons.add(`<${tag.toLowerCase()}>`);
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name === 'style') {
        for (const decl of attr.value.split(';')) {
          const prop = decl.split(':')[0]?.trim().toLowerCase();
          if (prop && !modelableStyles.has(prop)) reasons.add(`style="${prop}"`);
        }
      } else if (name === 'class') {
        if (attr.value.split(/\s+/).some((c) => c && !c.startsWith('ql-'))) reasons.add('class');
      } else if (!modelableAttributes[tag]?.has(name)) {
        reasons.add(`${name}=`);
      }
    }
  }
  return { ok: reasons.size === 0, reasons: [...reasons] };
}

/** `.svg` path (query and fragment ignored) or an inline SVG data URL. */
export function isSvgUrl(url: string): boolean {
  const u = url.trim().toLowerCase();
  if (u.startsWith('data:image/svg')) return true;
  return /\.svgz?$/.test(u.split(/[?#]/)[0] ?? '');
}

/** Image sources that many mail clients (Gmail, Outlook) refuse to show. */
export function svgImageUrls(html: string): string[] {
  const urls = Array.from(parse(html).body.getElementsByTagName('img'))
    .map((img) => img.getAttribute('src') ?? '')
    .filter(isSvgUrl);
  return [...new Set(urls)];
}

const imageExtension = /\.(png|jpe?g|gif|webp|avif|bmp|svgz?)$/i;

/** A pasted text that is just the web address of an image, e.g. `https://cdn.example.com/logo.png`. */
export function isImageUrl(text: string): boolean {
  const t = text.trim();
  if (!/^https?:\/\/[^\s"'<>]+$/i.test(t)) return false;
  try {
    return imageExtension.test(new URL(t).pathname);
  } catch {
    return false;
  }
}

/**
 * Quill 2's semantic HTML writes every space as `&nbsp;`, which would make signatures
 * unbreakable; keep a plain space except inside runs, where the extra ones must stay visible.
 */
export function cleanQuillHtml(html: string): string {
  return html.replace(/(?:&nbsp;)+/g, (run) => ' ' + '&nbsp;'.repeat(run.length / 6 - 1));
}
