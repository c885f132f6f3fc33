/**
 * French and English for the Vue UI. The interface follows the browser language (French when it
 * starts with `fr`, English otherwise). Messages are grouped by domain in `locales/<domain>.ts`,
 * each exporting `{ en: {...}, fr: {...} }` with the same keys; `registerMessages` adds a domain.
 * Placeholders are `{name}`.
 */
import { ref } from 'vue';

export type Locale = 'en' | 'fr';
type Dict = Record<string, string>;
export type DomainMessages = { en: Dict; fr: Dict };

const catalogs: Record<Locale, Dict> = { en: {}, fr: {} };

export function detectLocale(lang: string | undefined = globalThis.navigator?.language): Locale {
  return lang?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** Reactive so a test (or a future setting) can switch language at run time. */
export const locale = ref<Locale>(detectLocale());

export function registerMessages(domain: string, messages: DomainMessages): void {
  for (const lang of ['en', 'fr'] as const) {
    for (const [key, value] of Object.entries(messages[lang])) catalogs[lang][`${domain}.${key}`] = value;
  }
}

/** `t('popup.title')`, `t('accounts.used', { n: 2, q: 3 })`. A missing key shows itself. */
export function t(key: string, params?: Record<string, string | number>): string {
  const text = catalogs[locale.value][key] ?? catalogs.en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m));
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
