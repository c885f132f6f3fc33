/**
 * The DNS of every test app unless a test brings its own (helpers/local-dns.ts): only loopback
 * exists, so no test — the route fuzzer included — can send a packet off this machine, whatever
 * host name or IP address it puts in a connection test or an account's domain.
 */
import ipaddr from 'ipaddr.js';
import type { DnsResolve } from '../../src/mail-check/deliverability';
import type { DnsLookup } from '../../src/mail-check/probe';

const notFound = (name: string) => Object.assign(new Error(`queryA ENOTFOUND ${name}`), { code: 'ENOTFOUND', hostname: name });

export const loopbackLookup: DnsLookup = async (host) => {
  if (host.toLowerCase() === 'localhost') return ['127.0.0.1'];
  if (ipaddr.isValid(host) && ipaddr.process(host).range() === 'loopback') return [host];
  throw notFound(host);
};

export const noDnsResolve: DnsResolve = async (name) => {
  throw notFound(name);
};
