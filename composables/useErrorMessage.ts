/**
 * What a person reads when a call to the background failed: our own sentence for the codes every
 * page shares (server unreachable, session expired...), in the UI language; the API's sentence for
 * the rest (the server writes one for every 4xx); a generic line for anything unexpected.
 */
import { ProtocolRequestError } from '@/messaging/client';
import type { ProtocolError } from '@/messaging/protocol';
import { t } from '@/utils/i18n';
import '@/locales/common';

export function protocolError(e: unknown): ProtocolError | undefined {
  return e instanceof ProtocolRequestError ? e.error : undefined;
}

/** `serverUrl` fills "Cannot reach the Mailroom server at <url>". */
export function describeError(e: unknown, serverUrl: string): string {
  const err = protocolError(e);
  if (!err) {
    console.error('[mailroom] unexpected error', e);
    return t('common.unexpected');
  }
  switch (err.code) {
    case 'network':
      return t('common.unreachable', { url: serverUrl });
    case 'signed_out':
      // 401 from the API: a session that existed has ended; otherwise nobody signed in yet.
      return err.status === 401 ? t('common.expired') : t('common.signInFirst');
    case 'server_url':
      // With a status the server answered, but not as Mailroom; without, the URL was malformed.
      return err.status !== undefined ? t('common.notMailroom') : t('common.badServerUrl');
    case 'forbidden':
      return t('common.forbidden');
    case 'rate_limited':
      return t('common.rateLimited');
    case 'password_change_required':
      return t('common.passwordChangeRequired');
    case 'internal':
      return t('common.unexpected');
    default:
      return err.message || t('common.unexpected');
  }
}
