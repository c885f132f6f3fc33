/**
 * What one sanitizer worker thread does (sanitize-pool.ts): the one configuration, on the
 * worker's own jsdom window (server-sanitizer.ts builds one per thread).
 */
import { sanitizeHtml } from './server-sanitizer';

/**
 * Above this many tags a mail body is not kept: jsdom + DOMPurify cost about 0.1 ms per element
 * here (2 MB of dense markup ≈ 12 s of a worker). Such mail keeps its text body only — the filing
 * matters more than an archived HTML copy. Counted in the worker: on 2 MB even the count costs.
 */
export const maxHtmlBodyTags = 20_000;

export interface SanitizeTask {
  html: string;
  /** Give up (null) above this many tags; none for signatures, which are small by rule. */
  maxTags?: number;
}

function tooManyTags(html: string, max: number): boolean {
  let tags = 0;
  for (const _ of html.matchAll(/<[a-zA-Z]/g)) if (++tags > max) return true;
  return false;
}

/** The sanitized HTML, or null when the body has more tags than the task allows. */
export function runSanitizeTask(task: SanitizeTask): string | null {
  if (task.maxTags !== undefined && tooManyTags(task.html, task.maxTags)) return null;
  return sanitizeHtml(task.html);
}
