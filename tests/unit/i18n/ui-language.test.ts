/**
 * The in-page UI switching language (`webmail/ui-language.ts`). No `locales/<domain>.ts` is
 * imported here, as in the UI's build: every text comes from the injected language scripts.
 */
import { computed, nextTick } from 'vue';
import { describe, expect, it, vi } from 'vitest';
import { inPageEn } from '@/locales/en/in-page';
import { inPageFr } from '@/locales/fr/in-page';
import { publishInPageMessages } from '@/locales/in-page';
import { locale, t } from '@/utils/i18n';
import { followUiLanguage } from '@/webmail/ui-language';

describe('followUiLanguage', () => {
  it('takes the language injected with the UI, and loads the other one when the UI switches to it', async () => {
    const scope = {};
    locale.value = 'fr';
    publishInPageMessages('fr', inPageFr, scope);
    const inject = vi.fn(async (lang: 'en' | 'fr') => publishInPageMessages(lang, lang === 'fr' ? inPageFr : inPageEn, scope));
    const stop = new AbortController();
    followUiLanguage(stop.signal, inject, scope);
    const label = computed(() => t('filing.fileToRecord'));
    expect(label.value).toBe('Classer dans une fiche');
    expect(inject).not.toHaveBeenCalled();

    locale.value = 'en';
    await vi.waitFor(() => expect(label.value).toBe('File to record'));
    expect(inject).toHaveBeenCalledWith('en');
    // Back and forth: each language is loaded once.
    locale.value = 'fr';
    await nextTick();
    locale.value = 'en';
    await nextTick();
    expect(inject).toHaveBeenCalledTimes(1);
    stop.abort();
  });

  it('logs a language that could not be loaded and tries it again at the next switch', async () => {
    const scope = {};
    locale.value = 'en';
    publishInPageMessages('en', inPageEn, scope);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const inject = vi.fn(async () => {
      throw new Error('Could not establish connection.');
    });
    const stop = new AbortController();
    followUiLanguage(stop.signal, inject, scope);
    locale.value = 'fr';
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('[mailroom] the in-page texts in "fr" could not be loaded', expect.any(Error)));
    locale.value = 'en';
    await nextTick();
    locale.value = 'fr';
    await vi.waitFor(() => expect(inject).toHaveBeenCalledTimes(2));
    stop.abort();
    locale.value = 'en';
  });
});
