import { ImapFlow } from 'imapflow';
import { fail, toFailure, withTimeout } from './failures';
import { tlsOptions } from './probe';
import type { LoginInput, MailSession } from './session';

/** login + inbox over IMAP with imapflow, to the checked address only. */
export async function imapLogin(input: LoginInput): Promise<MailSession> {
  const { endpoint, security, timeoutMs } = input;
  const client = new ImapFlow({
    host: endpoint.address,
    port: endpoint.port,
    secure: security === 'tls',
    // "none" is the admin's choice: no upgrade behind their back (the tls step did not run either).
    doSTARTTLS: security === 'starttls' ? true : security === 'none' ? false : undefined,
    servername: endpoint.servername,
    tls: tlsOptions(endpoint),
    auth: { user: input.username, pass: input.password },
    logger: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableAutoIdle: true,
  });
  // imapflow re-emits socket errors after a failed connect; the awaited call already reports them.
  client.on('error', () => undefined);
  const close = async () => {
    try {
      await withTimeout(client.logout(), timeoutMs, endpoint);
    } catch {
      client.close();
    }
  };
  try {
    await withTimeout(client.connect(), timeoutMs, endpoint, () => client.close());
  } catch (err) {
    client.close();
    if ((err as { authenticationFailed?: boolean }).authenticationFailed) throw fail('auth_failed', endpoint);
    throw toFailure(err, endpoint, 'protocol_error');
  }
  return {
    async inbox() {
      try {
        const box = await withTimeout(client.mailboxOpen('INBOX', { readOnly: true }), timeoutMs, endpoint);
        return box.exists;
      } catch (err) {
        throw toFailure(err, endpoint, 'no_inbox');
      }
    },
    close,
  };
}
