/**
 * What the admin reads when an account cannot be synced, and when the next try comes. Messages
 * name the host and the cause, never the password; they are built from error codes rather than
 * copied from the library where a library's text could echo what was sent.
 */

import type { ConnectionFailure } from '../../../contract/connection-failure';

interface ErrorLike {
  message?: string;
  code?: string;
  authenticationFailed?: boolean;
  responseText?: string;
  eventName?: string;
  command?: string;
}

const tlsCodes = /^(ERR_SSL_|ERR_TLS_|EPROTO$|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(VERIFY|GET)_|HOSTNAME_MISMATCH$)/;

export interface SyncErrorDescription {
  /** In English, for the API's readers and the logs. */
  message: string;
  /** The kind, which the extension words in the admin's language; null when of no known kind. */
  code: ConnectionFailure | null;
}

/** A sentence (and its kind) for the account's status, with `secret` (the password) removed whatever happens. */
export function describeSyncError(err: unknown, where: { host: string; port: number; protocol: 'imap' | 'pop3' }, secret: string): SyncErrorDescription {
  const e = (err ?? {}) as ErrorLike;
  const server = `${where.host}:${where.port}`;
  const proto = where.protocol.toUpperCase();
  let message: string;
  let code: ConnectionFailure | null;
  if (e.authenticationFailed || (where.protocol === 'pop3' && /^(PASS|USER)\b/.test(e.command ?? ''))) {
    [code, message] = ['auth_failed', `The ${proto} server refused the login: check the username and password.`];
  } else if (e.code === 'ECONNREFUSED') {
    [code, message] = ['refused', `Nothing answers on ${server} (connection refused): check the server name and port.`];
  } else if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    [code, message] = [e.code === 'ENOTFOUND' ? 'host_not_found' : 'dns_failed', `The server name ${where.host} was not found.`];
  } else if (e.code === 'ETIMEDOUT' || e.code === 'CONNECT_TIMEOUT' || e.code === 'GREETING_TIMEOUT' || e.eventName === 'timeout') {
    [code, message] = ['timeout', `${server} did not answer in time.`];
  } else if (e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH') {
    [code, message] = ['unreachable', `${server} cannot be reached from the server.`];
  } else if (e.code && tlsCodes.test(e.code)) {
    code = CERT_FAILURES[e.code] ?? 'tls_failed';
    message = `The secure connection (TLS) to ${server} was refused (${e.code}): check the security setting and the server's certificate.`;
  } else if (e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.code === 'NoConnection' || e.eventName === 'close' || e.eventName === 'end') {
    [code, message] = ['closed', `${server} closed the connection.`];
  } else {
    [code, message] = [null, `Sync failed: ${(e.responseText || e.message || String(err)).slice(0, 300)}`];
  }
  return { code, message: secret ? message.split(secret).join('***') : message };
}

/** Node's certificate errors, by the kind the admin can act on. */
const CERT_FAILURES: Record<string, ConnectionFailure> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'cert_self_signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'cert_self_signed',
  CERT_HAS_EXPIRED: 'cert_expired',
  CERT_NOT_YET_VALID: 'cert_expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'cert_wrong_host',
  HOSTNAME_MISMATCH: 'cert_wrong_host',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'cert_untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'cert_untrusted',
};

/** Delay before the `failures`-th retry: doubling from `baseMs`, never more than `maxMs` (15 min). */
export function backoffDelay(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}
