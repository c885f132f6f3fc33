import dns from 'node:dns';
import net from 'node:net';
import type { DnsResolve } from './deliverability';
import type { DnsLookup } from './probe';

/** The DNS the mail checks use: the system's, or one a test (or an operator) provides. */
export interface MailDns {
  /** Host name → its addresses (for connecting: honours /etc/hosts, like a mail client). */
  lookup: DnsLookup;
  /** Record queries (TXT, MX, A...) for the deliverability checks. */
  resolve: DnsResolve;
}

/** The system's DNS, or the given servers (then for host lookups too, the hosts file aside). */
export function systemMailDns(servers: string[] = []): MailDns {
  // Short tries: the checks answer an admin who waits (c-ares' defaults can retry for ~20 s).
  const resolver = new dns.promises.Resolver({ timeout: 3_000, tries: 2 });
  const resolve: DnsResolve = (name, rrtype) => resolver.resolve(name, rrtype);
  if (servers.length === 0) {
    return { lookup: async (host) => (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address), resolve };
  }
  resolver.setServers(servers);
  return {
    async lookup(host) {
      if (net.isIP(host)) return [host];
      const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
      const found = [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
      if (found.length === 0 && v4.status === 'rejected') throw v4.reason;
      return found;
    },
    resolve,
  };
}
