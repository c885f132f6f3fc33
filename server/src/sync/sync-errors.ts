/**
 * What the admin reads when an account cannot be synced, and when the next try comes. Messages
 * name the host and the cause, never the password; they are built from error codes rather than
 * copied from the library where a library's text could echo what was sent.
 */

interface ErrorLike {
  message?: string;
  code?: string;
  authenticationFailed?: boolean;
  responseText?: string;
  eventName?: string;
  command?: string;
}

const tlsCodes = /^(ERR_SSL_|ERR_TLS_|EPROTO$|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(VERIFY|GET)_|HOSTNAME_MISMATCH$)/;

/** A sentence for the account's status, with `secret` (the password) removed whatever happens. */
export function describeSyncError(err: unknown, where: { host: string; port: number; protocol: 'imap' | 'pop3' }, secret: string): string {
  const e = (err ?? {}) as ErrorLike;
  const server = `${where.host}:${where.port}`;
  const proto = where.protocol.toUpperCase();
  let message: string;
  if (e.authenticationFailed || (where.protocol === 'pop3' && /^(PASS|USER)\b/.test(e.command ?? ''))) {
    message = `The ${proto} server refused the login: check the username and password.`;
  } else if (e.code === 'ECONNREFUSED') {
    message = `Nothing answers on ${server} (connection refused): check the server name and port.`;
  } else if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    message = `The server name ${where.host} was not found.`;
  } else if (e.code === 'ETIMEDOUT' || e.code === 'CONNECT_TIMEOUT' || e.code === 'GREETING_TIMEOUT' || e.eventName === 'timeout') {
    message = `${server} did not answer in time.`;
  } else if (e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH') {
    message = `${server} cannot be reached from the server.`;
  } else if (e.code && tlsCodes.test(e.code)) {
    message = `The secure connection (TLS) to ${server} was refused (${e.code}): check the security setting and the server's certificate.`;
  } else if (e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.code === 'NoConnection' || e.eventName === 'close' || e.eventName === 'end') {
    message = `${server} closed the connection.`;
  } else {
    message = `Sync failed: ${(e.responseText || e.message || String(err)).slice(0, 300)}`;
  }
  return secret ? message.split(secret).join('***') : message;
}

/** Delay before the `failures`-th retry: doubling from `baseMs`, never more than `maxMs` (15 min). */
export function backoffDelay(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}
