import { z } from 'zod';

/**
 * Why a mail server could not be reached or used: a connection test's failed step, or why an
 * account's sync fails. The UI explains each in the user's language.
 */
export const connectionFailureSchema = z.enum([
  'host_not_found',
  'dns_failed',
  'private_address',
  'refused',
  'timeout',
  'unreachable',
  'closed',
  'tls_not_offered',
  'tls_not_spoken',
  'cert_self_signed',
  'cert_expired',
  'cert_wrong_host',
  'cert_untrusted',
  'tls_failed',
  'auth_failed',
  'protocol_error',
  'no_inbox',
]);
export type ConnectionFailure = z.infer<typeof connectionFailureSchema>;
