/**
 * The in-page UI's texts, one language at a time (`locales/in-page.ts`): the background injects
 * the user's language right before the UI chunk, so the first render has it; a switch of `locale`
 * to the other language injects that one, and the texts on screen follow once it arrives (English
 * stands in meanwhile when it is the one loaded).
 */
import { watch } from 'vue';
import type { Locale } from '@/locales/catalog';
import { registerInjectedLanguage } from '@/locales/in-page';
import { send } from '@/messaging/client';
import { locale, messagesArrived } from '@/utils/i18n';

export type InjectLanguage = (lang: Locale) => Promise<void>;

const injectLanguage: InjectLanguage = (lang) => send('page.inject', { script: `mail-ui-${lang}` });

export function followUiLanguage(signal: AbortSignal, inject: InjectLanguage = injectLanguage, scope: object = globalThis): void {
  const loaded = new Set<Locale>();
  const loading = new Map<Locale, Promise<void>>();

  const ensure = (lang: Locale) => {
    if (loaded.has(lang) || loading.has(lang)) return;
    if (registerInjectedLanguage(lang, scope)) {
      loaded.add(lang);
      return;
    }
    const load = inject(lang)
      .then(() => {
        if (!registerInjectedLanguage(lang, scope)) throw new Error(`The ${lang} texts were injected but not found.`);
        loaded.add(lang);
        messagesArrived();
      })
      // Logged, not thrown: the next switch to this language tries again.
      .catch((e: unknown) => console.warn(`[mailroom] the in-page texts in "${lang}" could not be loaded`, e))
      .finally(() => loading.delete(lang));
    loading.set(lang, load);
  };

  const stop = watch(locale, ensure, { immediate: true });
  signal.addEventListener('abort', stop, { once: true });
}
