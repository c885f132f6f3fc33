/**
 * Real and broken mail from `tests/fixtures/eml/**` (ruby-mail, flanker, mailparser,
 * postal-mime, talon), parsed with mailparser the way sync or a client would read it and filed
 * through the API: each is accepted or refused with a 4xx — never a 500 — and refiling it is
 * idempotent.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FilingState } from '../../contract/filings';
import type { CrmRecord } from '../../contract/records';
import { createAccountAs, grantAccess } from './helpers/accounts';
import { admin, member as token, t, useAppForFile } from './helpers/app-for-file';
import { fixturesDir } from './xss-check';

function emlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return emlFiles(full);
    return name.endsWith('.eml') ? [full] : [];
  });
}
const files = emlFiles(path.join(fixturesDir, 'eml')).sort();

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value).map((v) => ({ ...(v.name ? { name: v.name } : {}), address: v.address ?? '' }));

/** The request a client would send for this mail; no cleaning beyond what a client would do. */
function toMessage(mail: ParsedMail, rawDate: string | undefined) {
  const from = addresses(mail.from)[0] ?? { address: '' };
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : (rawDate ?? '');
  return {
    messageId: mail.messageId ?? null,
    subject: mail.subject ?? '',
    from,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    date,
    snippet: (mail.text ?? '').slice(0, 200),
    bodyHtml: typeof mail.html === 'string' ? mail.html : null,
    bodyText: mail.text ?? null,
    attachments: mail.attachments.map((a) => ({ name: a.filename ?? 'attachment', size: a.size, contentType: a.contentType })),
  };
}

const tally = { accepted: 0, refused: 0 };
const refusals: string[] = [];

useAppForFile();
let accountId: string;
let recordId: string;
beforeAll(async () => {
  accountId = (await createAccountAs(t, admin, { address: 'inbox@acme.test' })).id;
  await grantAccess(t, admin, accountId, t.seed.member.id);
  const res = await t.request(token, { method: 'POST', url: '/api/records', payload: { kind: 'client', name: 'Archive' } });
  recordId = (res.json() as CrmRecord).id;
});

describe('filing real and broken .eml fixtures', () => {
  it('has a good sample of fixtures', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files.map((f) => [path.relative(fixturesDir, f), f]))('%s: accepted or 4xx, never 500; refiling is idempotent', async (_name, file) => {
    const raw = readFileSync(file);
    const mail = await simpleParser(raw);
    const body = { accountId, message: toMessage(mail, mail.headers.get('date')?.toString()), recordIds: [recordId] };
    const first = await t.request(token, { method: 'POST', url: '/api/filings', payload: body });
    expect(first.statusCode, first.body).toBeLessThan(500);
    tally[first.statusCode >= 400 ? 'refused' : 'accepted'] += 1;
    if (first.statusCode >= 400) {
      refusals.push(`${first.statusCode} ${first.json().error.message}`);
      expect(first.json().error.message).toBeTruthy();
      return;
    }
    const again = await t.request(token, { method: 'POST', url: '/api/filings', payload: body });
    expect(again.statusCode).toBe(200);
    const [a, b] = [first.json() as FilingState, again.json() as FilingState];
    expect(b.message?.id).toBe(a.message?.id);
    expect(b.filings.map((f) => f.id)).toEqual(a.filings.map((f) => f.id));
    expect((await t.request(token, { method: 'GET', url: `/api/filings?messageId=${encodeURIComponent(a.message!.messageKey)}` })).json().message?.id).toBe(a.message?.id);
  });

  it('accepts the great majority (refusals are bad dates and over-long fields only)', () => {
    expect(tally.accepted + tally.refused).toBe(files.length);
    expect(tally.accepted).toBeGreaterThan(files.length * 0.8);
    for (const r of refusals) expect(r).toMatch(/^400 /);
  });
});
