/**
 * The HTML work of signatures (render.ts: clean on save, render per user, SVG warnings), run on
 * the sanitizer pool's worker threads at request-path priority. On jsdom even a small signature
 * costs milliseconds and a 64 KB one seconds on a busy machine: on the event loop that would stall
 * every other request.
 */
import type { SignatureWarning } from '../../../contract/signatures';
import type { MergeValues } from '../../../contract/merge-tags';
import type { SanitizePool } from '../sanitize/sanitize-pool';
import type { RenderedHtml } from './render';

export interface SignatureHtml {
  clean(html: string): Promise<RenderedHtml>;
  render(html: string, values: Partial<MergeValues>): Promise<RenderedHtml>;
  warnings(html: string): Promise<SignatureWarning[]>;
}

export function pooledSignatureHtml(pool: SanitizePool): SignatureHtml {
  return {
    clean: (html) => pool.run({ kind: 'clean-signature', html }),
    render: (html, values) => pool.run({ kind: 'render-signature', html, values }),
    warnings: (html) => pool.run({ kind: 'signature-warnings', html }),
  };
}
