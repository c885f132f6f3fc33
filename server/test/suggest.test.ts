import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmRecord, Suggestion } from '../../contract/records';
import { createTestApp, type TestApp } from './helpers';

let t: TestApp;
let token: string;
const id: Record<string, string> = {};

async function create(tok: string, body: Record<string, unknown>): Promise<string> {
  const res = await t.request(tok, { method: 'POST', url: '/api/records', payload: body });
  if (res.statusCode !== 201) throw new Error(`create record: ${res.statusCode} ${res.body}`);
  return (res.json() as CrmRecord).id;
}

beforeAll(async () => {
  t = await createTestApp();
  token = await t.login(t.seed.member.email);
  id.acme = await create(token, { kind: 'company', name: 'Acme Industries', domains: ['acme-industries.fr'] });
  id.initech = await create(token, { kind: 'company', name: 'Initech', domains: ['initech.com'] });
  // An admin once typed a free-mail domain into a company: it must still never match by domain.
  id.gmailCo = await create(token, { kind: 'company', name: 'Gmail Fans Club', domains: ['gmail.com', 'hotmail.fr'] });
  id.alice = await create(token, { kind: 'contact', name: 'Alice Martin', emails: ['alice@acme-industries.fr'], companyId: id.acme });
  id.bob = await create(token, { kind: 'client', name: 'Bob Personal', emails: ['bob.perso@gmail.com'], companyId: id.initech });
  id.carol = await create(token, { kind: 'contact', name: 'Carol NoCompany', emails: ['carol@elsewhere.test'] });
  const other = await t.login(t.seed.otherMember.email);
  await create(other, { kind: 'contact', name: 'Foreign Alice', emails: ['alice@acme-industries.fr'] });
  await create(other, { kind: 'company', name: 'Foreign Initech', domains: ['initech.com'] });
});
afterAll(() => t.close());

const suggest = async (...emails: string[]) => {
  const qs = emails.map((e) => `email=${encodeURIComponent(e)}`).join('&');
  const res = await t.request(token, { method: 'GET', url: `/api/records/suggest?${qs}` });
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: Suggestion[] }).items.map((s) => [s.record.name, s.reason, s.matched]);
};

describe('GET /api/records/suggest', () => {
  it('puts exact email matches first, then companies by domain, then companies of matched contacts', async () => {
    expect(await suggest('Bob.Perso@gmail.com', 'someone@initech.com', 'alice@acme-industries.fr')).toEqual([
      ['Bob Personal', 'email', 'bob.perso@gmail.com'],
      ['Alice Martin', 'email', 'alice@acme-industries.fr'],
      ['Initech', 'domain', 'initech.com'],
      // Also Alice's company, but found by domain first: each record appears once.
      ['Acme Industries', 'domain', 'acme-industries.fr'],
    ]);
    expect(await suggest('carol@elsewhere.test', 'Bob.Perso@gmail.com')).toEqual([
      ['Carol NoCompany', 'email', 'carol@elsewhere.test'],
      ['Bob Personal', 'email', 'bob.perso@gmail.com'],
      ['Initech', 'company', 'bob.perso@gmail.com'],
    ]);
  });

  it('finds a company by its domain, and by a subdomain of it', async () => {
    expect(await suggest('new.person@acme-industries.fr')).toEqual([['Acme Industries', 'domain', 'acme-industries.fr']]);
    expect(await suggest('x@mail.initech.com')).toEqual([['Initech', 'domain', 'initech.com']]);
  });

  it('never matches a company by a free-mail domain', async () => {
    expect(await suggest('stranger@gmail.com', 'other@hotmail.fr', 'x@googlemail.com')).toEqual([]);
  });

  it('suggests the company of a contact matched by a free-mail address', async () => {
    expect(await suggest('bob.perso@gmail.com')).toEqual([
      ['Bob Personal', 'email', 'bob.perso@gmail.com'],
      ['Initech', 'company', 'bob.perso@gmail.com'],
    ]);
  });

  it('takes a single email, and returns nothing for unknown people', async () => {
    expect(await suggest('carol@elsewhere.test')).toEqual([['Carol NoCompany', 'email', 'carol@elsewhere.test']]);
    expect(await suggest('nobody@nowhere.test')).toEqual([]);
  });

  it('stays within the caller\'s organisation', async () => {
    const names = (await suggest('alice@acme-industries.fr', 'a@initech.com')).map((s) => s[0]);
    expect(names).not.toContain('Foreign Alice');
    expect(names).not.toContain('Foreign Initech');
  });

  it.each(['', 'email=' + 'x'.repeat(400), 'email=a@b.fr&other=1'])('answers 400 for a bad query (%s)', async (qs) => {
    const res = await t.request(token, { method: 'GET', url: `/api/records/suggest?${qs}` });
    expect(res.statusCode).toBe(400);
  });

  it('accepts broken addresses as non-matching rather than failing', async () => {
    expect(await suggest('not an address', '@', 'a@')).toEqual([]);
  });
});
