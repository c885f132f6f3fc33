import { errorMessage, fieldErrors, protocolError } from '@/composables/useErrorMessage';
import { errorCodes } from '@/contract';
import { ProtocolRequestError } from '@/messaging/client';
import { extensionErrorCodes, type ProtocolError } from '@/messaging/protocol';
import { locale, t } from '@/utils/i18n';

const err = (e: ProtocolError) => new ProtocolRequestError(e);
const NBSP = '\u00a0';

afterEach(() => {
  locale.value = 'en';
});

describe('errorMessage: one text per code, in the UI language', () => {
  it.each([
    [{ code: 'network', message: 'x', params: { url: 'http://s:1' } }, 'en', 'Cannot reach the Mailroom server at http://s:1.'],
    [{ code: 'network', message: 'x', params: { url: 'http://s:1' } }, 'fr', 'Impossible de joindre le serveur Mailroom à http://s:1.'],
    [{ code: 'network', message: 'Failed to fetch' }, 'en', 'The Mailroom server cannot be reached. Check your connection and try again.'],
    [{ code: 'signed_out', status: 401, message: 'x' }, 'en', 'Your session has expired: sign in again.'],
    [{ code: 'signed_out', message: 'x' }, 'en', 'Sign in to Mailroom first.'],
    [{ code: 'server_url', status: 404, message: 'x' }, 'en', 'This address does not look like a Mailroom server.'],
    [{ code: 'server_url', message: 'x' }, 'fr', 'Saisissez l’adresse du serveur, par exemple http://localhost:8787.'],
    [{ code: 'server_failed', status: 502, params: { status: 502 }, message: 'x' }, 'en', 'The Mailroom server failed (HTTP 502). Try again later.'],
    [{ code: 'no_webmail_tab', message: 'No webmail tab is followed.' }, 'fr', 'Ouvrez d’abord Gmail dans un onglet, puis réessayez.'],
    [{ code: 'compose_not_opened', message: 'x' }, 'en', 'Gmail did not open a new message: reload the Gmail tab and try again.'],
    [{ code: 'signature_limit', status: 409, message: 'x' }, 'fr', `Un compte a au plus 3 signatures.`],
    [{ code: 'internal', status: 500, message: 'stack trace here' }, 'en', 'Something went wrong. Try again in a moment.'],
    [
      { code: 'internal', status: 500, message: 'Something went wrong on our side (reference req-7).', params: { reference: 'req-7' } },
      'en',
      'Something went wrong on the Mailroom server (reference req-7). Try again in a moment.',
    ],
  ] as [ProtocolError, 'en' | 'fr', string][])('%j in %s', (e, lang, text) => {
    locale.value = lang;
    expect(errorMessage(err(e))).toBe(text.replaceAll(' :', `${NBSP}:`));
  });

  it('writes the API’s codes in our words, not the server’s English sentence, in both languages', () => {
    const e = err({ code: 'account_in_use', status: 409, message: 'sales@acme.fr cannot be deleted because 2 people have access to it.' });
    expect(errorMessage(e)).toBe('This account cannot be deleted: people still have access to it or mail of it was filed or handled.');
    locale.value = 'fr';
    expect(errorMessage(e)).toContain('ne peut pas être supprimé');
  });

  it('falls back to the API’s sentence only for a code it has no text for (a newer server)', () => {
    const e = { code: 'brand_new_code', message: 'The server says so.' } as unknown as ProtocolError;
    expect(errorMessage(err(e))).toBe('The server says so.');
  });

  it('has a text in both languages for every code the API and the extension can raise', () => {
    for (const code of [...errorCodes, ...extensionErrorCodes]) {
      for (const lang of ['en', 'fr'] as const) {
        locale.value = lang;
        const text = errorMessage(err({ code, message: `SERVER SENTENCE ${code}`, params: { url: 'u', status: 500 } }));
        // The one exception: an English conflict names what it clashes with (tested below).
        if (code === 'conflict' && lang === 'en') continue;
        expect(text, `${code} in ${lang}`).not.toContain('SERVER SENTENCE');
        expect(text, `${code} in ${lang}`).not.toMatch(/^errors\.|\{\w+\}/);
      }
    }
  });

  it('names the unknown merge tag the API reports', () => {
    const e = err({ code: 'unknown_merge_tag', status: 422, message: 'x', fields: { html: 'x', tag: 'nickname' } });
    expect(errorMessage(e)).toBe('{{nickname}} is not a merge tag: pick tags from the “Merge tags” menu.');
  });

  it('says which field is wrong when it knows the field', () => {
    const e = err({ code: 'validation_failed', status: 400, message: 'Check emails.0: Invalid email', fields: { 'emails.0': 'Invalid email' } });
    expect(errorMessage(e)).toBe('Enter a valid email address, like name@example.com.');
    expect(errorMessage(err({ code: 'validation_failed', message: 'x', fields: { zzz: 'bad' } }))).toBe(t('errors.validation_failed'));
  });

  it('never shows a raw exception', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(errorMessage(new TypeError('x is undefined'))).toBe('Something went wrong. Try again in a moment.');
  });

  it('lets a screen say what a code means there', () => {
    expect(errorMessage(err({ code: 'unauthorized', message: 'x' }), { unauthorized: 'Wrong password.' })).toBe('Wrong password.');
    expect(errorMessage(err({ code: 'forbidden', message: 'x' }), { unauthorized: 'Wrong password.' })).toBe(
      'Only an administrator of your organisation can do this.',
    );
  });

  it('shows a conflict as the API names it to English readers, and in French by our sentence', () => {
    const clash = err({ code: 'conflict', message: 'Already in Mailroom: Dora Dup has the address dora@dup.test.' });
    expect(errorMessage(clash)).toBe('Already in Mailroom: Dora Dup has the address dora@dup.test.');
    locale.value = 'fr';
    try {
      expect(errorMessage(clash)).toMatch(/^Cela entre en conflit/);
    } finally {
      locale.value = 'en';
    }
  });

  it('reads any thrown value as a protocol error', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(protocolError('plain string')).toEqual({ code: 'internal', message: 'plain string' });
    expect(protocolError({ code: 'forbidden', message: 'No.' })).toEqual({ code: 'forbidden', message: 'No.' });
    expect(protocolError(err({ code: 'network', message: 'm' }))).toEqual({ code: 'network', message: 'm' });
  });
});

describe('fieldErrors', () => {
  it('uses our sentence for known paths, the API’s for the others', () => {
    const e = err({
      code: 'validation_failed',
      message: 'Check the fields.',
      fields: { 'outgoing.host': 'Enter the server name, like imap.example.com.', 'incoming.port': 'A port is between 1 and 65535.', 'outgoing.extra': 'Unknown field: extra.' },
    });
    expect(fieldErrors(e)).toEqual({
      'outgoing.host': 'Enter the server name, like smtp.example.com.',
      'incoming.port': 'A port is between 1 and 65535.',
      'outgoing.extra': 'Unknown field: extra.',
    });
    locale.value = 'fr';
    expect(fieldErrors(e)['incoming.port']).toBe('Un port est compris entre 1 et 65535.');
  });
});
