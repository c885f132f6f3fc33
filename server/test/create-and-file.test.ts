/**
 * "Create and file" (`POST /api/filings` with `newRecord`), duplicate addresses (409 unless
 * allowed), the create form's lookup (`GET /api/records/lookup`), the batched filing lookup
 * (`GET /api/filings/lookup`) and who filed a record's mail (`GET /api/records/:id/messages`).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FilingLookup, FilingState, MessageInput, RecordMessages } from '../../contract/filings';
import type { CrmRecord, RecordLookup } from '../../contract/records';
import { createAccountAs, grantAccess } from './helpers/accounts';
import { admin, member, member2, otherAdmin, t, useAppForFile } from './helpers/app-for-file';

useAppForFile({ quota: 10 });
/** `sales`: member uses it; member2 does not. */
let sales: string;
let acme: CrmRecord;

const mk = async (token: string, body: object): Promise<CrmRecord> => {
  const res = await t.request(token, { method: 'POST', url: '/api/records', payload: body });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
};

beforeAll(async () => {
  sales = (await createAccountAs(t, admin, { address: 'sales@acme.test' })).id;
  await grantAccess(t, admin, sales, t.seed.member.id);
  acme = await mk(admin, { kind: 'company', name: 'Acme Widgets', domains: ['acme-widgets.test'] });
});

let n = 0;
function message(over: Partial<MessageInput> = {}): MessageInput {
  n += 1;
  return {
    messageId: `<caf-${n}@mail.acme-widgets.test>`,
    subject: `Order ${n}`,
    from: { name: 'Wendy Widget', address: 'wendy@acme-widgets.test' },
    to: [{ address: 'sales@acme.test' }],
    date: `2025-03-${String((n % 28) + 1).padStart(2, '0')}T09:00:00Z`,
    ...over,
  };
}
const file = (token: string, body: object) => t.request(token, { method: 'POST', url: '/api/filings', payload: body });
const recordsNamed = async (name: string) =>
  (await t.db.selectFrom('records').select(['id', 'company_id']).where('name', '=', name).execute());
const messagesWithKey = async (key: string) =>
  (await t.db.selectFrom('messages').select('id').where('message_key', '=', key).execute()).length;

describe('create and file', () => {
  it('creates a contact and the company named with it, and files the message to the contact, in one request', async () => {
    const msg = message();
    const newRecord = {
      id: randomUUID(), kind: 'contact', name: 'Wendy Widget', emails: ['Wendy@Acme-Widgets.test'],
      company: { id: randomUUID(), name: 'Widget Holdings', domains: ['widget-holdings.test'] },
    };
    const res = await file(member, { accountId: sales, message: msg, recordIds: [], newRecord });
    expect(res.statusCode).toBe(201);
    const state = res.json() as FilingState;
    expect(state.filings.map((f) => [f.record.id, f.record.name, f.record.kind])).toEqual([[newRecord.id, 'Wendy Widget', 'contact']]);
    expect(state.filings[0]!.filedBy).toEqual({ id: t.seed.member.id, fullName: 'Mia Member' });

    const contact = (await t.request(member, { method: 'GET', url: `/api/records/${newRecord.id}` })).json() as CrmRecord;
    expect(contact).toMatchObject({ emails: ['wendy@acme-widgets.test'], companyId: newRecord.company.id, companyName: 'Widget Holdings' });
    const audit = await t.db.selectFrom('audit_log').select('action').where('subject_id', 'in', [newRecord.id, newRecord.company.id]).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['record.created', 'record.created']);

    // The queue sends the same request again after a lost answer: nothing new is created.
    const again = await file(member, { accountId: sales, message: msg, recordIds: [], newRecord });
    expect(again.statusCode).toBe(200);
    expect((again.json() as FilingState).filings.map((f) => f.record.id)).toEqual([newRecord.id]);
    expect(await recordsNamed('Wendy Widget')).toHaveLength(1);
    expect(await recordsNamed('Widget Holdings')).toHaveLength(1);
  });

  it('links a new contact to an existing company and files to other records alongside', async () => {
    const other = await mk(admin, { kind: 'client', name: 'Side Client' });
    const id = randomUUID();
    const res = await file(member, {
      accountId: sales, message: message(), recordIds: [other.id],
      newRecord: { id, kind: 'contact', name: 'Walt Widget', emails: ['walt@acme-widgets.test'], companyId: acme.id },
    });
    expect(res.statusCode).toBe(201);
    expect((res.json() as FilingState).filings.map((f) => f.record.name).sort()).toEqual(['Side Client', 'Walt Widget']);
    expect(await recordsNamed('Walt Widget')).toEqual([{ id, company_id: acme.id }]);
  });

  it('writes nothing when the filing fails: unknown record, mailbox the user cannot use, bad company link', async () => {
    const cases: [object, number][] = [
      [{ accountId: sales, recordIds: ['no-such-record'] }, 422],
      [{ accountId: 'no-such-account', recordIds: [] }, 404],
      [{ accountId: sales, recordIds: [], companyOf: 'no-such-company' }, 422],
    ];
    for (const [over, status] of cases) {
      const { companyOf, ...body } = over as { companyOf?: string };
      const id = randomUUID();
      const msg = message();
      const newRecord = { id, kind: 'client', name: `Ghost ${id}`, emails: [`ghost-${n}@ghost.test`], ...(companyOf && { companyId: companyOf }) };
      const res = await file(member, { message: msg, newRecord, ...body });
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(await recordsNamed(`Ghost ${id}`)).toEqual([]);
      expect(await messagesWithKey(`caf-${n}@mail.acme-widgets.test`)).toBe(0);
    }
    // member2 has no access to `sales`: a 404 before anything is created.
    const id = randomUUID();
    const res = await file(member2, { accountId: sales, message: message(), recordIds: [], newRecord: { id, kind: 'client', name: 'Nope' } });
    expect(res.statusCode).toBe(404);
    expect((await t.request(admin, { method: 'GET', url: `/api/records/${id}` })).statusCode).toBe(404);
  });

  it('needs a record to file to, a UUID id, and one way to name the company', async () => {
    const base = { accountId: sales, message: message() };
    expect((await file(member, { ...base, recordIds: [] })).statusCode).toBe(400);
    expect((await file(member, { ...base, recordIds: [], newRecord: { id: 'mine-1', kind: 'client', name: 'X' } })).statusCode).toBe(400);
    const both = await file(member, {
      ...base, recordIds: [],
      newRecord: { id: randomUUID(), kind: 'contact', name: 'Both Ways', companyId: acme.id, company: { id: randomUUID(), name: 'Other' } },
    });
    expect(both.statusCode).toBe(422);
    expect(both.json().error.fields).toHaveProperty(['newRecord.company']);
  });

  it('never reaches another organisation\'s record through a chosen id', async () => {
    const foreign = await mk(otherAdmin, { kind: 'client', name: 'Foreign Secret' });
    // Server ids are UUIDs too: reusing one of another organisation is refused, not filed.
    const res = await file(member, { accountId: sales, message: message(), recordIds: [], newRecord: { id: foreign.id, kind: 'client', name: 'Mine' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
    expect(await recordsNamed('Mine')).toEqual([]);
  });
});

describe('duplicate addresses', () => {
  it('refuses a second record with an address another holds (409, naming it), unless allowed', async () => {
    await mk(admin, { kind: 'contact', name: 'Dora Dup', emails: ['dora@dup.test'] });
    const res = await t.request(member, { method: 'POST', url: '/api/records', payload: { kind: 'client', name: 'Dora D.', emails: ['DORA@dup.test'] } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({
      code: 'conflict',
      message: 'Already in Mailroom: Dora Dup has the address dora@dup.test.',
      fields: { emails: 'Already in Mailroom: Dora Dup.' },
    });
    const forced = await mk(member, { kind: 'client', name: 'Dora D.', emails: ['dora@dup.test'], allowDuplicateEmail: true });
    expect(forced.emails).toEqual(['dora@dup.test']);
    // Another organisation's records are not duplicates.
    expect((await mk(otherAdmin, { kind: 'contact', name: 'Dora Elsewhere', emails: ['dora@dup.test'] })).name).toBe('Dora Elsewhere');
  });

  it('refuses a duplicate in "create and file" too, filing nothing', async () => {
    const msg = message();
    const res = await file(member, { accountId: sales, message: msg, recordIds: [], newRecord: { id: randomUUID(), kind: 'contact', name: 'Dora Again', emails: ['dora@dup.test'] } });
    expect(res.statusCode).toBe(409);
    expect(await messagesWithKey(`caf-${n}@mail.acme-widgets.test`)).toBe(0);
  });

  it('lets two companies share a domain (a branch office), the form warns instead', async () => {
    const branch = await mk(member, { kind: 'company', name: 'Acme Widgets Lyon', domains: ['acme-widgets.test'] });
    expect(branch.domains).toEqual(['acme-widgets.test']);
  });
});

describe('GET /api/records/lookup', () => {
  const lookup = async (token: string, query: string) => {
    const res = await t.request(token, { method: 'GET', url: `/api/records/lookup?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json() as RecordLookup;
  };

  it('finds the record holding an address and the companies owning its domain or a parent', async () => {
    await mk(admin, { kind: 'contact', name: 'Lou Lookup', emails: ['lou@lookup.test'] });
    const company = await mk(admin, { kind: 'company', name: 'Lookup SA', domains: ['lookup.test'] });
    const r = await lookup(member, 'email=LOU@lookup.test&domain=mail.lookup.test');
    expect(r.byEmail.map((x) => x.name)).toEqual(['Lou Lookup']);
    expect(r.byDomain.map((x) => x.id)).toEqual([company.id]);
    expect(await lookup(member, 'email=nobody@lookup.test')).toEqual({ byEmail: [], byDomain: [] });
  });

  it('never matches a company by a free-mail domain, nor another organisation\'s records', async () => {
    await mk(admin, { kind: 'company', name: 'Gmail Typo Co', domains: ['gmail.com'] });
    expect((await lookup(member, 'domain=gmail.com')).byDomain).toEqual([]);
    expect(await lookup(otherAdmin, 'email=lou@lookup.test&domain=lookup.test')).toEqual({ byEmail: [], byDomain: [] });
  });

  it('answers 400 for unknown parameters', async () => {
    expect((await t.request(member, { method: 'GET', url: '/api/records/lookup?name=x' })).statusCode).toBe(400);
  });
});

describe('GET /api/filings/lookup', () => {
  const lookup = (token: string, ids: string[]) =>
    t.request(token, { method: 'GET', url: `/api/filings/lookup?${ids.map((i) => `messageId=${encodeURIComponent(i)}`).join('&')}` });

  it('answers for every asked message in one request, in order, echoing the ids as given', async () => {
    const [m1, m2] = [message(), message()];
    await file(member, { accountId: sales, message: m1, recordIds: [acme.id] });
    const never = '<never-filed@acme-widgets.test>';
    const res = await lookup(member, [m2.messageId!, m1.messageId!, never]);
    expect(res.statusCode).toBe(200);
    const body = res.json() as FilingLookup;
    expect(body.items.map((i) => [i.messageId, i.filings.map((f) => f.record.name)])).toEqual([
      [m2.messageId, []],
      [m1.messageId, ['Acme Widgets']],
      [never, []],
    ]);
    expect(body.items[1]!.message?.subject).toBe(m1.subject);
    // One id alone works too; a user without access to the mailbox sees nothing filed.
    expect(((await lookup(member, [m1.messageId!])).json() as FilingLookup).items[0]!.filings).toHaveLength(1);
    expect(((await lookup(member2, [m1.messageId!])).json() as FilingLookup).items[0]).toEqual({ messageId: m1.messageId, message: null, filings: [] });
  });

  it('refuses what is not a message id (422) and more than 100 at once (400)', async () => {
    expect((await lookup(member, ['fp:nothex'])).statusCode).toBe(422);
    expect((await lookup(member, Array.from({ length: 101 }, (_, i) => `<m${i}@x.test>`))).statusCode).toBe(400);
    expect((await t.request(member, { method: 'GET', url: '/api/filings/lookup' })).statusCode).toBe(400);
  });
});

describe('GET /api/records/:id/messages', () => {
  it('says who filed each message to the record', async () => {
    const target = await mk(admin, { kind: 'client', name: 'Filed By Client' });
    const msg = message();
    await file(member, { accountId: sales, message: msg, recordIds: [target.id] });
    const res = await t.request(admin, { method: 'GET', url: `/api/records/${target.id}/messages` });
    const body = res.json() as RecordMessages;
    expect(body.items.map((i) => [i.subject, i.filedBy])).toEqual([[msg.subject, { id: t.seed.member.id, fullName: 'Mia Member' }]]);
  });
});

describe('OpenAPI', () => {
  it('documents create and file, and both lookups', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>>;
    };
    const body = doc.paths['/api/filings']?.post?.requestBody?.content['application/json']?.schema.properties ?? {};
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['recordIds', 'newRecord']));
    expect(doc.paths['/api/filings/lookup']?.get).toBeDefined();
    expect(doc.paths['/api/records/lookup']?.get).toBeDefined();
  });
});
