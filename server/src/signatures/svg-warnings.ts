/**
 * SVG images in a signature are allowed but flagged: Gmail and Outlook refuse to show
 * SVG in received mail, so the logo the admin sees in the editor is a broken image for clients.
 * A warning, not an error: the admin may still save.
 */
import type { SignatureWarning } from '../../../contract/signatures';

/** Whether an image URL points at an SVG: a `.svg`/`.svgz` path, or the SVG media type in it. */
export function isSvgUrl(src: string): boolean {
  const raw = src.trim();
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // A malformed escape: judge the raw text.
  }
  if (/image\/svg\+xml/i.test(decoded)) return true;
  let path = decoded;
  try {
    path = new URL(raw).pathname;
  } catch {
    path = decoded.split(/[?#]/)[0] ?? '';
  }
  return /\.svgz?$/i.test(decodeURIComponentSafe(path));
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** One `svg_image` warning per distinct SVG image source in `container`. */
export function svgWarnings(container: Element): SignatureWarning[] {
  const seen = new Set<string>();
  const out: SignatureWarning[] = [];
  for (const img of Array.from(container.querySelectorAll('img[src]'))) {
    const src = img.getAttribute('src') ?? '';
    if (seen.has(src) || !isSvgUrl(src)) continue;
    seen.add(src);
    out.push({
      code: 'svg_image',
      message: 'This image is an SVG file: Gmail and Outlook do not show SVG images in received mail. Use a PNG or JPEG instead.',
      src,
    });
  }
  return out;
}
