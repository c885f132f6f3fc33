import nodemailer from 'nodemailer';
import { fail, toFailure, withTimeout } from './failures';
import { tlsOptions } from './probe';
import type { LoginInput, MailSession } from './session';

/**
 * login over SMTP with nodemailer's `verify()` (connect, EHLO, STARTTLS when asked, AUTH, QUIT).
 * A server that offers no AUTH is accepted without a login, as nodemailer does when sending.
 */
export async function smtpLogin(input: LoginInput): Promise<MailSession> {
  const { endpoint, security, timeoutMs } = input;
  const transport = nodemailer.createTransport({
    host: endpoint.address,
    port: endpoint.port,
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    name: 'mailroom.invalid',
    tls: tlsOptions(endpoint),
    auth: { user: input.username, pass: input.password },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
    debug: false,
  });
  try {
    await withTimeout(transport.verify(), timeoutMs, endpoint, () => transport.close());
  } catch (err) {
    if ((err as { code?: string }).code === 'EAUTH') throw fail('auth_failed', endpoint);
    throw toFailure(err, endpoint, 'protocol_error');
  } finally {
    transport.close();
  }
  return { close: async () => undefined };
}
