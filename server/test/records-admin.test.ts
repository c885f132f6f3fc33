import { beforeAll, describe, expect, it } from 'vitest';
import type { CrmRecord, RecordDetail } from '../../contract/records';
import { fuzzAccount } from './helpers';
import { admin, member, otherAdmin, t, useAppForFile } from './helpers/app-for-file';
import { databaseFingerprint } from './helpers/db-fingerprint';

useAppForFile();

let accountId: string;
beforeAll(async () => {
  accountId = await fuzzAccount(t, admin);
});

async function create(token: string, body: Record<string, unknown>): Promise<CrmRecord> {
  const res = await t.request(token, { method: 'POST', url: '/api/records', payload: { allowDuplicateEmail: true, ...body } });
  if (res.statusCode !== 201) throw new Error(`create record: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function detail(id: string): Promise<RecordDetail> {
  const res = await t.request(admin, { method: 'GET', url: `/api/records/${id}` });
  expect(res.statusCode).toBe(200);
  return res.json();
}

let messageCount = 0;
/** Files a new message (or `messageId` again) to `recordIds`; returns its Message-ID. */
async function file(recordIds: string[], messageId = `<m${++messageCount}@admin.test>`): Promise<string> {
  const res = await t.request(admin, {
    method: 'POST',
    url: '/api/filings',
    payload: {
      accountId,
      message: {
        messageId, threadId: 't', subject: 'Hi', from: { name: 'A', address: 'a@admin.test' }, to: [], cc: [],
        date: '2024-01-01T00:00:00Z', snippet: 's', bodyHtml: '<p>hi</p>', bodyText: 'hi', attachments: [],
      },
      recordIds,
    },
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return messageId;
}

const searchIds = async (q: string) => {
  const res = await t.request(admin, { method: 'GET', url: `/api/records?q=${encodeURIComponent(q)}` });
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: CrmRecord[] }).items.map((r) => r.id);
};
const filingsOf = (recordId: string) =>
  t.db.selectFrom('filings').select('message_id').where('record_id', '=', recordId).execute().then((r) => r.length);

describe('GET /api/records: kind filter and paging', () => {
  it('filters by kind and pages with the cursor', async () => {
    for (const i of [1, 2, 3]) await create(member, { kind: 'client', name: `Kindfilter Client ${i}` });
    await create(member, { kind: 'company', name: 'Kindfilter Company' });
    const page1 = (await t.request(admin, { method: 'GET', url: '/api/records?q=kindfilter&kind=client&limit=2' })).json();
    expect(page1.items.map((r: CrmRecord) => r.kind)).toEqual(['client', 'client']);
    expect(page1.total).toBe(3);
    const page2 = (await t.request(admin, { method: 'GET', url: `/api/records?q=kindfilter&kind=client&limit=2&cursor=${page1.nextCursor}` })).json();
    expect(page2.items.map((r: CrmRecord) => r.name)).toEqual(['Kindfilter Client 3']);
    expect(page2.nextCursor).toBeNull();
  });
});

describe('PATCH /api/records/:id', () => {
  it('edits name, emails, phone, company and external id; search finds the new name, not the old', async () => {
    const company = await create(member, { kind: 'company', name: 'Editco', domains: ['editco.test'] });
    const rec = await create(member, { kind: 'contact', name: 'Oldname Person', emails: ['old@editco.test'] });
    const res = await t.request(member, {
      method: 'PATCH',
      url: `/api/records/${rec.id}`,
      payload: { name: 'Freshname Person', emails: ['new@editco.test'], phone: '+33 6', companyId: company.id, externalId: 'ERP-1' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Freshname Person', emails: ['new@editco.test'], phone: '+33 6', companyId: company.id, companyName: 'Editco', externalId: 'ERP-1' });
    expect(await searchIds('freshname')).toEqual([rec.id]);
    expect(await searchIds('oldname')).toEqual([]);
  });

  it('refuses an external id another record holds (409) and changes nothing', async () => {
    const a = await create(admin, { kind: 'client', name: 'Holder A' });
    const b = await create(admin, { kind: 'client', name: 'Holder B' });
    expect((await t.request(admin, { method: 'PATCH', url: `/api/records/${a.id}`, payload: { externalId: 'DUP-1' } })).statusCode).toBe(200);
    const before = await databaseFingerprint(t.db);
    const res = await t.request(admin, { method: 'PATCH', url: `/api/records/${b.id}`, payload: { externalId: 'DUP-1' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toHaveProperty('externalId');
    expect(await databaseFingerprint(t.db)).toBe(before);
    // The same id in another organisation is another key.
    const foreign = await create(otherAdmin, { kind: 'client', name: 'Foreign' });
    expect((await t.request(otherAdmin, { method: 'PATCH', url: `/api/records/${foreign.id}`, payload: { externalId: 'DUP-1' } })).statusCode).toBe(200);
  });
});

describe('DELETE /api/records/:id', () => {
  it('says how many filings go with it, then deletes them with the record; search forgets it', async () => {
    const company = await create(admin, { kind: 'company', name: 'Doomed Company' });
    const contact = await create(admin, { kind: 'contact', name: 'Survivor Contact', companyId: company.id });
    const keepMessage = await file([company.id, contact.id]);
    await file([company.id]);
    expect(await detail(company.id)).toMatchObject({ filingCount: 2, contactCount: 1 });
    const res = await t.request(admin, { method: 'DELETE', url: `/api/records/${company.id}` });
    expect(res.statusCode).toBe(204);
    expect((await t.request(admin, { method: 'GET', url: `/api/records/${company.id}` })).statusCode).toBe(404);
    expect(await filingsOf(company.id)).toBe(0);
    expect(await detail(contact.id)).toMatchObject({ companyId: null, filingCount: 1 });
    expect(await searchIds('doomed')).toEqual([]);
    const words = await t.db.selectFrom('record_words').select('word').where('record_id', '=', company.id).execute();
    expect(words).toEqual([]);
    expect(keepMessage).toBeTruthy();
    const audit = await t.db.selectFrom('audit_log').select(['action', 'detail_json']).where('subject_id', '=', company.id).where('action', '=', 'record.deleted').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail_json)).toMatchObject({ filings: 2, name: 'Doomed Company' });
  });

  it('is for administrators (403 for a member) and 404 across organisations', async () => {
    const rec = await create(admin, { kind: 'client', name: 'Protected' });
    expect((await t.request(member, { method: 'DELETE', url: `/api/records/${rec.id}` })).statusCode).toBe(403);
    expect((await t.request(otherAdmin, { method: 'DELETE', url: `/api/records/${rec.id}` })).statusCode).toBe(404);
    expect((await detail(rec.id)).name).toBe('Protected');
  });
});

describe('POST /api/records/:id/merge', () => {
  it('moves emails, domains, filings (once per message) and contacts, then deletes the merged company', async () => {
    const keep = await create(admin, { kind: 'company', name: 'Keepco', domains: ['keepco.test'], emails: ['hello@keepco.test'] });
    const gone = await create(admin, { kind: 'company', name: 'Goneco Mergedaway', domains: ['goneco.test', 'keepco.test'], emails: ['hi@goneco.test', 'hello@keepco.test'], phone: '01 02' });
    const contact = await create(admin, { kind: 'contact', name: 'Moved Contact', companyId: gone.id });
    const shared = await file([keep.id, gone.id]);
    await file([gone.id]);
    await file([keep.id]);
    await t.db.updateTable('records').set({ external_id: 'GONE-1' }).where('id', '=', gone.id).execute();

    const res = await t.request(admin, { method: 'POST', url: `/api/records/${keep.id}/merge`, payload: { mergeId: gone.id } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: keep.id, name: 'Keepco', kind: 'company', phone: '01 02', externalId: 'GONE-1',
      emails: ['hello@keepco.test', 'hi@goneco.test'], domains: ['goneco.test', 'keepco.test'], filingCount: 3, contactCount: 1,
    });
    expect((await t.request(admin, { method: 'GET', url: `/api/records/${gone.id}` })).statusCode).toBe(404);
    expect(await filingsOf(gone.id)).toBe(0);
    // The message filed to both is filed once to the kept record: three distinct messages.
    const kept = await t.db.selectFrom('filings').select('message_id').where('record_id', '=', keep.id).execute();
    expect(new Set(kept.map((f) => f.message_id)).size).toBe(3);
    expect(shared).toBeTruthy();
    expect((await detail(contact.id)).companyId).toBe(keep.id);
    expect(await searchIds('mergedaway')).toEqual([]);
    expect(await searchIds('goneco')).toEqual([keep.id]); // by its domain, now the kept company's
    const audit = await t.db.selectFrom('audit_log').select(['action', 'detail_json', 'actor_id']).where('subject_id', '=', keep.id).where('action', '=', 'record.merged').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail_json)).toMatchObject({ mergedId: gone.id, filingsMoved: 1, contactsMoved: 1 });
  });

  it('merges a client with a contact, the kept one keeping its kind', async () => {
    const keep = await create(admin, { kind: 'client', name: 'Person Kept', emails: ['p1@people.test'] });
    const gone = await create(admin, { kind: 'contact', name: 'Person Gone', emails: ['p2@people.test'] });
    const res = await t.request(admin, { method: 'POST', url: `/api/records/${keep.id}/merge`, payload: { mergeId: gone.id } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'client', emails: ['p1@people.test', 'p2@people.test'] });
  });

  it('refuses a record with itself, a company with a person (422), another organisation\'s (404), a member (403); nothing changes', async () => {
    const company = await create(admin, { kind: 'company', name: 'Refuseco' });
    const person = await create(admin, { kind: 'contact', name: 'Refused Person' });
    const foreign = await create(otherAdmin, { kind: 'company', name: 'Foreignco' });
    const before = await databaseFingerprint(t.db);
    const merge = (token: string, id: string, mergeId: string) => t.request(token, { method: 'POST', url: `/api/records/${id}/merge`, payload: { mergeId } });
    const self = await merge(admin, company.id, company.id);
    expect(self.statusCode).toBe(422);
    expect(self.json().error.fields).toHaveProperty('mergeId');
    const kinds = await merge(admin, company.id, person.id);
    expect(kinds.statusCode).toBe(422);
    expect(kinds.json().error.message).toMatch(/company and a person/);
    expect((await merge(admin, company.id, foreign.id)).statusCode).toBe(404);
    expect((await merge(otherAdmin, foreign.id, company.id)).statusCode).toBe(404);
    expect((await merge(member, company.id, person.id)).statusCode).toBe(403);
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});

describe('PUT /api/records/by-external-id/:externalId', () => {
  it('creates (201), then replaces (200) the record; search follows the rename', async () => {
    const url = '/api/records/by-external-id/CRM%2F42';
    const first = await t.request(admin, { method: 'PUT', url, payload: { kind: 'client', name: 'Upsert Firstname', emails: ['up@x.test'] } });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ externalId: 'CRM/42', kind: 'client', emails: ['up@x.test'] });
    const again = await t.request(admin, { method: 'PUT', url, payload: { kind: 'contact', name: 'Upsert Secondname', phone: '09' } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, externalId: 'CRM/42', kind: 'contact', name: 'Upsert Secondname', emails: [], phone: '09' });
    expect(await searchIds('secondname')).toEqual([first.json().id]);
    expect(await searchIds('firstname')).toEqual([]);
    const company = await t.request(admin, { method: 'PUT', url, payload: { kind: 'company', name: 'Nope' } });
    expect(company.statusCode).toBe(422);
    expect((await t.request(member, { method: 'PUT', url, payload: { kind: 'client', name: 'X' } })).statusCode).toBe(403);
  });
});
