/**
 * French and English for the Vue UI. The interface follows the browser language (French when it
 * starts with `fr`, English otherwise). Messages are grouped by domain in `locales/<domain>.ts`,
 * each exporting `{ en: {...}, fr: {...} }` with the same keys; `registerMessages` adds a domain.
 * Placeholders are `{name}`.
 */
import { ref } from 'vue';
import { detectLocale, translate, type Locale } from '@/locales/catalog';

export { detectLocale, registerMessages, type DomainMessages, type Locale } from '@/locales/catalog';

/** Reactive so a test (or a future setting) can switch language at run time. */
export const locale = ref<Locale>(detectLocale());

/** `t('popup.title')`, `t('accounts.used', { n: 2, q: 3 })`. A missing key shows itself. */
export function t(key: string, params?: Record<string, string | number>): string {
  return translate(locale.value, key, params);
}

/** Dates as people read them in the UI language, e.g. "12 Dec" / "12 déc.". */
export function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString(locale.value === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'short' });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(locale.value === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}
