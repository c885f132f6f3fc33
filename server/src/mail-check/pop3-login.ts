import Pop3Command from 'node-pop3';
import { fail, toFailure, withTimeout } from './failures';
import { expect, tlsOptions, Unexpected, type SecureSession } from './probe';
import type { LoginInput, MailSession } from './session';

/** login + inbox (STAT) over POP3: node-pop3 for implicit TLS and plain connections. */
export async function pop3Login(input: LoginInput): Promise<MailSession> {
  const { endpoint, timeoutMs } = input;
  const pop = new Pop3Command({
    host: endpoint.address,
    port: endpoint.port,
    tls: input.security === 'tls',
    servername: endpoint.servername,
    tlsOptions: tlsOptions(endpoint),
    timeout: timeoutMs,
    user: input.username,
    password: input.password,
  });
  // A "-ERR" is emitted as an event before the command's promise rejects with it.
  pop.on('error', () => undefined);
  const stage = async <T>(work: Promise<T>): Promise<T> => withTimeout(work, timeoutMs, endpoint, () => void pop.QUIT().catch(() => undefined));
  try {
    await stage(pop.connect());
  } catch (err) {
    throw toFailure(err, endpoint, 'protocol_error');
  }
  try {
    await stage(pop.command('USER', input.username));
    await stage(pop.command('PASS', input.password));
  } catch (err) {
    void pop.QUIT().catch(() => undefined);
    // A "-ERR" answer to USER or PASS (node-pop3 tags it with eventName "error").
    if ((err as { eventName?: string }).eventName === 'error' && !(err as { code?: string }).code) throw fail('auth_failed', endpoint);
    throw toFailure(err, endpoint, 'auth_failed');
  }
  return {
    async inbox() {
      try {
        const [info] = await stage(pop.command('STAT'));
        return messageCount(info);
      } catch (err) {
        throw toFailure(err, endpoint, 'no_inbox');
      }
    },
    async close() {
      await withTimeout(pop.QUIT(), timeoutMs, endpoint).catch(() => undefined);
    },
  };
}

/** "+OK 3 1200" → 3 (node-pop3 passes the text after "+OK "). */
function messageCount(info: string): number {
  const n = Number(info.trim().split(/\s+/)[0]);
  if (!Number.isInteger(n) || n < 0) throw new Unexpected('protocol_error');
  return n;
}

/**
 * node-pop3 0.11 cannot upgrade a connection with STLS, so on such a port the session goes on
 * over the socket the tls step secured: USER, PASS and STAT, the three commands a check needs.
 */
export async function pop3LoginOver(session: SecureSession, input: LoginInput): Promise<MailSession> {
  const { endpoint } = input;
  const { lines } = session;
  const command = async (line: string, failure: Unexpected['failure']) => {
    lines.write(line);
    const answer = await lines.next();
    expect(answer.startsWith('+OK'), failure);
    return answer.slice(3);
  };
  try {
    await command(`USER ${input.username}`, 'auth_failed');
    await command(`PASS ${input.password}`, 'auth_failed');
  } catch (err) {
    session.close();
    throw err instanceof Unexpected ? fail(err.failure, endpoint) : toFailure(err, endpoint, 'protocol_error');
  }
  return {
    async inbox() {
      try {
        return messageCount(await command('STAT', 'protocol_error'));
      } catch (err) {
        throw err instanceof Unexpected ? fail('no_inbox', endpoint) : toFailure(err, endpoint, 'no_inbox');
      }
    },
    async close() {
      lines.write('QUIT');
      session.close();
    },
  };
}
