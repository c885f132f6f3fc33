import { errorMessage, fieldErrors, toProtocolError } from '@/composables/admin/useApiError';
import { locale } from '@/utils/i18n';
import { apiError } from './mockApi';

afterEach(() => {
  locale.value = 'en';
});

describe('errorMessage', () => {
  it('shows the API’s own sentence in English, ours in French', () => {
    const e = apiError('account_in_use', 'sales@acme.fr has 2 users: deactivate it instead.', { status: 409 });
    expect(errorMessage(e)).toBe('sales@acme.fr has 2 users: deactivate it instead.');
    locale.value = 'fr';
    expect(errorMessage(e)).toContain('ne peut pas être supprimé');
  });

  it('never shows internals of a 500 or a transport failure', () => {
    expect(errorMessage(apiError('internal', 'TypeError: x is undefined at foo.ts:12'))).toBe('Something went wrong on our side. Try again in a moment.');
    expect(errorMessage(apiError('network', 'Failed to fetch'))).toContain('cannot be reached');
    expect(errorMessage(new Error('boom'))).toBe('Something went wrong on our side. Try again in a moment.');
  });

  it('lets a screen say what a code means there', () => {
    expect(errorMessage(apiError('conflict', 'Conflict.'), { conflict: 'This address is already an account.' })).toBe('This address is already an account.');
  });

  it('reads any thrown value as a protocol error', () => {
    expect(toProtocolError('plain string')).toEqual({ code: 'internal', message: 'plain string' });
    expect(toProtocolError({ code: 'forbidden', message: 'No.' })).toEqual({ code: 'forbidden', message: 'No.' });
  });
});

describe('fieldErrors', () => {
  it('uses the form’s own sentence for known paths, the API’s for the others', () => {
    const e = apiError('validation_failed', 'Check the fields.', {
      fields: { 'outgoing.host': 'Enter the server name, like imap.example.com.', 'incoming.port': 'A port is between 1 and 65535.', 'outgoing.extra': 'Unknown field: extra.' },
    });
    expect(fieldErrors(e)).toEqual({
      'outgoing.host': 'Enter the server name, like smtp.example.com.',
      'incoming.port': 'A port is between 1 and 65535.',
      'outgoing.extra': 'Unknown field: extra.',
    });
    delete e.error.fields!['outgoing.host'];
    locale.value = 'fr';
    expect(fieldErrors(e)).toEqual({ 'incoming.port': 'Un port est compris entre 1 et 65535.', 'outgoing.extra': 'Unknown field: extra.' });
  });
});
