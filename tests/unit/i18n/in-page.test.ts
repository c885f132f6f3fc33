/**
 * The in-page UI's texts, one language at a time (`locales/in-page.ts`): each language's script
 * holds every text of the domains the UI shows, and the UI's build leaves those domains'
 * catalogues out (switching language: ui-language.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inPageEn } from '@/locales/en/in-page';
import { inPageFr } from '@/locales/fr/in-page';
import { inPageDomains } from '@/locales/in-page';

const root = path.resolve(__dirname, '../../..');

describe('the in-page language scripts', () => {
  it.each(inPageDomains)('carry all of locales/%s.ts, in each language', async (domain) => {
    const catalogue = Object.values(await import(`../../../locales/${domain}.ts`)).find((v) => typeof v === 'object' && v && 'en' in v && 'fr' in v) as {
      en: object;
      fr: object;
    };
    expect(inPageEn[domain]).toBe(catalogue.en);
    expect(inPageFr[domain]).toBe(catalogue.fr);
  });

  it('cover exactly the catalogues the UI build leaves out', () => {
    const skipped = readdirSync(path.join(root, 'locales'))
      .filter((f) => f.endsWith('.ts') && readFileSync(path.join(root, 'locales', f), 'utf8').includes("import.meta.env?.ENTRYPOINT !== 'mail-ui'"))
      .map((f) => f.slice(0, -3));
    expect(skipped.sort()).toEqual([...inPageDomains].sort());
  });
});
