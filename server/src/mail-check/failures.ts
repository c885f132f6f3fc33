import type { ConnectionFailure, ConnectionStep, ConnectionStepName } from '../../../contract/mail-check';

/** A step that failed for a known reason; thrown inside a check and turned into its step. */
export class CheckFailure extends Error {
  constructor(
    readonly code: ConnectionFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CheckFailure';
  }
}

export interface Target {
  /** As the admin typed it: shown in messages and used for TLS (SNI, certificate name). */
  host: string;
  port: number;
}

const CERT_CODES: Record<string, ConnectionFailure> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'cert_self_signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'cert_self_signed',
  CERT_HAS_EXPIRED: 'cert_expired',
  CERT_NOT_YET_VALID: 'cert_expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'cert_wrong_host',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'cert_untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'cert_untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'cert_untrusted',
  CERT_UNTRUSTED: 'cert_untrusted',
  CERT_REVOKED: 'cert_untrusted',
  CERT_SIGNATURE_FAILURE: 'cert_untrusted',
};

/** What an admin should read for each failure (English; the extension has its own texts). */
export function failureMessage(code: ConnectionFailure, { host, port }: Target): string {
  switch (code) {
    case 'host_not_found':
      return `The server name ${host} was not found (DNS). Check its spelling.`;
    case 'dns_failed':
      return `The name ${host} could not be looked up right now (DNS error). Try again later.`;
    case 'private_address':
      return `${host} is a local or private network address, which this server may not connect to.`;
    case 'refused':
      return `${host} refused the connection on port ${port}: check the port, or whether the server runs.`;
    case 'timeout':
      return `${host} did not answer on port ${port} in time (a firewall, or the wrong port?).`;
    case 'unreachable':
      return `${host} cannot be reached from this server (no route to it).`;
    case 'closed':
      return `${host} closed the connection on port ${port}.`;
    case 'tls_not_offered':
      return `${host} does not offer STARTTLS on port ${port}: choose TLS (and its port) or no encryption.`;
    case 'tls_not_spoken':
      return `${host} does not speak TLS on port ${port}: this port is for STARTTLS or no encryption.`;
    case 'cert_self_signed':
      return `The certificate of ${host} is self-signed: mail clients will not trust it.`;
    case 'cert_expired':
      return `The certificate of ${host} has expired (or is not valid yet).`;
    case 'cert_wrong_host':
      return `The certificate on port ${port} is not for ${host}: use the server name the certificate names.`;
    case 'cert_untrusted':
      return `The certificate of ${host} is not signed by a trusted authority.`;
    case 'tls_failed':
      return `The secure connection to ${host} failed.`;
    case 'auth_failed':
      return `${host} refused the login name or password.`;
    case 'protocol_error':
      return `${host} answered on port ${port}, but not as a mail server of this kind would.`;
    case 'no_inbox':
      return `Signed in, but the inbox could not be opened.`;
  }
}

export const fail = (code: ConnectionFailure, target: Target): CheckFailure => new CheckFailure(code, failureMessage(code, target));

/** Maps a socket, TLS or DNS error (Node's codes) to a failure; anything unknown is `fallback`. */
export function toFailure(err: unknown, target: Target, fallback: ConnectionFailure): CheckFailure {
  if (err instanceof CheckFailure) return err;
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const text = typeof e?.message === 'string' ? e.message : '';
  const cert = CERT_CODES[code];
  if (cert) return fail(cert, target);
  if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'EAI_NONAME') return fail('host_not_found', target);
  if (code === 'ECONNREFUSED') return fail('refused', target);
  if (code === 'ETIMEDOUT' || code === 'ETIMEOUT' || /timed? ?out/i.test(text)) return fail('timeout', target);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') return fail('unreachable', target);
  // A TLS client reading a plain-text greeting ("* OK", "+OK", "220") as a TLS record.
  if (/wrong version number|packet length too long|unknown protocol|record layer failure/i.test(`${code} ${text}`)) {
    return fail('tls_not_spoken', target);
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) return fail('tls_failed', target);
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket (hang up|closed)|connection (closed|ended)|^close$|^end$/i.test(text)) {
    return fail('closed', target);
  }
  return fail(fallback, target);
}

export const passed = (step: ConnectionStepName, message: string, detail?: string): ConnectionStep =>
  detail === undefined ? { step, ok: true, message } : { step, ok: true, message, detail };

export const failed = (step: ConnectionStepName, failure: CheckFailure): ConnectionStep => ({
  step,
  ok: false,
  message: failure.message,
  code: failure.code,
});

/** Rejects with a `timeout` failure when `work` takes longer than `ms`; `onTimeout` cleans up. */
export function withTimeout<T>(work: Promise<T>, ms: number, target: Target, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(fail('timeout', target));
    }, ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
