/**
 * A local SMTP server (smtp-server) on a free loopback port, for the outgoing connection tests:
 * with a login (and one right password), with no AUTH at all, or behind implicit TLS / STARTTLS
 * with a certificate: smtp-server's built-in one (expired since), our self-signed fixture, or
 * one signed by the tests' own authority (TEST_CA, which a test app can be told to trust).
 */
export const tlsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../tests/fixtures/tls');
/** The authority that signed `mail.crt` (mail.acme.test and 127.0.0.1). */
export const TEST_CA = fs.readFileSync(path.join(tlsDir, 'test-ca.crt'), 'utf8');
export const TEST_CERT_FILES = { certFile: path.join(tlsDir, 'mail.crt'), keyFile: path.join(tlsDir, 'mail.key') };
const certificates = {
  'self-signed': { key: 'self-signed.key', cert: 'self-signed.crt' },
  'test-ca': { key: 'mail.key', cert: 'mail.crt' },
} as const;

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { freePort } from './dovecot';

export interface LocalSmtp {
  port: number;
  /** Logins tried, with whether they were accepted (passwords are not kept). */
  logins: { username: string; accepted: boolean }[];
  stop(): Promise<void>;
}

export async function startSmtp(
  options: { user?: string; password?: string; noAuth?: boolean; secure?: boolean; starttls?: boolean; certificate?: 'built-in' | 'self-signed' | 'test-ca' } = {},
): Promise<LocalSmtp> {
  const port = await freePort();
  const logins: LocalSmtp['logins'] = [];
  const config: SMTPServerOptions = {
    secure: options.secure ?? false,
    // Plain by default (like the Dovecot of the tests); `starttls` offers it with the built-in certificate.
    disabledCommands: [...(options.noAuth ? ['AUTH'] : []), ...(options.starttls ? [] : ['STARTTLS'])],
    allowInsecureAuth: true,
    ...(options.certificate && options.certificate !== 'built-in'
      ? {
          key: fs.readFileSync(path.join(tlsDir, certificates[options.certificate].key)),
          cert: fs.readFileSync(path.join(tlsDir, certificates[options.certificate].cert)),
        }
      : {}),
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      const accepted = auth.username === options.user && auth.password === options.password;
      logins.push({ username: auth.username ?? '', accepted });
      if (accepted) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
  };
  const server = new SMTPServer(config);
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, logins, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
