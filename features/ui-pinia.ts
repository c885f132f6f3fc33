/**
 * One Pinia for every in-page feature on a page: filing and composes read the same accounts list
 * (and session), fetched once per page instead of once per feature. Keyed by the page's adapter,
 * so a page (one adapter) shares one store set and a test's fresh adapter gets fresh stores.
 */
import { createPinia, type Pinia } from 'pinia';
import type { WebmailAdapter } from '@/webmail/types';

const byAdapter = new WeakMap<WebmailAdapter, Pinia>();

export function uiPinia(adapter: WebmailAdapter): Pinia {
  let pinia = byAdapter.get(adapter);
  if (!pinia) {
    pinia = createPinia();
    byAdapter.set(adapter, pinia);
  }
  return pinia;
}
