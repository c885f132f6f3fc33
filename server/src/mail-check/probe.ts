/**
 * The network steps every connection test shares: find the address (dns), open a TCP connection
 * (tcp) and secure it (tls: implicit TLS, or the protocol's STARTTLS). Each is bounded by the
 * step timeout and reports a failure an admin can act on; certificates are checked as a mail
 * client would (system authorities, the host name as typed).
 */
import net from 'node:net';
import tls from 'node:tls';
import type { Security } from '../../../contract/accounts';
import { ipLiteral, isAddressAllowed } from './address-policy';
import { fail, toFailure, withTimeout, type Target } from './failures';

/** Host name → addresses (IPv4 and IPv6); injectable so tests need no outside DNS. */
export type DnsLookup = (host: string) => Promise<string[]>;

export interface ProbeOptions {
  lookup: DnsLookup;
  allowPrivateHosts: boolean;
  timeoutMs: number;
  /** Authorities trusted besides the system's (PEM): an internal CA, or the tests' own. */
  trustedCas?: string[];
}

export type MailProtocol = 'imap' | 'pop3' | 'smtp';

/** Where to connect: the checked address, plus the name the certificate must carry. */
export interface Endpoint extends Target {
  address: string;
  /** For SNI and the certificate check; undefined when the admin typed an IP address. */
  servername: string | undefined;
  /** Extra trusted authorities (ProbeOptions.trustedCas). */
  trustedCas?: string[];
}

/**
 * dns: the first address the policy allows. An IP literal goes through `lookup` too (the system's
 * answers it without asking anyone), so an injected lookup is the one gate to every address.
 */
export async function resolveEndpoint(target: Target, options: ProbeOptions): Promise<Endpoint> {
  const literal = ipLiteral(target.host);
  let addresses: string[];
  try {
    addresses = await withTimeout(options.lookup(literal ?? target.host), options.timeoutMs, target);
  } catch (err) {
    throw toFailure(err, target, 'dns_failed');
  }
  if (addresses.length === 0) throw fail('host_not_found', target);
  const address = addresses.find((a) => isAddressAllowed(a, options.allowPrivateHosts));
  if (!address) throw fail('private_address', target);
  return { ...target, address, servername: literal ? undefined : target.host, trustedCas: options.trustedCas };
}

/** tcp: a plain connection that opens, closed at once. */
export async function probeTcp(endpoint: Endpoint, timeoutMs: number): Promise<void> {
  const socket = await connectPlain(endpoint, timeoutMs);
  socket.destroy();
}

function connectPlain(endpoint: Endpoint, timeoutMs: number): Promise<net.Socket> {
  const socket = net.connect({ host: endpoint.address, port: endpoint.port });
  const opened = new Promise<net.Socket>((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
  return withTimeout(opened, timeoutMs, endpoint, () => socket.destroy()).catch((err: unknown) => {
    socket.destroy();
    throw toFailure(err, endpoint, 'unreachable');
  });
}

/** The TLS options every client of a check uses: verified certificate, name as typed. */
export function tlsOptions(endpoint: Endpoint): { rejectUnauthorized: true; minVersion: tls.SecureVersion; servername?: string; ca?: string[] } {
  return {
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    ...(endpoint.servername ? { servername: endpoint.servername } : {}),
    // `ca` replaces the system's list: extra authorities are added to it, not put in its place.
    ...(endpoint.trustedCas?.length ? { ca: [...tls.rootCertificates, ...endpoint.trustedCas] } : {}),
  };
}

function secure(endpoint: Endpoint, timeoutMs: number, socket?: net.Socket): Promise<tls.TLSSocket> {
  const secured = socket
    ? tls.connect({ ...tlsOptions(endpoint), socket })
    : tls.connect({ ...tlsOptions(endpoint), host: endpoint.address, port: endpoint.port });
  const done = new Promise<tls.TLSSocket>((resolve, reject) => {
    secured.once('secureConnect', () => resolve(secured));
    secured.once('error', reject);
    secured.once('close', () => reject(new Error('close')));
  });
  return withTimeout(done, timeoutMs, endpoint, () => secured.destroy()).catch((err: unknown) => {
    secured.destroy();
    throw toFailure(err, endpoint, 'tls_failed');
  });
}

/**
 * tls: a handshake with a verified certificate, by implicit TLS or by the protocol's STARTTLS
 * (IMAP STARTTLS, POP3 STLS, SMTP STARTTLS after EHLO). Resolves to the secured socket, which
 * the caller ends (POP3 goes on on it; the other clients open their own).
 */
export async function openSecure(endpoint: Endpoint, protocol: MailProtocol, security: Exclude<Security, 'none'>, timeoutMs: number): Promise<SecureSession> {
  if (security === 'tls') return new SecureSession(await secure(endpoint, timeoutMs), endpoint, timeoutMs);
  const plain = await connectPlain(endpoint, timeoutMs);
  const lines = new LineReader(plain, endpoint, timeoutMs);
  try {
    await STARTTLS[protocol](lines);
  } catch (err) {
    plain.destroy();
    throw err instanceof Unexpected ? fail(err.failure, endpoint) : toFailure(err, endpoint, 'protocol_error');
  }
  lines.detach();
  return new SecureSession(await secure(endpoint, timeoutMs, plain), endpoint, timeoutMs);
}

/** A secured socket with a line reader, for the few commands of a check. */
export class SecureSession {
  readonly lines: LineReader;
  constructor(
    readonly socket: tls.TLSSocket,
    endpoint: Endpoint,
    timeoutMs: number,
  ) {
    this.lines = new LineReader(socket, endpoint, timeoutMs);
  }
  get protocol(): string {
    return this.socket.getProtocol() ?? 'TLS';
  }
  close(): void {
    this.socket.destroy();
  }
}

/** The server answered something else than the protocol expects at this point. */
export class Unexpected extends Error {
  constructor(readonly failure: 'protocol_error' | 'tls_not_offered' | 'auth_failed') {
    super(failure);
  }
}
export const expect = (ok: boolean, failure: Unexpected['failure'] = 'protocol_error'): void => {
  if (!ok) throw new Unexpected(failure);
};

type Negotiation = (lines: LineReader) => Promise<void>;
const STARTTLS: Record<MailProtocol, Negotiation> = {
  async imap(lines) {
    expect((await lines.next()).startsWith('* OK'));
    lines.write('A1 STARTTLS');
    let line: string;
    do line = await lines.next();
    while (line.startsWith('* '));
    expect(/^A1 OK/i.test(line), 'tls_not_offered');
  },
  async pop3(lines) {
    expect((await lines.next()).startsWith('+OK'));
    lines.write('STLS');
    expect((await lines.next()).startsWith('+OK'), 'tls_not_offered');
  },
  async smtp(lines) {
    await lines.reply('220');
    lines.write('EHLO mailroom.invalid');
    const features = await lines.reply('250');
    expect(features.some((l) => /^250[- ]STARTTLS\b/i.test(l)), 'tls_not_offered');
    lines.write('STARTTLS');
    await lines.reply('220');
  },
};

/** Reads CRLF lines from a socket, each within the step timeout. */
export class LineReader {
  private buffer = '';
  private waiting: ((line: string | Error) => void) | null = null;
  private ended: Error | null = null;
  private readonly onData = (chunk: Buffer) => {
    this.buffer += chunk.toString('latin1');
    this.flush();
  };
  private readonly onEnd = (err?: Error) => {
    this.ended = err instanceof Error ? err : new Error('close');
    this.flush();
  };

  constructor(
    private readonly socket: net.Socket,
    private readonly target: Target,
    private readonly timeoutMs: number,
  ) {
    socket.on('data', this.onData);
    socket.on('error', this.onEnd);
    socket.on('close', this.onEnd);
  }

  /** Stops reading, so the socket can be handed to TLS. */
  detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('error', this.onEnd);
    this.socket.off('close', this.onEnd);
  }

  write(command: string): void {
    this.socket.write(`${command}\r\n`);
  }

  next(timeoutMs = this.timeoutMs): Promise<string> {
    const line = new Promise<string>((resolve, reject) => {
      this.waiting = (v) => (v instanceof Error ? reject(v) : resolve(v));
      this.flush();
    });
    return timeoutMs > 0 ? withTimeout(line, timeoutMs, this.target, () => (this.waiting = null)) : line;
  }

  /** An SMTP reply (`250-…` lines up to `250 …`); a different code is a protocol error. */
  async reply(code: string, timeoutMs?: number): Promise<string[]> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.next(timeoutMs);
      expect(line.startsWith(code));
      lines.push(line);
      if (line.charAt(3) !== '-') return lines;
    }
  }

  private flush(): void {
    if (!this.waiting) return;
    const end = this.buffer.indexOf('\n');
    const deliver = this.waiting;
    if (end >= 0) {
      const line = this.buffer.slice(0, end).replace(/\r$/, '');
      this.buffer = this.buffer.slice(end + 1);
      this.waiting = null;
      deliver(line);
    } else if (this.ended) {
      this.waiting = null;
      deliver(this.ended);
    }
  }
}
