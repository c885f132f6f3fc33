/** The mail checks' DNS when MAILROOM_DNS_SERVERS names servers: every question goes to them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { systemMailDns } from '../../src/mail-check/mail-dns';
import { startLocalDns, type LocalDns } from '../helpers/local-dns';

let dns: LocalDns;
beforeAll(async () => {
  dns = await startLocalDns({ 'mail.acme.test': { A: ['127.0.0.1'], AAAA: ['::1'], MX: [{ exchange: 'mx.acme.test', priority: 5 }] } });
});
afterAll(() => dns?.stop());

describe('MAILROOM_DNS_SERVERS', () => {
  it('is read as a list', () => {
    expect(loadConfig({}).dnsServers).toEqual([]);
    expect(loadConfig({ MAILROOM_DNS_SERVERS: '127.0.0.1:5353, 9.9.9.9' }).dnsServers).toEqual(['127.0.0.1:5353', '9.9.9.9']);
  });

  it('sends host lookups and record queries to those servers', async () => {
    const mailDns = systemMailDns([dns.server]);
    const before = dns.questions();
    expect((await mailDns.lookup('mail.acme.test')).sort()).toEqual(['127.0.0.1', '::1']);
    expect(await mailDns.resolve('mail.acme.test', 'MX')).toEqual([{ exchange: 'mx.acme.test', priority: 5 }]);
    await expect(mailDns.lookup('nowhere.acme.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(dns.questions()).toBeGreaterThan(before);
    // An address is its own answer: nobody is asked.
    const asked = dns.questions();
    expect(await mailDns.lookup('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(dns.questions()).toBe(asked);
  });
});
