/**
 * French and English for the Vue UI. The interface follows the browser language (French when it
 * starts with `fr`, English otherwise). Messages are grouped by domain in `locales/<domain>.ts`,
 * each exporting `{ en: {...}, fr: {...} }` with the same keys; `registerMessages` adds a domain.
 * Placeholders are `{name}`; counting messages have plural forms chosen by `n` (locales/catalog.ts).
 * The in-page UI gets its texts one language at a time instead (`locales/in-page.ts`).
 */
import { ref } from 'vue';
import { detectLocale, intlLocale, translate, type Locale, type Params } from '@/locales/catalog';

export { detectLocale, registerMessages, type DomainMessages, type Locale, type Params } from '@/locales/catalog';

/** Reactive so a test (or a future setting) can switch language at run time. */
export const locale = ref<Locale>(detectLocale());

/**
 * Counts the languages registered after the UI first rendered (the in-page UI gets them on
 * demand, `webmail/ui-language.ts`), so texts shown before then follow.
 */
const messagesRevision = ref(0);
export function messagesArrived(): void {
  messagesRevision.value++;
}

/** `t('popup.title')`, `t('admin.row.users', { n: 2 })`. A missing key shows itself. */
export function t(key: string, params?: Params): string {
  void messagesRevision.value;
  return translate(locale.value, key, params);
}

/** Dates as people read them in the UI language, e.g. "12 Dec" / "12 déc.". */
export function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString(intlLocale(locale.value), { day: 'numeric', month: 'short' });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(intlLocale(locale.value), {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}
