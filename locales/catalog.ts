/**
 * The message catalogs and lookup, without Vue: the always-loaded content script (the in-page
 * pill) uses them directly, so it does not pull Vue into every webmail page; `utils/i18n.ts`
 * adds the reactive locale the Vue UI reads.
 */
export type Locale = 'en' | 'fr';
type Dict = Record<string, string>;
export type DomainMessages = { en: Dict; fr: Dict };

const catalogs: Record<Locale, Dict> = { en: {}, fr: {} };

export function detectLocale(lang: string | undefined = globalThis.navigator?.language): Locale {
  return lang?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function registerMessages(domain: string, messages: DomainMessages): void {
  for (const lang of ['en', 'fr'] as const) {
    for (const [key, value] of Object.entries(messages[lang])) catalogs[lang][`${domain}.${key}`] = value;
  }
}

/** The text of `key` in `lang` (English when missing there, the key itself when missing everywhere). */
export function translate(lang: Locale, key: string, params?: Record<string, string | number>): string {
  const text = catalogs[lang][key] ?? catalogs.en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m));
}
