/**
 * THE one DOMPurify configuration of Mailroom (CONVENTIONS.md, "Sanitizing"): an allow-list for
 * HTML that reaches a page or a mail — signatures above all, filed message bodies too. The server
 * runs it on jsdom's window, the extension on the browser's window; both call `createSanitizer`
 * with their window so the rules can never drift apart.
 *
 * What signatures need and keep: tables, inline styles, fonts, colours, images by http(s) URL,
 * links to http/https/mailto/tel opening in a new tab. What never survives: script, event
 * handlers, forms, frames, SVG/MathML, `javascript:`/`data:`/`vbscript:` URLs, CSS that runs code
 * or loads from a non-http(s) URL, and CSS that can lay a signature over the webmail's own UI.
 *
 * Merge tags (`{{user.email}}`) are plain text to DOMPurify, inside text and inside attribute
 * values (`href="mailto:{{user.email}}"` passes because its scheme is allowed), so sanitizing on
 * save keeps them and the server fills them in and sanitizes again afterwards.
 */
import DOMPurify, { type Config, type DOMPurify as Purifier, type WindowLike } from 'dompurify';

export const allowedTags = [
  'a', 'abbr', 'b', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col',
  'colgroup', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'hr', 'i', 'img', 'ins', 'li', 'ol', 'p', 'pre', 'q', 's', 'small', 'span', 'strike', 'strong',
  'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul',
] as const;

// No `id`, `name` or `class`: ids and names allow DOM clobbering of the host page, and classes
// would pick up Gmail's or Outlook's own CSS once the signature sits in their compose window.
export const allowedAttributes = [
  'align', 'alt', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'color', 'colspan', 'dir',
  'face', 'height', 'href', 'lang', 'rel', 'rowspan', 'size', 'src', 'style', 'target', 'title',
  'valign', 'width',
] as const;

/** Schemes a URL attribute may use, per element and attribute. Anything else is removed. */
const allowedSchemes: Record<string, readonly string[]> = {
  'a:href': ['http:', 'https:', 'mailto:', 'tel:'],
  // Only remote images: a data: URL can carry SVG with script, a cid: points at nothing in a
  // signature, and file: URLs leak local paths.
  'img:src': ['http:', 'https:'],
};

const config: Config = {
  ALLOWED_TAGS: [...allowedTags],
  ALLOWED_ATTR: [...allowedAttributes],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // Only the schemes above; the per-element check in the hook narrows it further.
  ALLOWED_URI_REGEXP: /^(?:https?|mailto|tel):/i,
  // DOMPurify checks every attribute not listed here against the URL pattern; only href and src
  // hold URLs in this allow-list, the rest are plain values ("0", "#ffffff", "Arial").
  ADD_URI_SAFE_ATTR: allowedAttributes.filter((a) => a !== 'href' && a !== 'src'),
  // HTML only: no SVG or MathML namespaces, so no namespace-confusion mXSS.
  ALLOWED_NAMESPACES: ['http://www.w3.org/1999/xhtml'],
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  RETURN_TRUSTED_TYPE: false,
};

/** CSS properties never kept: they position a signature over the page or pull in behaviour. */
const forbiddenCssProperties = new Set(['position', 'z-index', 'content', 'cursor', 'pointer-events']);

/**
 * One CSS declaration value is dangerous when it can run code (`expression(`, `javascript:`),
 * load something other than an http(s) URL, or hide those behind escapes and comments.
 */
function isDangerousCssValue(value: string): boolean {
  const v = value.toLowerCase();
  // Escapes (`\75 rl(`) and comments (`ur/**/l(`) only serve to dodge the checks below.
  if (v.includes('\\') || v.includes('/*') || v.includes('<')) return true;
  if (/expression\s*\(|javascript:|vbscript:|livescript:|data:|@import|image-set\s*\(|-webkit-image-set/.test(v)) {
    return true;
  }
  for (const m of v.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1?\s*\)?/g)) {
    if (!/^https?:\/\//.test((m[2] ?? '').trim())) return true;
  }
  // An unterminated or odd `url(` that the pattern above could not read.
  return /url\s*\(/.test(v) && !/url\s*\(\s*['"]?https?:\/\//.test(v);
}

/**
 * Keep the declarations of a `style` attribute that are safe, drop the others. Splitting on `;`
 * is good enough because any value holding quotes-with-semicolons or escapes is dropped anyway.
 */
export function filterStyle(style: string): string {
  const kept: string[] = [];
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon <= 0) continue;
    const prop = decl.slice(0, colon).trim().toLowerCase();
    const value = decl.slice(colon + 1).trim();
    if (!/^-?[a-z][a-z-]*$/.test(prop) || !value) continue;
    // behavior/-ms-behavior (IE's HTC) and -moz-binding (XBL) attach code to an element.
    if (forbiddenCssProperties.has(prop) || /behavior|binding/.test(prop) || isDangerousCssValue(value)) continue;
    kept.push(`${prop}: ${value}`);
  }
  return kept.join('; ');
}

/** The scheme of an absolute URL (`https:`), or undefined for relative or unreadable ones. */
function schemeOf(url: string): string | undefined {
  // Browsers ignore ASCII control characters and whitespace inside a scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const m = /^([a-z][a-z0-9+.-]*:)/i.exec(compact);
  return m?.[1]?.toLowerCase();
}

/** Per call: the attribute that stands in for `style` in this input (see `SanitizeOptions`). */
interface CallState {
  styleCarrier: string | undefined;
}

function installHooks(purify: Purifier, call: CallState): void {
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const tag = node.nodeName.toLowerCase();
    const name = data.attrName.toLowerCase();
    if (name === 'style' || name === call.styleCarrier) {
      const kept = filterStyle(data.attrValue);
      if (!kept) data.keepAttr = false;
      else if (name === 'style') data.attrValue = kept;
      else {
        // The carrier is not in the allow-list, so DOMPurify would drop it: write the filtered
        // value here and keep it (its value checks still ran before this point).
        node.setAttribute(name, kept);
        data.forceKeepAttr = true;
      }
      return;
    }
    if (name === 'href' || name === 'src') {
      const schemes = allowedSchemes[`${tag}:${name}`];
      const scheme = schemeOf(data.attrValue);
      if (!schemes || !scheme || !schemes.includes(scheme)) data.keepAttr = false;
      return;
    }
    if (name === 'target') {
      // Set by the afterSanitizeAttributes hook; a stored value is never trusted.
      data.keepAttr = false;
    }
    if (name === 'rel') data.keepAttr = false;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    // Both on one element only if the input's parse differed from the carrier's pass: keep the one
    // the parser saw as `style`, so the output never holds two.
    if (call.styleCarrier && node.hasAttribute(call.styleCarrier) && node.hasAttribute('style')) {
      node.removeAttribute(call.styleCarrier);
    }
    if (node.nodeName.toLowerCase() === 'a' && node.hasAttribute('href')) {
      // A link in a signature opens outside the webmail, and never with a handle back on it.
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

export interface SanitizeOptions {
  /**
   * The attribute that carries the inline styles of this input in place of `style`; it is filtered
   * exactly like `style` and kept under its own name, for the caller to rename in the output. The
   * server moves styles aside like this because jsdom parses every `style` attribute it sees
   * through its CSS object model, most of a mail body's sanitizing time (server-sanitizer.ts).
   */
  styleCarrier?: string;
}

export interface HtmlSanitizer {
  /** Sanitized HTML, as a string, under the one Mailroom configuration. */
  sanitize(html: string, options?: SanitizeOptions): string;
}

/**
 * A sanitizer bound to `win` (the browser's `window`, or jsdom's on the server). It owns its own
 * DOMPurify instance, so its hooks never leak into another caller's DOMPurify.
 */
export function createSanitizer(win: WindowLike): HtmlSanitizer {
  const purify = DOMPurify(win);
  if (!purify.isSupported) throw new Error('DOMPurify cannot run on this window.');
  const call: CallState = { styleCarrier: undefined };
  installHooks(purify, call);
  return {
    sanitize(html: string, options: SanitizeOptions = {}) {
      // DOMPurify is synchronous: the state belongs to this call alone.
      call.styleCarrier = options.styleCarrier?.toLowerCase();
      try {
        return purify.sanitize(html, { ...config, RETURN_DOM: false, RETURN_DOM_FRAGMENT: false }) as string;
      } finally {
        call.styleCarrier = undefined;
      }
    },
  };
}

const byWindow = new WeakMap<object, HtmlSanitizer>();

/**
 * Sanitize with the sanitizer of `win` (by default the current page's window, for the extension),
 * built once per window.
 */
export function sanitizeHtml(html: string, win: WindowLike = globalThis.window as unknown as WindowLike): string {
  let sanitizer = byWindow.get(win);
  if (!sanitizer) {
    sanitizer = createSanitizer(win);
    byWindow.set(win, sanitizer);
  }
  return sanitizer.sanitize(html);
}
