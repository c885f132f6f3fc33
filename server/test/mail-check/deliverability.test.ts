/**
 * GET /api/email-accounts/:id/deliverability against a local DNS server: a domain with
 * everything in place, one with nothing, and the usual mistakes (SPF "+all", DMARC p=none, a
 * broken DKIM key, a null MX), each with what is wrong and how to fix it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deliverability } from '../../../contract/mail-check';
import { createAccountAs, createTestApp, type TestApp } from '../helpers';
import { startLocalDns, type LocalDns } from '../helpers/local-dns';

/** A DKIM TXT record for a fresh RSA key, in the 255-byte strings DNS carries. */
function dkimRecord(bits: number): string[] {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const text = `v=DKIM1; k=rsa; p=${p}`;
  return text.match(/.{1,255}/g)!;
}

let dns: LocalDns;
let t: TestApp;
let admin: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  dns = await startLocalDns({
    'good.test': { TXT: [['v=spf1 ip4:203.0.113.0/24 ', '-all'], 'google-site-verification=abc'], MX: [{ exchange: 'mx2.good.test', priority: 20 }, { exchange: 'mx1.good.test', priority: 10 }] },
    '_dmarc.good.test': { TXT: ['v=DMARC1; p=quarantine; rua=mailto:d@good.test'] },
    'google._domainkey.good.test': { TXT: [dkimRecord(2048)] },
    'bare.test': { A: ['203.0.113.7'] },
    'lax.test': { TXT: ['v=spf1 +all'], MX: [{ exchange: '', priority: 0 }] },
    '_dmarc.lax.test': { TXT: ['v=DMARC1; p=none'] },
    'selector1._domainkey.lax.test': { TXT: [dkimRecord(512)] },
    'custom.test': { TXT: ['v=spf1 include:spf.custom.test ~all'], MX: [{ exchange: 'mx.custom.test', priority: 10 }] },
    'spf.custom.test': { TXT: ['v=spf1 ip4:198.51.100.0/24 -all'] },
    '_dmarc.custom.test': { TXT: ['v=DMARC1; p=reject'] },
    's2024._domainkey.custom.test': { TXT: [dkimRecord(1024)] },
  });
  t = await createTestApp({ dnsResolve: dns.resolve, quota: 10 });
  admin = await t.login(t.seed.admin.email);
  for (const domain of ['good.test', 'bare.test', 'lax.test', 'custom.test']) {
    ids[domain] = (await createAccountAs(t, admin, { address: `sales@${domain}` })).id;
  }
});
afterAll(async () => {
  await t?.close();
  await dns?.stop();
});

async function deliverability(domain: string, query = ''): Promise<Deliverability> {
  const res = await t.request(admin, { method: 'GET', url: `/api/email-accounts/${ids[domain]}/deliverability${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('deliverability', () => {
  it('a domain with SPF, DMARC, MX and DKIM (common selector) passes every check', async () => {
    const d = await deliverability('good.test');
    expect(d.domain).toBe('good.test');
    expect(d.spf).toEqual({ ok: true, found: true, records: ['v=spf1 ip4:203.0.113.0/24 -all'] });
    expect(d.dmarc).toEqual({ ok: true, found: true, records: ['v=DMARC1; p=quarantine; rua=mailto:d@good.test'] });
    expect(d.mx).toEqual({ ok: true, found: true, records: ['10 mx1.good.test', '20 mx2.good.test'] });
    expect(d.dkim).toMatchObject({ ok: true, found: true, selectors: ['google'] });
    expect(d.dkim.records[0]).toMatch(/^google: v=DKIM1;k=rsa;p=MII/);
    expect(dns.questions()).toBeGreaterThan(0);
  });

  it('a domain with nothing: each check says what is missing and how to fix it', async () => {
    const d = await deliverability('bare.test');
    for (const check of [d.spf, d.dmarc, d.mx, d.dkim]) {
      expect(check).toMatchObject({ ok: false, found: false, code: 'missing', problem: expect.any(String), fix: expect.any(String) });
    }
    expect(d.spf.problem).toContain('bare.test has no SPF record');
    expect(d.spf.fix).toContain('v=spf1');
    expect(d.dmarc.fix).toContain('_dmarc.bare.test');
    expect(d.mx.problem).toContain('no MX record');
    expect(d.dkim.selectors).toEqual(['google', 'selector1', 'selector2', 'default', 'k1', 'mail', 'dkim']);
    expect(d.dkim.fix).toContain('._domainkey.bare.test');
  });

  it('the usual mistakes: SPF +all, DMARC p=none, a DKIM key too short, a null MX', async () => {
    const d = await deliverability('lax.test');
    expect(d.spf).toMatchObject({ ok: false, found: true, code: 'allows_all', records: ['v=spf1 +all'] });
    expect(d.dmarc).toMatchObject({ ok: true, found: true, code: 'monitor_only', fix: expect.stringContaining('p=quarantine') });
    expect(d.mx).toMatchObject({ ok: false, found: true, code: 'null_mx' });
    expect(d.dkim).toMatchObject({ ok: false, found: true, code: 'invalid', selectors: ['selector1'] });
    expect(d.dkim.problem).toContain('RSA key too short');
  });

  it('a DKIM selector of its own is checked when given, and only then', async () => {
    const common = await deliverability('custom.test');
    expect(common.dkim).toMatchObject({ ok: false, found: false, code: 'missing' });
    expect(common.spf).toMatchObject({ ok: true, found: true });
    expect(common.dmarc).toMatchObject({ ok: true, found: true });
    const own = await deliverability('custom.test', '?selector=s2024');
    expect(own.dkim).toMatchObject({ ok: true, found: true, selectors: ['s2024'] });
  });

  it('is for administrators of the account’s organisation, and checks its input', async () => {
    const member = await t.login(t.seed.member.email);
    const other = await t.login(t.seed.otherAdmin.email);
    const url = `/api/email-accounts/${ids['good.test']}/deliverability`;
    expect((await t.request(member, { method: 'GET', url })).statusCode).toBe(403);
    const foreign = await t.request(other, { method: 'GET', url });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('not_found');
    for (const query of ['?selector=', '?selector=a%20b', '?other=1']) {
      const res = await t.request(admin, { method: 'GET', url: `${url}${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toEqual({ error: { code: 'validation_failed', message: expect.any(String), fields: expect.any(Object) } });
    }
  });
});
