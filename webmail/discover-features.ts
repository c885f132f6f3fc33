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

/**
 * Each module's default export. Whole modules rather than `import: 'default'`: with that option
 * Vite 8 (rolldown) fails the build on a helper without a default export (features/ui-pinia.ts).
 */
function defaultsOf(modules: Record<string, { default?: unknown }>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(modules).map(([path, m]) => [path, m.default]));
}

/** Every `features/*.ts` with a feature as default export (files are helpers otherwise). */
export function discoverFeatures(
  modules: Record<string, unknown> = defaultsOf(import.meta.glob('@/features/*.ts', { eager: true }) as Record<string, { default?: unknown }>),
): WebmailFeature[] {
  return Object.values(modules).filter(isFeature);
}
