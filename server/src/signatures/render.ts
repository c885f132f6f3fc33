/**
 * From stored signature HTML to what goes into a compose: merge for one user, drop empty lines,
 * sanitize AFTER merging (CONVENTIONS.md, "Sanitizing"), and flag SVG images.
 */
import type { MergeValues } from '../../../contract/merge-tags';
import type { SignatureWarning } from '../../../contract/signatures';
import { parseFragment, sanitizeHtml } from '../sanitize/server-sanitizer';
import { mergeSignature } from './merge';
import { svgWarnings } from './svg-warnings';

export interface RenderedHtml {
  html: string;
  warnings: SignatureWarning[];
}

/** Sanitized HTML (merge tags kept as text) and its warnings: what a signature stores. */
export function cleanSignatureHtml(html: string): RenderedHtml {
  const clean = sanitizeHtml(html);
  return { html: clean, warnings: svgWarnings(parseFragment(clean)) };
}

/** Warnings of already-sanitized stored HTML. */
export function warningsOf(html: string): SignatureWarning[] {
  return svgWarnings(parseFragment(html));
}

/** The signature filled in with `values`, empty lines dropped, then sanitized. */
export function renderSignatureHtml(html: string, values: Partial<MergeValues>): RenderedHtml {
  const container = parseFragment(html);
  mergeSignature(container, values);
  return cleanSignatureHtml(container.innerHTML);
}
