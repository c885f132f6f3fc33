import ipaddr from 'ipaddr.js';

/**
 * Which addresses a connection test may reach. A hosted server must not become a scanner of its
 * own network (SSRF): unless private hosts are allowed, only public unicast addresses pass —
 * loopback, private, link-local, unique-local, carrier-grade NAT, reserved ranges and addresses
 * that embed an IPv4 one (6to4, NAT64, mapped) are refused. The check runs on the *resolved*
 * address, and the connection then goes to that same address, so a name re-pointed between the
 * lookup and the connect (DNS rebinding) cannot slip past it.
 */
export function isAddressAllowed(address: string, allowPrivateHosts: boolean): boolean {
  if (!ipaddr.isValid(address)) return false;
  if (allowPrivateHosts) return true;
  // process() turns ::ffff:a.b.c.d into the IPv4 address it carries, so it is judged as such.
  return ipaddr.process(address).range() === 'unicast';
}

/** `[2001:db8::1]` (as an admin may type it) → `2001:db8::1`; an IP literal or null for a name. */
export function ipLiteral(host: string): string | null {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return ipaddr.isValid(bare) && (ipaddr.IPv4.isValidFourPartDecimal(bare) || bare.includes(':')) ? bare : null;
}
