/**
 * "Check your mail settings": SPF, DMARC, MX and DKIM of an address's domain, each with what is
 * missing and how to fix it. The records are read and judged by mailauth (the library of
 * imapflow's author, used by mail servers); the resolver is injected so tests use a local DNS.
 */
import type { DnsCheck, DnsProblem, Deliverability } from '../../../contract/mail-check';
import getDmarcRecord from 'mailauth/lib/dmarc/get-dmarc-record.js';
import { spf } from 'mailauth/lib/spf/index.js';
import { getPublicKey } from 'mailauth/lib/tools.js';

/** `dns.promises.resolve` shape: TXT answers as string[][], MX as { exchange, priority }[]. */
export type DnsResolve = (name: string, rrtype: string) => Promise<unknown>;

/** Selectors of the usual providers (Google, Microsoft 365, cPanel/Plesk hosts, Mailchimp...). */
export const COMMON_DKIM_SELECTORS = ['google', 'selector1', 'selector2', 'default', 'k1', 'mail', 'dkim'];

/**
 * SPF is evaluated for an address of TEST-NET-1 (RFC 5737), which never sends real mail: a
 * record that lets it pass lets anyone send as the domain.
 */
const NOBODY_IP = '192.0.2.1';

const NOT_FOUND = new Set(['ENOTFOUND', 'ENODATA', 'ENONAME']);
const isNotFound = (err: unknown) => NOT_FOUND.has(String((err as { code?: unknown })?.code));

const good = (records: string[]): DnsCheck => ({ ok: true, found: true, records });
const bad = (code: DnsProblem, found: boolean, problem: string, fix: string, records: string[] = []): DnsCheck => ({
  ok: false,
  found,
  code,
  problem,
  fix,
  records,
});
const lookupFailed = (what: string, err: unknown): DnsCheck =>
  bad('lookup_failed', false, `The ${what} records could not be read (${String((err as Error)?.message ?? err)}).`, 'Try again in a few minutes.');

export async function checkSpf(domain: string, resolve: DnsResolve): Promise<DnsCheck> {
  const result = await spf({ sender: `postmaster@${domain}`, ip: NOBODY_IP, helo: domain, mta: 'mailroom.invalid', resolver: resolve });
  const records = result.rr ? [result.rr] : [];
  const fix = `Publish one TXT record on ${domain} listing the servers that send your mail, e.g. "v=spf1 include:<your provider's SPF domain> ~all".`;
  switch (result.status.result) {
    case 'none':
      return bad('missing', false, `${domain} has no SPF record: receivers cannot tell which servers may send its mail.`, fix);
    case 'permerror':
      return bad('invalid', records.length > 0, `The SPF record of ${domain} is not valid (${result.status.comment?.replace(/^[^:]*: /, '') ?? 'error'}).`, `Keep a single "v=spf1 ..." TXT record with at most 10 DNS lookups. ${fix}`, records);
    case 'temperror':
      return lookupFailed('SPF', new Error(result.status.comment ?? 'DNS error'));
    case 'pass':
      return bad('allows_all', true, `The SPF record of ${domain} lets any server send its mail ("+all" or too wide a range).`, 'End the record with "~all" or "-all" and list only your providers.', records);
    default:
      return good(records);
  }
}

export async function checkDmarc(domain: string, resolve: DnsResolve): Promise<DnsCheck> {
  let record: Awaited<ReturnType<typeof getDmarcRecord>>;
  try {
    record = await getDmarcRecord(domain, resolve);
  } catch (err) {
    return lookupFailed('DMARC', err);
  }
  const fix = `Publish a TXT record on _dmarc.${domain}: "v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}", then move to p=quarantine once reports show your mail passes.`;
  if (!record) return bad('missing', false, `${domain} has no DMARC record (or more than one): Gmail and Yahoo require one from bulk senders.`, fix);
  const policy = String(record.p ?? '').toLowerCase();
  if (!['none', 'quarantine', 'reject'].includes(policy)) {
    return bad('invalid', true, `The DMARC record has no valid policy (p=none, quarantine or reject).`, fix, [record.rr]);
  }
  if (policy === 'none') {
    return {
      ...good([record.rr]),
      code: 'monitor_only',
      problem: 'DMARC only collects reports (p=none): forged mail is still delivered.',
      fix: 'Once the reports show your own mail passes, change to p=quarantine.',
    };
  }
  return good([record.rr]);
}

export async function checkMx(domain: string, resolve: DnsResolve): Promise<DnsCheck> {
  let answers: { exchange: string; priority: number }[];
  try {
    answers = (await resolve(domain, 'MX')) as { exchange: string; priority: number }[];
  } catch (err) {
    if (isNotFound(err)) answers = [];
    else return lookupFailed('MX', err);
  }
  const records = [...answers].sort((a, b) => a.priority - b.priority).map((a) => `${a.priority} ${a.exchange || '.'}`);
  if (answers.length === 0) {
    return bad('missing', false, `${domain} has no MX record: replies to this address may never arrive.`, `Add the MX records your mail provider gives for ${domain}.`);
  }
  // RFC 7505: a single "0 ." MX says the domain accepts no mail at all.
  if (answers.every((a) => a.exchange === '' || a.exchange === '.')) {
    return bad('null_mx', true, `${domain} says it accepts no mail (null MX).`, `Replace the "0 ." MX record with your mail provider's MX records.`, records);
  }
  return good(records);
}

export async function checkDkim(domain: string, resolve: DnsResolve, selectors: string[]): Promise<Deliverability['dkim']> {
  const tried = await Promise.all(
    selectors.map(async (selector) => {
      try {
        const key = await getPublicKey('DKIM', `${selector}._domainkey.${domain}`, 1024, resolve);
        return { selector, state: 'valid' as const, rr: key.rr };
      } catch (err) {
        const code = String((err as { code?: unknown }).code);
        if (isNotFound(err)) return { selector, state: 'absent' as const };
        if (code.startsWith('EINVALID') || code === 'ESHORTKEY') {
          return { selector, state: 'invalid' as const, rr: String((err as { rr?: unknown }).rr ?? ''), why: (err as Error).message };
        }
        return { selector, state: 'error' as const, err };
      }
    }),
  );
  const valid = tried.filter((t) => t.state === 'valid');
  if (valid.length > 0) return { ...good(valid.map((t) => `${t.selector}: ${t.rr}`)), selectors: valid.map((t) => t.selector) };
  const invalid = tried.filter((t) => t.state === 'invalid');
  if (invalid.length > 0) {
    return {
      ...bad(
        'invalid',
        true,
        `The DKIM key at ${invalid.map((t) => `${t.selector}._domainkey.${domain}`).join(', ')} cannot be used (${invalid[0]!.why}).`,
        'Publish the key exactly as your mail provider shows it (an RSA key of at least 1024 bits, 2048 advised).',
        invalid.map((t) => `${t.selector}: ${t.rr}`),
      ),
      selectors: invalid.map((t) => t.selector),
    };
  }
  const failedLookup = tried.find((t) => t.state === 'error');
  if (failedLookup && failedLookup.state === 'error') return { ...lookupFailed('DKIM', failedLookup.err), selectors };
  return {
    ...bad(
      'missing',
      false,
      `No DKIM key found for ${domain} (selectors tried: ${selectors.join(', ')}): mail from it is not signed, or under another selector.`,
      `Turn on DKIM signing at your mail provider and publish the TXT record it gives at <selector>._domainkey.${domain}. If it uses another selector, check with that one.`,
    ),
    selectors,
  };
}

/** The check's answer, or "could not be read" when DNS is slower than `ms`. */
function within<T extends DnsCheck>(work: Promise<T>, ms: number, what: string, late: Omit<T, keyof DnsCheck>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => resolve({ ...lookupFailed(what, new Error('no answer in time')), ...late } as T), ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** The four checks of `domain`, run together, each bounded by `timeoutMs`. */
export async function checkDeliverability(domain: string, resolve: DnsResolve, selector: string | undefined, timeoutMs: number): Promise<Deliverability> {
  const selectors = selector ? [selector] : COMMON_DKIM_SELECTORS;
  const [spfCheck, dmarc, mx, dkim] = await Promise.all([
    within(checkSpf(domain, resolve), timeoutMs, 'SPF', {}),
    within(checkDmarc(domain, resolve), timeoutMs, 'DMARC', {}),
    within(checkMx(domain, resolve), timeoutMs, 'MX', {}),
    within(checkDkim(domain, resolve, selectors), timeoutMs, 'DKIM', { selectors }),
  ]);
  return { domain, spf: spfCheck, dmarc, mx, dkim };
}
