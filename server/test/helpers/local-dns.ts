/**
 * A DNS server on a loopback UDP port (dns2) serving a zone the test writes, and Node's own
 * resolver pointed at it: the mail checks go through real DNS packets and errors (NXDOMAIN →
 * ENOTFOUND, no record of the type → ENODATA) without asking any outside server.
 */
import { promises as dnsPromises } from 'node:dns';
import net from 'node:net';
import dns2 from 'dns2';
import type { DnsResolve } from '../../src/mail-check/deliverability';
import type { DnsLookup } from '../../src/mail-check/probe';

export interface ZoneEntry {
  A?: string[];
  AAAA?: string[];
  /** One record per item; an array is one record made of several strings (over 255 bytes). */
  TXT?: (string | string[])[];
  MX?: { exchange: string; priority: number }[];
}
export type Zone = Record<string, ZoneEntry>;

export interface LocalDns {
  zone: Zone;
  /** `127.0.0.1:<port>`, for a resolver's server list. */
  server: string;
  resolve: DnsResolve;
  lookup: DnsLookup;
  /** How many questions the server was asked (to prove a check asked it at all). */
  questions(): number;
  stop(): Promise<void>;
}

const NXDOMAIN = 3;

export async function startLocalDns(zone: Zone): Promise<LocalDns> {
  const { Packet } = dns2;
  let asked = 0;
  const server = dns2.createServer({
    udp: true,
    handle(request, send) {
      asked += 1;
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0]!;
      const entry = zone[question.name.toLowerCase()];
      if (!entry) response.header.rcode = NXDOMAIN;
      else {
        const base = { name: question.name, class: Packet.CLASS.IN, ttl: 60 };
        const T = Packet.TYPE;
        if (question.type === T.A) for (const address of entry.A ?? []) response.answers.push({ ...base, type: T.A, address });
        if (question.type === T.AAAA) for (const address of entry.AAAA ?? []) response.answers.push({ ...base, type: T.AAAA, address });
        if (question.type === T.TXT) for (const data of entry.TXT ?? []) response.answers.push({ ...base, type: T.TXT, data });
        if (question.type === T.MX) for (const mx of entry.MX ?? []) response.answers.push({ ...base, type: T.MX, ...mx });
      }
      send(response);
    },
  });
  const { udp } = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const resolver = new dnsPromises.Resolver({ timeout: 1_000, tries: 1 });
  resolver.setServers([`127.0.0.1:${udp.port}`]);
  const resolve: DnsResolve = (name, rrtype) => resolver.resolve(name, rrtype);
  // Like the system's lookup, an IP address is its own answer (no question sent).
  const lookup: DnsLookup = async (host) => {
    if (net.isIP(host)) return [host];
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
    const found = [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
    if (found.length === 0 && v4.status === 'rejected') throw v4.reason;
    return found;
  };
  return { zone, server: `127.0.0.1:${udp.port}`, resolve, lookup, questions: () => asked, stop: () => server.close() };
}
