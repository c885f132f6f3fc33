/**
 * The message catalogs and lookup, without Vue: the always-loaded content script (the in-page
 * pill) uses them directly, so it does not pull Vue into every webmail page; `utils/i18n.ts`
 * adds the reactive locale the Vue UI reads.
 *
 * A message is a string with `{name}` placeholders, or — for anything that counts — its plural
 * forms by CLDR category (`{ one: '{n} user', other: '{n} users' }`), chosen by the `n` parameter
 * through `Intl.PluralRules` (built into every browser, so plurals cost no library). `other` is
 * required and stands in for a category a message leaves out: French CLDR (v38+, Node 20 and
 * Chromium alike) has `many` for round millions ("1 000 000 de comptes"), which our digit-written
 * counts read fine as `other`.
 */
export type Locale = 'en' | 'fr';
export type PluralCategory = Intl.LDMLPluralRule;
export type PluralMessage = { readonly other: string } & { readonly [C in PluralCategory]?: string };
export type Message = string | PluralMessage;
export type Params = Record<string, string | number>;
type Dict = Record<string, Message>;
/** One domain's messages: French must have exactly English's keys (checked by the compiler). */
export type DomainMessages<K extends string = string> = { en: Record<K, Message>; fr: Record<K, Message> };

const catalogs: Record<Locale, Dict> = { en: {}, fr: {} };

/** The BCP 47 tag `Intl` formats with: British English (day before month), metropolitan French. */
export const intlLocale = (lang: Locale): string => (lang === 'fr' ? 'fr-FR' : 'en-GB');

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();
function cached<T>(cache: Map<Locale, T>, lang: Locale, make: () => T): T {
  let value = cache.get(lang);
  if (!value) cache.set(lang, (value = make()));
  return value;
}

export function detectLocale(lang: string | undefined = globalThis.navigator?.language): Locale {
  return lang?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/**
 * French puts a no-break space before : ; ? ! and inside « ». The catalogues write a plain space
 * there (readable in the source; tests/unit/i18n checks it is never missing) and it becomes a
 * no-break one here, once, so a line never starts with a colon or a lone question mark.
 */
export function frenchSpacing(text: string): string {
  return text.replace(/ ([:;?!»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
}

function typeset(lang: Locale, message: Message): Message {
  if (lang !== 'fr') return message;
  if (typeof message === 'string') return frenchSpacing(message);
  return Object.fromEntries(Object.entries(message).map(([c, text]) => [c, frenchSpacing(text)])) as PluralMessage;
}

export function registerMessages<K extends string>(domain: string, messages: DomainMessages<K>): void {
  for (const lang of ['en', 'fr'] as const) registerLanguage(lang, domain, messages[lang]);
}

/** One language of one domain: the in-page UI gets its languages one at a time (`locales/in-page.ts`). */
export function registerLanguage(lang: Locale, domain: string, messages: Readonly<Record<string, Message>>): void {
  for (const [key, value] of Object.entries<Message>(messages)) catalogs[lang][`${domain}.${key}`] = typeset(lang, value);
}

/** Whether `key` has a message (in `lang`, or in English, which every key has). */
export function hasMessage(lang: Locale, key: string): boolean {
  return key in catalogs[lang] || key in catalogs.en;
}

/** The form of a plural message for `n` in `lang`. */
export function pluralForm(lang: Locale, message: PluralMessage, n: number | undefined): string {
  if (n === undefined) return message.other;
  const category = cached(pluralRules, lang, () => new Intl.PluralRules(intlLocale(lang))).select(n);
  return message[category] ?? message.other;
}

/**
 * The text of `key` in `lang` (English when missing there, the key itself when missing
 * everywhere). Numbers are written as the language writes them ("1 500" in French).
 */
export function translate(lang: Locale, key: string, params?: Params): string {
  const message = catalogs[lang][key] ?? catalogs.en[key] ?? key;
  const n = params?.n;
  const text = typeof message === 'string' ? message : pluralForm(lang, message, typeof n === 'number' ? n : undefined);
  if (!params) return text;
  const numbers = cached(numberFormats, lang, () => new Intl.NumberFormat(intlLocale(lang), { useGrouping: true }));
  return text.replace(/\{(\w+)\}/g, (m, p: string) => {
    const value = params[p];
    if (value === undefined) return m;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}
