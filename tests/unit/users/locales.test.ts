/** The People texts exist in both languages, with the same keys and the same placeholders. */
import { describe, expect, it } from 'vitest';
import { usersMessages } from '@/locales/users';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales/users', () => {
  it('has the same keys in English and French', () => {
    expect(Object.keys(usersMessages.fr).sort()).toEqual(Object.keys(usersMessages.en).sort());
  });

  it.each(Object.keys(usersMessages.en))('%s: same placeholders, not empty', (key) => {
    const en = usersMessages.en[key as keyof typeof usersMessages.en];
    const fr = usersMessages.fr[key as keyof typeof usersMessages.fr];
    expect(fr.trim()).not.toBe('');
    expect(placeholders(fr)).toEqual(placeholders(en));
  });
});
