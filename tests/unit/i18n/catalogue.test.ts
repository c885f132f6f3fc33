/**
 * The EN and FR catalogues say the same things: same keys, same placeholders, the plural forms
 * each language needs, one apostrophe, French spacing before : ; ? ! — and the plural and number
 * rules of `translate` itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { frenchSpacing, translate, type Locale, type Message, type PluralMessage } from '@/locales/catalog';

type Catalogue = { en: Record<string, Message>; fr: Record<string, Message> };

const modules = import.meta.glob<Record<string, unknown>>('@/locales/*.ts', { eager: true });
const isCatalogue = (v: unknown): v is Catalogue => typeof v === 'object' && v !== null && 'en' in v && 'fr' in v;
/** Every domain: `locales/<file>` → its `{ en, fr }` export. */
const domains = Object.entries(modules).flatMap(([file, exports]) =>
  Object.values(exports)
    .filter(isCatalogue)
    .map((c) => [path.basename(file, '.ts'), c] as const),
);

const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));
const placeholders = (m: Message): string[] => [...new Set(forms(m).flatMap((f) => [...f.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!)))].sort();
const isPlural = (m: Message): m is PluralMessage => typeof m !== 'string';

/**
 * Categories a language's counts can fall in that may be left to `other`: French CLDR's `many`
 * only takes round millions (checked below), which read fine as digits with the `other` form.
 */
const mayFallBackToOther: Record<Locale, readonly string[]> = { en: [], fr: ['many'] };
const categoriesOf = (lang: Locale) => new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];

it('finds every catalogue', () => {
  expect(domains.map(([d]) => d).sort()).toEqual(
    expect.arrayContaining(['admin', 'common', 'compose', 'errors', 'filing', 'options', 'pill', 'popup', 'session', 'sidepanel', 'signature']),
  );
});

describe.each(domains)('locales/%s.ts', (_domain, catalogue) => {
  it('has the same keys in English and French', () => {
    expect(Object.keys(catalogue.fr).sort()).toEqual(Object.keys(catalogue.en).sort());
  });

  it('has the same placeholders in both languages, key by key', () => {
    for (const key of Object.keys(catalogue.en)) {
      expect(placeholders(catalogue.fr[key] ?? ''), key).toEqual(placeholders(catalogue.en[key]!));
    }
  });

  it.each(['en', 'fr'] as const)('gives each plural message in %s the forms the language needs, and counts with {n}', (lang) => {
    const categories = categoriesOf(lang);
    const needed = categories.filter((c) => !mayFallBackToOther[lang].includes(c));
    for (const [key, message] of Object.entries(catalogue[lang])) {
      if (!isPlural(message)) continue;
      expect(Object.keys(message).sort(), `${lang} ${key}`).toEqual(expect.arrayContaining(needed));
      for (const c of Object.keys(message)) expect(categories, `${lang} ${key}: ${c}`).toContain(c);
      expect(message.other, `${lang} ${key}`).toContain('{n}');
    }
  });

  it('says {n} wherever either language counts', () => {
    for (const key of Object.keys(catalogue.en)) {
      if (isPlural(catalogue.en[key]!) || isPlural(catalogue.fr[key]!)) expect(placeholders(catalogue.en[key]!), key).toContain('n');
    }
  });

  it('writes apostrophes one way, the typographic ’, in both languages', () => {
    for (const lang of ['en', 'fr'] as const) {
      for (const [key, message] of Object.entries(catalogue[lang])) for (const f of forms(message)) expect(f, `${lang} ${key}`).not.toContain("'");
    }
  });

  it('puts a space before : ; ? ! and inside « » in French, none before them in English', () => {
    for (const [key, message] of Object.entries(catalogue.fr)) {
      for (const f of forms(message).map((x) => x.replace(/https?:\/\/[^\s,]*/g, 'URL'))) {
        expect(f, `fr ${key}`).not.toMatch(/[^\s][:;?!»]|«[^\s]/);
      }
    }
    for (const [key, message] of Object.entries(catalogue.en)) {
      for (const f of forms(message)) expect(f, `en ${key}`).not.toMatch(/\s[:;?!]/);
    }
  });

  it('uses no typographic space in the source (the catalogue adds the French no-break ones)', () => {
    for (const lang of ['en', 'fr'] as const) {
      for (const [key, message] of Object.entries(catalogue[lang])) for (const f of forms(message)) expect(f, `${lang} ${key}`).not.toMatch(/[\u00a0\u202f]|\s\s/);
    }
  });
});

describe('translate', () => {
  it('chooses the plural form by n, with each language’s rule (French 0 is singular)', () => {
    expect([0, 1, 2].map((n) => translate('en', 'admin.row.users', { n }))).toEqual(['0 users', '1 user', '2 users']);
    expect([0, 1, 2].map((n) => translate('fr', 'admin.row.users', { n }))).toEqual(['0 utilisateur', '1 utilisateur', '2 utilisateurs']);
    expect(translate('fr', 'admin.signatures.count', { n: 1, max: 3 })).toBe('1 signature sur 3');
  });

  it('uses `other` for French `many` (round millions) and writes numbers the language’s way', () => {
    expect(new Intl.PluralRules('fr').select(1_000_000)).toBe('many');
    // `many` is only ever a round million or more: everything below reads as one/other.
    for (let n = 0; n < 20_000; n++) expect(new Intl.PluralRules('fr').select(n)).not.toBe('many');
    expect(translate('fr', 'admin.row.users', { n: 1_000_000 })).toBe(`${(1_000_000).toLocaleString('fr-FR')} utilisateurs`);
    expect(translate('en', 'admin.row.users', { n: 1500 })).toBe('1,500 users');
  });

  it('applies French no-break spacing once, at registration', () => {
    expect(translate('fr', 'admin.details.login', { user: 'ana' })).toBe('Identifiant\u00a0: ana');
    expect(translate('fr', 'admin.delete.title', { address: 'a@b.fr' })).toBe('Supprimer a@b.fr\u00a0?');
    expect(translate('fr', 'admin.signatures.saved', { name: 'Pro' })).toBe('Signature «\u00a0Pro\u00a0» enregistrée.');
    expect(frenchSpacing('Attention ! Oui ; non : « ici »')).toBe('Attention\u00a0! Oui\u00a0; non\u00a0: «\u00a0ici\u00a0»');
    expect(frenchSpacing('https://x.fr')).toBe('https://x.fr');
  });

  it('falls back to English, then to the key', () => {
    expect(translate('fr', 'nowhere.key')).toBe('nowhere.key');
  });
});

describe('public/_locales (the browser’s own strings)', () => {
  const root = path.resolve(__dirname, '../../..');
  const read = (lang: string) =>
    JSON.parse(readFileSync(path.join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string; description: string }>;
  const en = read('en');
  const fr = read('fr');

  it('has the same keys in both languages, each with a message and a description', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const entry of [...Object.values(en), ...Object.values(fr)]) {
      expect(entry.message.trim()).not.toBe('');
      expect(entry.description.trim()).not.toBe('');
    }
  });

  it('fits the stores’ limits: a name up to 75 characters, a description up to 132', () => {
    for (const m of [en, fr]) {
      expect(m.extName!.message.length).toBeLessThanOrEqual(75);
      expect(m.extDescription!.message.length).toBeLessThanOrEqual(132);
    }
  });

  it('follows the catalogues’ typography', () => {
    for (const entry of Object.values(fr)) {
      for (const text of [entry.message, entry.description]) {
        expect(text).not.toContain("'");
        expect(text).not.toMatch(/[^\s\u00a0][:;?!»]/);
        expect(text).not.toMatch(/ [:;?!»]/); // no catalogue runs here: the no-break space is written out
      }
    }
    for (const entry of Object.values(en)) expect(`${entry.message} ${entry.description}`).not.toContain("'");
  });

  it('has every message the manifest names', () => {
    const config = readFileSync(path.join(root, 'wxt.config.ts'), 'utf8');
    for (const [, key] of config.matchAll(/__MSG_(\w+)__/g)) {
      expect(en).toHaveProperty(key!);
      expect(fr).toHaveProperty(key!);
    }
  });
});
