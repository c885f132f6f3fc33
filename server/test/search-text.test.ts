import { describe, expect, it } from 'vitest';
import { escapeLike, foldText } from '../src/records/fold';
import { domainOf, isFreeMailDomain } from '../src/records/free-mail';

describe('foldText', () => {
  it.each([
    ['Hélène Dupré', 'helene dupre'],
    ['ÉCOLE Saint-Œuvre', 'ecole saint oeuvre'],
    ['Straße & Søn', 'strasse son'],
    ['  Jean-Pierre   L’Hôte ', 'jean pierre l hote'],
    ['50%_off\\deal', '50 off deal'],
    ['Łódź', 'lodz'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });
});

describe('escapeLike', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
  });
});

describe('free-mail domains', () => {
  it.each([
    'gmail.com', 'googlemail.com', 'outlook.com', 'outlook.fr', 'hotmail.com', 'hotmail.fr', 'hotmail.co.uk',
    'live.com', 'live.fr', 'yahoo.com', 'yahoo.fr', 'yahoo.co.jp', 'icloud.com', 'orange.fr', 'free.fr',
    'laposte.net', 'sfr.fr', 'wanadoo.fr', 'gmx.de', 'gmx.net', 'proton.me', 'protonmail.com', 'GMAIL.COM',
  ])('%s is free mail', (domain) => {
    expect(isFreeMailDomain(domain)).toBe(true);
  });

  it.each(['acme.fr', 'acme.co.uk', 'mail.acme.com', 'livenation.com', 'yahoo-partner.com', 'hotmail.acme.example.com'])(
    '%s is not free mail',
    (domain) => {
      expect(isFreeMailDomain(domain)).toBe(false);
    },
  );

  it('reads the domain of an address', () => {
    expect(domainOf('Helene@Acme.FR')).toBe('acme.fr');
    expect(domainOf('no-at')).toBeUndefined();
  });
});
