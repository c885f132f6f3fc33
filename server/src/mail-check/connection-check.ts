/**
 * One connection test: dns → tcp → tls (unless the admin chose no encryption) → login → inbox
 * (incoming servers), stopping at the first step that fails. Each step is bounded by
 * `timeoutMs`; the password only reaches the login module.
 */
import type { Security } from '../../../contract/accounts';
import type { ConnectionCheck, ConnectionStep, ConnectionStepName } from '../../../contract/mail-check';
import { failed, passed, toFailure, type Target } from './failures';
import { imapLogin } from './imap-login';
import { pop3Login, pop3LoginOver } from './pop3-login';
import { openSecure, probeTcp, resolveEndpoint, type Endpoint, type MailProtocol, type ProbeOptions, type SecureSession } from './probe';
import type { LoginInput, MailSession } from './session';
import { smtpLogin } from './smtp-login';

export interface CheckOptions extends ProbeOptions {
  /** Per step; at most 10 s in production (config.connectionStepTimeoutMs). */
  timeoutMs: number;
}

export interface ServerToCheck {
  protocol: MailProtocol;
  host: string;
  port: number;
  security: Security;
  username: string;
  password: string;
}

const LOGINS: Record<MailProtocol, (input: LoginInput) => Promise<MailSession>> = {
  imap: imapLogin,
  pop3: pop3Login,
  smtp: smtpLogin,
};

/** What a failing step most likely means when the error itself says nothing more. */
const FALLBACK = { dns: 'dns_failed', tcp: 'unreachable', tls: 'tls_failed', login: 'protocol_error', inbox: 'no_inbox' } as const;

export async function checkServer(server: ServerToCheck, options: CheckOptions): Promise<ConnectionCheck> {
  const steps: ConnectionStep[] = [];
  const target: Target = { host: server.host, port: server.port };
  /** Runs one step and records it; undefined when it failed (the caller stops there). */
  const step = async <T>(name: ConnectionStepName, work: () => Promise<T>, describe: (value: T) => [string, string?]): Promise<T | undefined> => {
    try {
      const value = await work();
      steps.push(passed(name, ...describe(value)));
      return value;
    } catch (err) {
      steps.push(failed(name, toFailure(err, target, FALLBACK[name])));
      return undefined;
    }
  };
  const result = () => ({ ok: steps.every((s) => s.ok), steps });

  const endpoint = await step('dns', () => resolveEndpoint(target, options), (e: Endpoint) => [
    e.servername ? `${server.host} is ${e.address}.` : `${e.address} is an IP address: nothing to look up.`,
    e.address,
  ]);
  if (!endpoint) return result();
  const { timeoutMs } = options;

  const opened = await step('tcp', () => probeTcp(endpoint, timeoutMs).then(() => true), () => [`Port ${server.port} is open.`]);
  if (!opened) return result();

  // node-pop3 cannot upgrade with STLS: on such a port the login goes on over the socket the
  // tls step secured (pop3-login.ts); every other client opens its own connection.
  const keepsTls = server.protocol === 'pop3' && server.security === 'starttls';
  let secured: SecureSession | undefined;
  if (server.security !== 'none') {
    const security = server.security;
    const version = await step(
      'tls',
      async () => {
        const session = await openSecure(endpoint, server.protocol, security, timeoutMs);
        const negotiated = session.protocol;
        if (keepsTls) secured = session;
        else session.close();
        return negotiated;
      },
      (v) => [`Secure connection (${v}), certificate valid for ${server.host}.`],
    );
    if (!version) return result();
  }

  const input: LoginInput = { endpoint, security: server.security, username: server.username, password: server.password, timeoutMs };
  const session = await step(
    'login',
    () => (secured ? pop3LoginOver(secured, input) : LOGINS[server.protocol](input)),
    () => [`Signed in as ${server.username}.`],
  );
  if (!session) return result();
  try {
    const { inbox } = session;
    if (inbox) await step('inbox', () => inbox.call(session), (count) => [`The inbox holds ${count} message${count === 1 ? '' : 's'}.`, String(count)]);
  } finally {
    await session.close();
  }
  return result();
}
