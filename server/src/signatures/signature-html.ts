/**
 * The HTML work of signatures (render.ts: clean on save, render per user, SVG warnings), run on
 * the sanitizer pool's worker threads at request-path priority. On jsdom even a small signature
 * costs milliseconds and a 64 KB one seconds on a busy machine: on the event loop that would stall
 * every other request.
 *
 * Each result is a pure function of its input (one sanitizer configuration per process), and the
 * same few signatures are listed and rendered for the same people all day: results are kept in a
 * small LRU cache keyed by a hash of the input, so a repeat costs a hash instead of a round trip
 * through a worker thread that a busy server may have queued behind other work.
 */
import { createHash } from 'node:crypto';
import type { SignatureWarning } from '../../../contract/signatures';
import type { MergeValues } from '../../../contract/merge-tags';
import type { SanitizePool } from '../sanitize/sanitize-pool';
import type { RenderedHtml } from './render';

export interface SignatureHtml {
  clean(html: string): Promise<RenderedHtml>;
  render(html: string, values: Partial<MergeValues>): Promise<RenderedHtml>;
  warnings(html: string): Promise<SignatureWarning[]>;
}

/** Results kept: a signature is at most 64 KB, so at most a few MB. */
const cacheEntries = 256;

/** `compute(input)` remembered by a hash of `input`; the least recently used go first. */
function memoised<T>(compute: (input: string) => Promise<T>): (input: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (input) => {
    const key = createHash('sha256').update(input).digest('base64');
    const hit = cache.get(key);
    if (hit) {
      // Re-inserted: Map order is then least recently used first.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const result = compute(input);
    cache.set(key, result);
    if (cache.size > cacheEntries) cache.delete(cache.keys().next().value!);
    // A failure is not remembered: the next call tries again.
    result.catch(() => cache.get(key) === result && cache.delete(key));
    return result;
  };
}

export function pooledSignatureHtml(pool: SanitizePool): SignatureHtml {
  const clean = memoised((html) => pool.run({ kind: 'clean-signature', html }));
  const warnings = memoised((html) => pool.run({ kind: 'signature-warnings', html }));
  const render = memoised((key) => {
    const { html, values } = JSON.parse(key) as { html: string; values: Partial<MergeValues> };
    return pool.run({ kind: 'render-signature', html, values });
  });
  return {
    clean,
    // Values in a fixed key order, so the same values are the same key.
    render: (html, values) => render(JSON.stringify({ html, values: Object.fromEntries(Object.entries(values).sort(([a], [b]) => a.localeCompare(b))) })),
    warnings,
  };
}
