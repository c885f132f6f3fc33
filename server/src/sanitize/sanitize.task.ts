/**
 * What a sanitizer worker thread does (sanitize-pool.ts): the one configuration on the worker's
 * own jsdom window (server-sanitizer.ts builds one per thread), for mail bodies and for the
 * signature work that parses HTML (clean on save, render per user, SVG warnings).
 */
import type { MergeValues } from '../../../contract/merge-tags';
import type { SignatureWarning } from '../../../contract/signatures';
import { cleanSignatureHtml, renderSignatureHtml, warningsOf, type RenderedHtml } from '../signatures/render';
import { sanitizeHtml } from './server-sanitizer';

/**
 * Above this many tags a mail body is not kept: jsdom + DOMPurify cost about 0.1 ms per element
 * here (2 MB of dense markup ≈ 12 s of a worker). Such mail keeps its text body only — the filing
 * matters more than an archived HTML copy. Counted in the worker: on 2 MB even the count costs.
 */
export const maxHtmlBodyTags = 20_000;

export type PoolTask =
  /** A filed mail body: null when it has more than `maxTags` tags. */
  | { kind: 'mail-body'; html: string; maxTags: number }
  | { kind: 'clean-signature'; html: string }
  | { kind: 'render-signature'; html: string; values: Partial<MergeValues> }
  | { kind: 'signature-warnings'; html: string };

export interface PoolResults {
  'mail-body': string | null;
  'clean-signature': RenderedHtml;
  'render-signature': RenderedHtml;
  'signature-warnings': SignatureWarning[];
}

function tooManyTags(html: string, max: number): boolean {
  let tags = 0;
  for (const _ of html.matchAll(/<[a-zA-Z]/g)) if (++tags > max) return true;
  return false;
}

export function runPoolTask(task: PoolTask): PoolResults[PoolTask['kind']] {
  switch (task.kind) {
    case 'mail-body':
      return tooManyTags(task.html, task.maxTags) ? null : sanitizeHtml(task.html);
    case 'clean-signature':
      return cleanSignatureHtml(task.html);
    case 'render-signature':
      return renderSignatureHtml(task.html, task.values);
    case 'signature-warnings':
      return warningsOf(task.html);
  }
}
