/**
 * Finds every `features/*.ts` whose default export is a feature (other files there are helpers).
 * Its own module because the glob imports every feature, and with them Vue, Pinia and DOMPurify:
 * only the in-page UI chunk may import this, never the always-loaded page core.
 */
import type { WebmailFeature } from './bootstrap';

function isFeature(value: unknown): value is WebmailFeature {
  const f = value as Partial<WebmailFeature> | null;
  return typeof f === 'object' && f !== null && typeof f.id === 'string' && typeof f.run === 'function';
}

/** Every `features/*.ts` with a feature as default export (files are helpers otherwise). */
export function discoverFeatures(
  modules: Record<string, unknown> = import.meta.glob('@/features/*.ts', { eager: true, import: 'default' }),
): WebmailFeature[] {
  return Object.values(modules).filter(isFeature);
}
