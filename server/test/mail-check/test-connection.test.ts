/**
 * POST /api/email-accounts/test-connection against real servers on loopback: Dovecot (IMAP,
 * POP3), smtp-server (SMTP with and without a login, TLS with a self-signed certificate), a closed
 * port, a silent one, names from a local DNS server. Every step is asserted as reported.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionCheck, TestConnectionRequest } from '../../../contract/mail-check';
import { createAccountAs, createTestApp, IN_SECRET, type TestApp } from '../helpers';
import { freePort, startDovecot, type Dovecot } from '../helpers/dovecot';
import { startLocalDns, type LocalDns } from '../helpers/local-dns';
import { startSmtp, TEST_CA, TEST_CERT_FILES, type LocalSmtp } from '../helpers/smtp';

const USER = 'sales@acme.test';
const PASSWORD = 'dovecot-Pa55';
const SMTP_PASSWORD = 'smtp-Pa55';

let dv: Dovecot;
let smtp: LocalSmtp;
let smtpNoAuth: LocalSmtp;
let smtpTls: LocalSmtp;
let smtpStartTls: LocalSmtp;
let smtpExpired: LocalSmtp;
let dns: LocalDns;
let t: TestApp;
let admin: string;
let silent: net.Server;
let silentPort: number;
const logs: string[] = [];

beforeAll(async () => {
  smtpExpired = await startSmtp({ user: USER, password: SMTP_PASSWORD, secure: true, certificate: 'built-in' });
  [dv, smtp, smtpNoAuth, smtpTls, smtpStartTls, dns] = await Promise.all([
    startDovecot([{ user: USER, password: PASSWORD }]),
    startSmtp({ user: USER, password: SMTP_PASSWORD }),
    startSmtp({ noAuth: true }),
    startSmtp({ user: USER, password: SMTP_PASSWORD, secure: true, certificate: 'self-signed' }),
    startSmtp({ user: USER, password: SMTP_PASSWORD, starttls: true, certificate: 'self-signed' }),
    startLocalDns({
      'mail.acme.test': { A: ['127.0.0.1'] },
      'other.acme.test': { A: ['127.0.0.1'] },
      'intranet.acme.test': { A: ['10.0.0.5'] },
    }),
  ]);
  // Accepts connections and never says a word: the login step must give up in time.
  silent = net.createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as net.AddressInfo).port;
  t = await createTestApp({
    dnsLookup: dns.lookup,
    config: { connectionStepTimeoutMs: 1_500 },
    onLog: (line) => logs.push(line),
  });
  admin = await t.login(t.seed.admin.email);
});
afterAll(async () => {
  await t?.close();
  silent?.close();
  await Promise.all([dv?.stop(), smtp?.stop(), smtpNoAuth?.stop(), smtpTls?.stop(), smtpStartTls?.stop(), smtpExpired?.stop(), dns?.stop()]);
});

const imap = (over: Partial<TestConnectionRequest['incoming']> = {}): TestConnectionRequest['incoming'] => ({
  protocol: 'imap',
  host: 'mail.acme.test',
  port: dv.imapPort,
  security: 'none',
  username: USER,
  password: PASSWORD,
  ...over,
});
const smtpServer = (over: Partial<NonNullable<TestConnectionRequest['outgoing']>> = {}) => ({
  host: 'mail.acme.test',
  port: smtp.port,
  security: 'none' as const,
  username: USER,
  password: SMTP_PASSWORD,
  ...over,
});

async function check(body: TestConnectionRequest, token = admin) {
  return t.request(token, { method: 'POST', url: '/api/email-accounts/test-connection', payload: body });
}
async function incoming(over: Partial<TestConnectionRequest['incoming']>): Promise<ConnectionCheck> {
  const res = await check({ incoming: imap(over), outgoing: null });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().incoming;
}
async function outgoing(over: Partial<NonNullable<TestConnectionRequest['outgoing']>>): Promise<ConnectionCheck> {
  const res = await check({ incoming: imap(), outgoing: smtpServer(over) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().outgoing;
}
/** `[step, ok, code?]` of each step, for compact assertions. */
const outline = (c: ConnectionCheck) => c.steps.map((s) => (s.ok ? [s.step, true] : [s.step, false, s.code]));

describe('test connection: every step passes', () => {
  it('IMAP and SMTP with a login: dns, tcp, login, inbox (with its message count)', async () => {
    const res = await check({ incoming: imap(), outgoing: smtpServer() });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.incoming.ok).toBe(true);
    expect(outline(body.incoming)).toEqual([['dns', true], ['tcp', true], ['login', true], ['inbox', true]]);
    expect(body.incoming.steps[0]).toMatchObject({ detail: '127.0.0.1', message: 'mail.acme.test is 127.0.0.1.' });
    expect(body.incoming.steps[3]).toMatchObject({ detail: '0', message: 'The inbox holds 0 messages.' });
    expect(body.outgoing.ok).toBe(true);
    expect(outline(body.outgoing)).toEqual([['dns', true], ['tcp', true], ['login', true]]);
    expect(smtp.logins.at(-1)).toEqual({ username: USER, accepted: true });
  });

  it('POP3: dns, tcp, login, inbox', async () => {
    const c = await incoming({ protocol: 'pop3', port: dv.pop3Port });
    expect(outline(c)).toEqual([['dns', true], ['tcp', true], ['login', true], ['inbox', true]]);
    expect(c.steps[3]!.detail).toBe('0');
  });

  it('an IP address needs no lookup, and a server with no AUTH needs no login', async () => {
    const c = await outgoing({ host: '127.0.0.1', port: smtpNoAuth.port });
    expect(c.ok).toBe(true);
    expect(c.steps[0]).toMatchObject({ step: 'dns', ok: true, detail: '127.0.0.1' });
    expect(smtpNoAuth.logins).toEqual([]);
  });

  it('no outgoing server: outgoing is null', async () => {
    const res = await check({ incoming: imap(), outgoing: null });
    expect(res.json().outgoing).toBeNull();
  });
});

describe('test connection: the first failing step says why, and nothing runs after it', () => {
  it('IMAP with a wrong password: login refused, no inbox step', async () => {
    const c = await incoming({ password: 'wrong-Pa55' });
    expect(c.ok).toBe(false);
    expect(outline(c)).toEqual([['dns', true], ['tcp', true], ['login', false, 'auth_failed']]);
    expect(c.steps[2]!.message).toBe('mail.acme.test refused the login name or password.');
  });

  it('POP3 with a wrong password: login refused', async () => {
    const c = await incoming({ protocol: 'pop3', port: dv.pop3Port, password: 'wrong-Pa55' });
    expect(outline(c)).toEqual([['dns', true], ['tcp', true], ['login', false, 'auth_failed']]);
  });

  it('SMTP with a wrong password: login refused', async () => {
    const c = await outgoing({ password: 'wrong-Pa55' });
    expect(outline(c)).toEqual([['dns', true], ['tcp', true], ['login', false, 'auth_failed']]);
    expect(smtp.logins.at(-1)).toEqual({ username: USER, accepted: false });
  });

  it('a closed port: connection refused', async () => {
    const port = await freePort();
    const c = await incoming({ port });
    expect(outline(c)).toEqual([['dns', true], ['tcp', false, 'refused']]);
    expect(c.steps[1]!.message).toBe(`mail.acme.test refused the connection on port ${port}: check the port, or whether the server runs.`);
  });

  it('a name the DNS does not know: host not found', async () => {
    const c = await incoming({ host: 'nowhere.acme.test' });
    expect(outline(c)).toEqual([['dns', false, 'host_not_found']]);
  });

  it('TLS to a plain-text port: the port does not speak TLS', async () => {
    const c = await incoming({ security: 'tls' });
    expect(outline(c)).toEqual([['dns', true], ['tcp', true], ['tls', false, 'tls_not_spoken']]);
  });

  it.each(['imap', 'pop3'] as const)('STARTTLS on a %s server that offers none: not offered', async (protocol) => {
    const c = await incoming({ protocol, port: protocol === 'imap' ? dv.imapPort : dv.pop3Port, security: 'starttls' });
    expect(outline(c)).toEqual([['dns', true], ['tcp', true], ['tls', false, 'tls_not_offered']]);
  });

  it('a self-signed certificate, by implicit TLS and by STARTTLS: refused as self-signed', async () => {
    const tlsCheck = await outgoing({ port: smtpTls.port, security: 'tls' });
    expect(outline(tlsCheck)).toEqual([['dns', true], ['tcp', true], ['tls', false, 'cert_self_signed']]);
    const startTls = await outgoing({ port: smtpStartTls.port, security: 'starttls' });
    expect(outline(startTls)).toEqual([['dns', true], ['tcp', true], ['tls', false, 'cert_self_signed']]);
    expect(smtpTls.logins.concat(smtpStartTls.logins)).toEqual([]);
    expect(startTls.steps[2]!.message).toBe('The certificate of mail.acme.test is self-signed: mail clients will not trust it.');
  });

  it("an expired certificate (smtp-server's built-in one): refused as expired", async () => {
    const c = await outgoing({ port: smtpExpired.port, security: 'tls' });
    expect(outline(c)).toEqual([['dns', true], ['tcp', true], ['tls', false, 'cert_expired']]);
  });

  it('a server that never answers: the login step times out within the step limit', async () => {
    const started = Date.now();
    const c = await incoming({ port: silentPort });
    expect(outline(c)).toEqual([['dns', true], ['tcp', true], ['login', false, 'timeout']]);
    // Bounded by the configured step timeout (1.5 s here), not by imapflow's own minutes.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('test connection: private addresses', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await createTestApp({ dnsLookup: dns.lookup, config: { allowPrivateHosts: false } });
  });
  afterAll(() => strict?.close());

  it.each([
    ['a loopback IP', '127.0.0.1'],
    ['a name resolving to loopback', 'mail.acme.test'],
    ['a name resolving to a private network', 'intranet.acme.test'],
    ['an IPv6 loopback', '[::1]'],
  ])('%s is refused at the dns step, before any connection', async (_what, host) => {
    const token = await strict.login(strict.seed.admin.email);
    const res = await strict.request(token, {
      method: 'POST',
      url: '/api/email-accounts/test-connection',
      payload: { incoming: imap({ host }), outgoing: smtpServer({ host }) },
    });
    expect(res.statusCode).toBe(200);
    for (const side of [res.json().incoming, res.json().outgoing]) {
      expect(outline(side)).toEqual([['dns', false, 'private_address']]);
    }
  });
});

describe('test connection: stored passwords', () => {
  let accountId: string;
  beforeAll(async () => {
    const account = await createAccountAs(t, admin, {
      address: 'stored@acme.test',
      incoming: { ...imap(), password: PASSWORD },
      outgoing: smtpServer(),
    });
    accountId = account.id;
  });
  const withoutPasswords = (over: Partial<TestConnectionRequest['incoming']> = {}) => {
    const { password: _in, ...incomingServer } = imap(over);
    const { password: _out, ...outgoingServer } = smtpServer();
    return { incoming: incomingServer, outgoing: outgoingServer };
  };

  it('an existing account is tested with its stored passwords when none is typed', async () => {
    const res = await check({ accountId, ...withoutPasswords() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().incoming.ok).toBe(true);
    expect(res.json().outgoing.ok).toBe(true);
  });

  it('a changed host or login needs the password again (the stored one never goes elsewhere)', async () => {
    for (const over of [{ host: '127.0.0.1' }, { username: 'other@acme.test' }, { protocol: 'pop3' as const, port: dv.pop3Port }]) {
      const res = await check({ accountId, ...withoutPasswords(over) });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', fields: { 'incoming.password': expect.any(String) } });
    }
  });

  it('no password and no account: 422 on the password', async () => {
    const res = await check(withoutPasswords());
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toHaveProperty('incoming.password');
  });

  it("another organisation's account is not found", async () => {
    const other = await t.login(t.seed.otherAdmin.email);
    const res = await check({ accountId, ...withoutPasswords() }, other);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});

describe('test connection: who and what', () => {
  it('is for administrators only', async () => {
    const member = await t.login(t.seed.member.email);
    const res = await check({ incoming: imap(), outgoing: null }, member);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it.each([
    ['a port out of range', { incoming: { ...imapShape(), port: 0 } }],
    ['an unknown field', { incoming: imapShape(), extra: 1 }],
    ['no incoming server', { outgoing: null }],
    ['a host with spaces', { incoming: { ...imapShape(), host: 'mail acme' } }],
  ])('bad input (%s) is a 400 in the error shape', async (_what, payload) => {
    const res = await t.request(admin, { method: 'POST', url: '/api/email-accounts/test-connection', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'validation_failed', message: expect.any(String), fields: expect.any(Object) } });
  });

  it('never logs or answers a password', async () => {
    logs.length = 0;
    const res = await check({ incoming: imap({ password: IN_SECRET }), outgoing: smtpServer({ password: IN_SECRET }) });
    expect(res.body).not.toContain(IN_SECRET);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(IN_SECRET);
  });
});

function imapShape() {
  return { protocol: 'imap', host: 'mail.acme.test', port: 143, security: 'none', username: USER, password: PASSWORD };
}

describe('test connection: certificates of a trusted authority', () => {
  let dvTls: Dovecot;
  let smtpsCa: LocalSmtp;
  let smtpStartTlsCa: LocalSmtp;
  let trusted: TestApp;
  let token: string;
  beforeAll(async () => {
    [dvTls, smtpsCa, smtpStartTlsCa] = await Promise.all([
      startDovecot([{ user: USER, password: PASSWORD }], { tls: TEST_CERT_FILES }),
      startSmtp({ user: USER, password: SMTP_PASSWORD, secure: true, certificate: 'test-ca' }),
      startSmtp({ user: USER, password: SMTP_PASSWORD, starttls: true, certificate: 'test-ca' }),
    ]);
    trusted = await createTestApp({ dnsLookup: dns.lookup, mailTrustedCas: [TEST_CA], config: { connectionStepTimeoutMs: 3_000 } });
    token = await trusted.login(trusted.seed.admin.email);
  });
  afterAll(async () => {
    await trusted?.close();
    await Promise.all([dvTls?.stop(), smtpsCa?.stop(), smtpStartTlsCa?.stop()]);
  });
  const checkTrusted = async (body: TestConnectionRequest) => {
    const res = await trusted.request(token, { method: 'POST', url: '/api/email-accounts/test-connection', payload: body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { incoming: ConnectionCheck; outgoing: ConnectionCheck | null };
  };

  it.each([
    ['IMAP', 'imap', () => dvTls.imapPort],
    ['POP3 (STLS, then the login on the same connection)', 'pop3', () => dvTls.pop3Port],
  ] as const)('%s with STARTTLS: every step passes, tls included', async (_what, protocol, port) => {
    const { incoming: c } = await checkTrusted({ incoming: imap({ protocol, port: port(), security: 'starttls' }), outgoing: null });
    expect(outline(c)).toEqual([['dns', true], ['tcp', true], ['tls', true], ['login', true], ['inbox', true]]);
    expect(c.steps[2]!.message).toMatch(/^Secure connection \(TLSv1\.[23]\), certificate valid for mail\.acme\.test\.$/);
  });

  it.each([
    ['IMAP', 'imap', () => dvTls.imapsPort],
    ['POP3', 'pop3', () => dvTls.pop3sPort],
  ] as const)('%s by implicit TLS: every step passes', async (_what, protocol, port) => {
    const { incoming: c } = await checkTrusted({ incoming: imap({ protocol, port: port(), security: 'tls' }), outgoing: null });
    expect(outline(c)).toEqual([['dns', true], ['tcp', true], ['tls', true], ['login', true], ['inbox', true]]);
  });

  it('POP3 over STLS with a wrong password: login refused', async () => {
    const { incoming: c } = await checkTrusted({ incoming: imap({ protocol: 'pop3', port: dvTls.pop3Port, security: 'starttls', password: 'wrong-Pa55' }), outgoing: null });
    expect(outline(c)).toEqual([['dns', true], ['tcp', true], ['tls', true], ['login', false, 'auth_failed']]);
  });

  it('SMTP by implicit TLS and by STARTTLS, and an IP address the certificate names', async () => {
    for (const [port, security, host] of [
      [smtpsCa.port, 'tls', 'mail.acme.test'],
      [smtpStartTlsCa.port, 'starttls', 'mail.acme.test'],
      [smtpsCa.port, 'tls', '127.0.0.1'],
    ] as const) {
      const { outgoing } = await checkTrusted({ incoming: imap(), outgoing: smtpServer({ port, security, host }) });
      expect(outline(outgoing!), `${security} ${host}`).toEqual([['dns', true], ['tcp', true], ['tls', true], ['login', true]]);
    }
    expect(smtpsCa.logins.at(-1)).toEqual({ username: USER, accepted: true });
  });

  it('a certificate for another name: wrong host; an authority nobody trusts: untrusted', async () => {
    const { outgoing: other } = await checkTrusted({ incoming: imap(), outgoing: smtpServer({ port: smtpsCa.port, security: 'tls', host: 'other.acme.test' }) });
    expect(outline(other!)).toEqual([['dns', true], ['tcp', true], ['tls', false, 'cert_wrong_host']]);
    // The first app was not told about the tests' authority.
    const { outgoing: untrusted } = (await check({ incoming: imap(), outgoing: smtpServer({ port: smtpsCa.port, security: 'tls' }) })).json();
    expect(outline(untrusted)).toEqual([['dns', true], ['tcp', true], ['tls', false, 'cert_untrusted']]);
  });
});
