import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmRecord, RecordList as RecordPage } from '../../contract/records';
import { createTestApp, type TestApp } from './helpers';
import { admin, member, otherAdmin as other, t, useAppForFile } from './helpers/app-for-file';

useAppForFile();

async function create(token: string, body: Record<string, unknown>): Promise<CrmRecord> {
  const res = await t.request(token, { method: 'POST', url: '/api/records', payload: body });
  if (res.statusCode !== 201) throw new Error(`create record: ${res.statusCode} ${res.body}`);
  return res.json();
}
const search = async (token: string, query: string) => {
  const res = await t.request(token, { method: 'GET', url: `/api/records?${query}` });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: CrmRecord[]; total: number };
};
const names = (r: { items: CrmRecord[] }) => r.items.map((i) => i.name);

describe('records: create, get, patch', () => {
  it('creates a company with domains and a contact linked to it; any member may', async () => {
    const company = await create(member, { kind: 'company', name: 'Dupré & Fils', domains: ['Dupre-Fils.FR'], emails: ['contact@dupre-fils.fr'] });
    expect(company).toMatchObject({ kind: 'company', name: 'Dupré & Fils', domains: ['dupre-fils.fr'], emails: ['contact@dupre-fils.fr'], companyId: null });
    const contact = await create(member, { kind: 'contact', name: 'Hélène Dupré', emails: ['Helene@Dupre-Fils.fr', 'helene@dupre-fils.fr'], phone: '+33 1 02', companyId: company.id });
    expect(contact).toMatchObject({ kind: 'contact', companyId: company.id, companyName: 'Dupré & Fils', emails: ['helene@dupre-fils.fr'], phone: '+33 1 02', domains: [] });
    const got = await t.request(admin, { method: 'GET', url: `/api/records/${contact.id}` });
    // The detail adds what a delete would take with it.
    expect(got.json()).toEqual({ ...contact, filingCount: 0, contactCount: 0 });
  });

  it('refuses a company link to a non-company or to another organisation\'s company (422)', async () => {
    const person = await create(admin, { kind: 'client', name: 'Solo Client' });
    const foreign = await create(other, { kind: 'company', name: 'Globex Corp' });
    for (const companyId of [person.id, foreign.id, 'no-such-id']) {
      const res = await t.request(admin, { method: 'POST', url: '/api/records', payload: { kind: 'contact', name: 'X', companyId } });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.fields).toHaveProperty('companyId');
    }
    const own = await create(admin, { kind: 'company', name: 'Own Co' });
    const res = await t.request(admin, { method: 'POST', url: '/api/records', payload: { kind: 'company', name: 'Sub Co', companyId: own.id } });
    expect(res.statusCode).toBe(422);
  });

  it('refuses domains on a contact (422)', async () => {
    const res = await t.request(admin, { method: 'POST', url: '/api/records', payload: { kind: 'contact', name: 'X', domains: ['x.fr'] } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('patches only the fields sent', async () => {
    const company = await create(admin, { kind: 'company', name: 'Patch Co', domains: ['patch.test'] });
    const rec = await create(admin, { kind: 'contact', name: 'Paula Patch', emails: ['paula@patch.test'], phone: '01', companyId: company.id });
    const res = await t.request(member, { method: 'PATCH', url: `/api/records/${rec.id}`, payload: { name: 'Paula Pätch-Müller' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Paula Pätch-Müller', emails: ['paula@patch.test'], phone: '01', companyId: company.id });
    const unlink = await t.request(member, { method: 'PATCH', url: `/api/records/${rec.id}`, payload: { companyId: null, emails: [] } });
    expect(unlink.json()).toMatchObject({ companyId: null, companyName: null, emails: [], phone: '01' });
    expect((await search(admin, 'q=muller')).items.map((r) => r.id)).toContain(rec.id);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', rec.id).orderBy('at').execute();
    expect(audit).toEqual([
      { action: 'record.created', actor_id: t.seed.admin.id },
      { action: 'record.updated', actor_id: t.seed.member.id },
      { action: 'record.updated', actor_id: t.seed.member.id },
    ]);
  });

  it('hides other organisations\' records (404) and needs a session (401)', async () => {
    const rec = await create(admin, { kind: 'client', name: 'Secret Client' });
    expect((await t.request(other, { method: 'GET', url: `/api/records/${rec.id}` })).statusCode).toBe(404);
    expect((await t.request(other, { method: 'PATCH', url: `/api/records/${rec.id}`, payload: { name: 'x' } })).statusCode).toBe(404);
    expect((await search(other, 'q=secret')).total).toBe(0);
    expect((await t.request(null, { method: 'GET', url: '/api/records' })).statusCode).toBe(401);
  });

  it.each([
    ['unknown field', { kind: 'client', name: 'X', colour: 'red' }],
    ['wrong kind', { kind: 'person', name: 'X' }],
    ['empty name', { kind: 'client', name: '   ' }],
    ['huge name', { kind: 'client', name: 'x'.repeat(10_000) }],
    ['bad email', { kind: 'client', name: 'X', emails: ['not-an-email'] }],
    ['emails not a list', { kind: 'client', name: 'X', emails: 'a@b.fr' }],
    ['bad domain', { kind: 'company', name: 'X', domains: ['no spaces.fr'] }],
    ['number as name', { kind: 'client', name: 42 }],
    ['null body', null],
  ])('answers 400 for %s, never 500', async (_label, payload) => {
    const res = await t.request(admin, { method: 'POST', url: '/api/records', payload: payload as object });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});

describe('records: search', () => {
  let s: TestApp;
  let token: string;
  beforeAll(async () => {
    // A fresh app so the search sees exactly these records.
    s = await createTestApp();
    token = await s.login(s.seed.member.email);
    const mk = async (body: Record<string, unknown>) => {
      const res = await s.request(token, { method: 'POST', url: '/api/records', payload: body });
      if (res.statusCode !== 201) throw new Error(res.body);
      return (res.json() as CrmRecord).id;
    };
    const ids = {
      helene: await mk({ kind: 'contact', name: 'Hélène Dupré', emails: ['h.dupre@example.fr'] }),
      hel: await mk({ kind: 'client', name: 'Hel' }),
      helios: await mk({ kind: 'company', name: 'Hélios Énergie', domains: ['helios.fr'] }),
      michel: await mk({ kind: 'contact', name: 'Michel Helmut', emails: ['mh@corp.test'] }),
      mail: await mk({ kind: 'client', name: 'Zed Zebra', emails: ['helpdesk@zebra.test'] }),
      shell: await mk({ kind: 'company', name: 'Shell Oil' }),
      under: await mk({ kind: 'client', name: 'Under Score', emails: ['abc_d@x.test'] }),
      noUnder: await mk({ kind: 'client', name: 'No Underscore', emails: ['abcxd@x.test'] }),
    };
    expect(Object.values(ids).every(Boolean)).toBe(true);
    for (let i = 0; i < 25; i++) await mk({ kind: 'contact', name: `Page Person ${String(i).padStart(2, '0')}` });
  });
  afterAll(() => s.close());
  const find = async (query: string): Promise<RecordPage> => {
    const res = await s.request(token, { method: 'GET', url: `/api/records?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('finds by word prefix, accent- and case-insensitively', async () => {
    expect(names(await find('q=dupre'))).toEqual(['Hélène Dupré']);
    expect(names(await find('q=DUPRÉ'))).toEqual(['Hélène Dupré']);
    expect(names(await find('q=hélène%20dup'))).toEqual(['Hélène Dupré']);
    expect(names(await find('q=energ'))).toEqual(['Hélios Énergie']);
  });

  it('does not match inside words', async () => {
    expect(names(await find('q=ell'))).toEqual([]);
  });

  it('ranks exact > name prefix > word prefix > email/domain', async () => {
    expect(names(await find('q=hel'))).toEqual(['Hel', 'Hélène Dupré', 'Hélios Énergie', 'Michel Helmut', 'Zed Zebra']);
  });

  it('matches email and domain prefixes', async () => {
    expect(names(await find('q=h.dup'))).toEqual(['Hélène Dupré']);
    expect(names(await find('q=helios.f'))).toEqual(['Hélios Énergie']);
  });

  it('treats LIKE wildcards in the query as text', async () => {
    expect(names(await find('q=abc_'))).toEqual(['Under Score']);
    expect(names(await find('q=%25'))).toEqual([]);
    expect(names(await find('q=_'))).toEqual([]);
  });

  it('orders ties by folded name in byte order on both databases', async () => {
    for (const name of ['Abb', 'Ab C', 'Äba']) {
      const res = await s.request(token, { method: 'POST', url: '/api/records', payload: { kind: 'client', name } });
      expect(res.statusCode).toBe(201);
    }
    // Name prefixes first (folded: "ab c" < "aba" < "abb"), then the abc_d@/abcxd@ email matches.
    try {
      expect(names(await find('q=ab')).slice(0, 3)).toEqual(['Ab C', 'Äba', 'Abb']);
    } finally {
      await s.db.deleteFrom('records').where('name', 'in', ['Abb', 'Ab C', 'Äba']).execute();
    }
  });

  it('filters by kind', async () => {
    expect(names(await find('q=hel&kind=company'))).toEqual(['Hélios Énergie']);
  });

  it('pages with a cursor, the total on every page', async () => {
    const first = await find('q=page&limit=10');
    expect(first).toMatchObject({ total: 25, totalCapped: false });
    expect(first.items).toHaveLength(10);
    expect(names(first)[0]).toBe('Page Person 00');
    const second = await find(`q=page&limit=10&cursor=${first.nextCursor}`);
    const last = await find(`q=page&limit=10&cursor=${second.nextCursor}`);
    expect(names(second)[0]).toBe('Page Person 10');
    expect(names(last)).toEqual(['Page Person 20', 'Page Person 21', 'Page Person 22', 'Page Person 23', 'Page Person 24']);
    expect(last).toMatchObject({ total: 25, nextCursor: null });
    expect((await find('limit=5')).total).toBe(33);
  });

  it('pages across rank buckets without repeating or skipping a record', async () => {
    const all = names(await find('q=hel&limit=100'));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: RecordPage = await find(`q=hel&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...names(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(all).toHaveLength(5);
  });

  it.each(['limit=0', 'limit=1000', 'offset=20', 'cursor=not%20base64', 'cursor=bm90IGpzb24', 'cursor=WzksIngiLCJ5Il0', 'kind=robot', 'limit=abc', `q=${'x'.repeat(500)}`, 'unknown=1'])(
    'answers 400 for %s',
    async (query) => {
      const res = await s.request(token, { method: 'GET', url: `/api/records?${query}` });
      expect(res.statusCode).toBe(400);
    },
  );
});
