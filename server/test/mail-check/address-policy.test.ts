/** Which addresses a connection test may reach, and the switch that opens private ones. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { ipLiteral, isAddressAllowed } from '../../src/mail-check/address-policy';

describe('address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'IPv6 loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['fe80::1', 'IPv6 link-local'],
    ['fd12:3456::1', 'unique-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['64:ff9b::a00:1', 'NAT64 of a private address'],
    ['2002:a00:1::1', '6to4 of a private address'],
    ['192.0.2.1', 'documentation range'],
    ['224.0.0.1', 'multicast'],
  ])('refuses %s (%s) unless private hosts are allowed', (address) => {
    expect(isAddressAllowed(address, false)).toBe(false);
    expect(isAddressAllowed(address, true)).toBe(true);
  });

  it.each(['8.8.8.8', '142.250.74.37', '2a00:1450:4007:80c::2005', '::ffff:8.8.8.8'])('lets the public address %s through', (address) => {
    expect(isAddressAllowed(address, false)).toBe(true);
  });

  it('refuses what is no address at all', () => {
    expect(isAddressAllowed('mail.example.com', true)).toBe(false);
  });

  it('reads IP literals as typed, brackets and all; a name is none', () => {
    expect(ipLiteral('127.0.0.1')).toBe('127.0.0.1');
    expect(ipLiteral('[::1]')).toBe('::1');
    expect(ipLiteral('mail.example.com')).toBeNull();
    // Short and hexadecimal IPv4 forms are left to the resolver, whose answer the policy checks.
    expect(ipLiteral('0x7f.1')).toBeNull();
  });

  it('is off by default and on with MAILROOM_ALLOW_PRIVATE_HOSTS=1', () => {
    expect(loadConfig({}).allowPrivateHosts).toBe(false);
    expect(loadConfig({ MAILROOM_ALLOW_PRIVATE_HOSTS: '1' }).allowPrivateHosts).toBe(true);
    expect(loadConfig({ MAILROOM_ALLOW_PRIVATE_HOSTS: '0' }).allowPrivateHosts).toBe(false);
    expect(loadConfig({}).connectionStepTimeoutMs).toBeLessThanOrEqual(10_000);
  });
});
