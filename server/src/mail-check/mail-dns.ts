import dns from 'node:dns';
import type { DnsResolve } from './deliverability';
import type { DnsLookup } from './probe';

/** The DNS the mail checks use: the system's, or one a test (or an operator) provides. */
export interface MailDns {
  /** Host name → its addresses (for connecting: honours /etc/hosts, like a mail client). */
  lookup: DnsLookup;
  /** Record queries (TXT, MX, A...) for the deliverability checks. */
  resolve: DnsResolve;
}

export function systemMailDns(): MailDns {
  // Short tries: the checks answer an admin who waits (c-ares' defaults can retry for ~20 s).
  const resolver = new dns.promises.Resolver({ timeout: 3_000, tries: 2 });
  return {
    lookup: async (host) => (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address),
    resolve: (name, rrtype) => resolver.resolve(name, rrtype),
  };
}
