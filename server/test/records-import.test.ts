import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { RECORD_IMPORT_MAX_BYTES, type CrmRecord, type RecordImportProgressLine, type RecordImportResult } from '../../contract/records';
import { admin, member, otherAdmin, t, useAppForFile } from './helpers/app-for-file';
import { databaseFingerprint } from './helpers/db-fingerprint';

useAppForFile();

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function importCsv(token: string, body: Buffer | string, query = '', headers: Record<string, string> = {}) {
  return t.request(token, {
    method: 'POST',
    url: `/api/records/import${query}`,
    headers: { 'content-type': 'text/csv', ...headers },
    payload: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  });
}
async function imported(token: string, body: Buffer | string, query = ''): Promise<RecordImportResult> {
  const res = await importCsv(token, body, query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function search(token: string, q: string): Promise<CrmRecord[]> {
  const res = await t.request(token, { method: 'GET', url: `/api/records?limit=100&q=${encodeURIComponent(q)}` });
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: CrmRecord[] }).items;
}
const byName = async (token: string, name: string) => (await search(token, name)).filter((r) => r.name === name);

describe('CSV import: encodings, separators, headers', () => {
  it('reads Windows-1252 with `;` and French headers, quoted fields with line breaks, several emails per cell', async () => {
    const text = [
      'Nom;Type;Courriel;Téléphone;Société;Domaine;ID externe',
      'Hélène Àccentuée;Contact;helene@w1252.test, h2@w1252.test;01 23;Société Générale Test;;W-1',
      '"Jérôme ""Jo""\nSur deux lignes";client;jerome@w1252.test;;;;W-2',
      'Société Générale Test;Société;;;;sg-w1252.test;',
    ].join('\r\n');
    const result = await imported(admin, iconv.encode(text, 'win1252'));
    // Hélène, Jérôme, and the company: created for Hélène's row, then completed by its own row.
    expect(result).toEqual({ created: 3, updated: 1, unchanged: 0, refused: [], dryRun: false });
    const [helene] = await byName(admin, 'Hélène Àccentuée');
    expect(helene).toMatchObject({ kind: 'contact', emails: ['h2@w1252.test', 'helene@w1252.test'], phone: '01 23', companyName: 'Société Générale Test', externalId: 'W-1' });
    const [company] = await byName(admin, 'Société Générale Test');
    expect(company).toMatchObject({ kind: 'company', domains: ['sg-w1252.test'], id: helene!.companyId });
    expect((await search(admin, 'jerome jo'))[0]).toMatchObject({ name: 'Jérôme "Jo"\nSur deux lignes', kind: 'client' });
  });

  it('reads UTF-8 with a BOM and `,`, English headers in any case, and kind names in both languages', async () => {
    const text = 'NAME,kind,E-Mail,Company,DOMAINS\nBom Person,customer,bom@utf8.test,Bom Entreprise,\nBom Entreprise,entreprise,,,bom-utf8.test\n';
    const result = await imported(admin, Buffer.concat([BOM, Buffer.from(text, 'utf8')]));
    expect(result).toMatchObject({ created: 2, updated: 1, refused: [] });
    expect((await byName(admin, 'Bom Person'))[0]).toMatchObject({ kind: 'client', companyName: 'Bom Entreprise' });
    expect((await byName(admin, 'Bom Entreprise'))).toHaveLength(1);
  });

  it('refuses bad rows with the line they start on, a reason and a code, and imports the others', async () => {
    const text = [
      'Name,Kind,Email,Domain',
      'Good One,contact,good1@refuse.test,',
      ',contact,nobody@refuse.test,', // line 3: no name
      '"Two\nLines",robot,two@refuse.test,', // line 4: unknown kind
      '',
      'Bad Mail,contact,not-an-address,', // line 7
      'Person With Domain,contact,,refuse.test', // line 8
      'Good Two,client,good2@refuse.test,',
    ].join('\n');
    const result = await imported(admin, text);
    expect(result.created).toBe(2);
    expect(result.refused.map(({ line, code }) => ({ line, code }))).toEqual([
      { line: 3, code: 'name_missing' },
      { line: 4, code: 'kind_unknown' },
      { line: 7, code: 'email_invalid' },
      { line: 8, code: 'domains_not_company' },
    ]);
    expect(result.refused[2]!.reason).toMatch(/not-an-address/);
    expect(await byName(admin, 'Bad Mail')).toEqual([]);
  });

  it('answers 422 for a file without a name column or not CSV, 415 for JSON; nothing written', async () => {
    const before = await databaseFingerprint(t.db);
    const noName = await importCsv(admin, 'Email,Phone\na@b.test,01\n');
    expect(noName.statusCode).toBe(422);
    expect(noName.json().error.fields).toHaveProperty('file');
    expect((await importCsv(admin, 'Name\n"never closed\n')).statusCode).toBe(422);
    expect((await importCsv(admin, '')).statusCode).toBe(422);
    const json = await t.request(admin, { method: 'POST', url: '/api/records/import', payload: { name: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(await databaseFingerprint(t.db)).toBe(before);
  });

  it('answers 413 in the error shape for a file over the import limit; nothing written', async () => {
    const before = await databaseFingerprint(t.db);
    const row = 'Big Row,big@row.test\n';
    const body = Buffer.from('Name,Email\n' + row.repeat(Math.ceil((RECORD_IMPORT_MAX_BYTES + 1) / row.length)), 'utf8');
    const res = await importCsv(admin, body);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload_too_large', message: 'The request is too large (32 MB at most).' });
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});

describe('CSV import: dedupe and idempotence', () => {
  it('updates records matched by external id, then email, then company domain, instead of doubling them', async () => {
    const create = async (body: Record<string, unknown>) =>
      (await t.request(admin, { method: 'POST', url: '/api/records', payload: body })).json() as CrmRecord;
    const byExt = await create({ kind: 'client', name: 'Dedupe Byext' });
    await t.request(admin, { method: 'PATCH', url: `/api/records/${byExt.id}`, payload: { externalId: 'DD-1' } });
    const byMail = await create({ kind: 'contact', name: 'Dedupe Bymail', emails: ['bymail@dedupe.test'] });
    const byDomain = await create({ kind: 'company', name: 'Dedupe Bydomain', domains: ['dedupe.test'] });
    const text = [
      'External ID,Kind,Name,Emails,Company,Domains',
      'DD-1,client,Dedupe Byext Renamed,,,',
      ',contact,Dedupe Bymail Renamed,BYMAIL@dedupe.test,,',
      ',company,Dedupe Bydomain Renamed,,,dedupe.test',
    ].join('\n');
    expect(await imported(admin, text)).toMatchObject({ created: 0, updated: 3, unchanged: 0, refused: [] });
    for (const [rec, name] of [[byExt, 'Dedupe Byext Renamed'], [byMail, 'Dedupe Bymail Renamed'], [byDomain, 'Dedupe Bydomain Renamed']] as const) {
      expect((await search(admin, name)).map((r) => r.id)).toEqual([rec.id]);
    }
    expect(await search(admin, 'dedupe bymail')).toHaveLength(1);
    // The old names are gone from the search index.
    expect((await search(admin, 'dedupe byext')).map((r) => r.name)).toEqual(['Dedupe Byext Renamed']);
  });

  it('keeps search right: an imported rename is found by its new words, not by its old ones', async () => {
    expect(await imported(admin, 'External ID,Name\nSR-1,Quentin Zorglubold\n')).toMatchObject({ created: 1 });
    const [created] = await search(admin, 'zorglubold');
    expect(created).toMatchObject({ name: 'Quentin Zorglubold', externalId: 'SR-1' });
    expect(await imported(admin, 'External ID,Name\nSR-1,Quentin Xylophonique\n')).toMatchObject({ updated: 1 });
    expect((await search(admin, 'xylophonique')).map((r) => r.id)).toEqual([created!.id]);
    expect(await search(admin, 'zorglubold')).toEqual([]);
  });

  it('imports the same file twice: the second time every row is unchanged', async () => {
    const text = [
      'Name,Kind,Email,Phone,Company,Domain,External ID',
      'Twice Company,company,,,,twice.test,',
      'Twice Alice,contact,alice@twice.test;a2@twice.test,01,Twice Company,,',
      'Twice Bob,client,,02,Twice Company,,T-BOB',
      'Twice Nomail,contact,,,,,',
      'Twice Nomail,contact,,,,,', // two people of the same name: two records, matched in turn
    ].join('\n');
    expect(await imported(admin, text)).toEqual({ created: 5, updated: 0, unchanged: 0, refused: [], dryRun: false });
    expect(await imported(admin, text)).toEqual({ created: 0, updated: 0, unchanged: 5, refused: [], dryRun: false });
    expect(await byName(admin, 'Twice Nomail')).toHaveLength(2);
  });

  it('re-imports its own export as all unchanged', async () => {
    const res = await t.request(admin, { method: 'GET', url: '/api/records/export' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(BOM);
    const text = res.rawPayload.toString('utf8');
    expect(text.slice(1, text.indexOf('\r\n'))).toBe('External ID,Kind,Name,Emails,Phone,Company,Domains');
    const count = (await t.db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', t.seed.org.id).executeTakeFirstOrThrow()).n;
    const before = await databaseFingerprint(t.db);
    const again = await imported(admin, res.rawPayload);
    expect(again).toMatchObject({ created: 0, updated: 0, refused: [] });
    expect(again.unchanged).toBe(Number(count));
    // Only the import's audit entry was written.
    const after = await databaseFingerprint(t.db);
    expect(after).not.toBe(before);
    const foreign = await t.request(otherAdmin, { method: 'GET', url: '/api/records/export' });
    expect(foreign.rawPayload.toString('utf8')).not.toContain('Twice Alice');
  });

  it('exports one kind with ?kind=', async () => {
    const res = await t.request(admin, { method: 'GET', url: '/api/records/export?kind=company' });
    const lines = res.rawPayload.toString('utf8').trim().split('\r\n').slice(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.split(',')[1] === 'company')).toBe(true);
  });
});

describe('CSV import: dry run, progress, roles', () => {
  const big = ['Name,Email,External ID', ...Array.from({ length: 2_500 }, (_, i) => `Bulk Person ${i},bulk${i}@bulk.test,B-${i}`)].join('\n');

  it('with dryRun=true answers what the import would do and writes nothing', async () => {
    const before = await databaseFingerprint(t.db);
    const dry = await imported(admin, big, '?dryRun=true');
    expect(dry).toEqual({ created: 2_500, updated: 0, unchanged: 0, refused: [], dryRun: true });
    expect(await databaseFingerprint(t.db)).toBe(before);
    const real = await imported(admin, big);
    expect({ ...real, dryRun: true }).toEqual(dry);
    expect((await search(admin, 'bulk person 1234')).map((r) => r.emails)).toEqual([['bulk1234@bulk.test']]);
  });

  it('streams NDJSON progress after each batch, then the result', async () => {
    const res = await importCsv(admin, big, '?dryRun=true', { accept: 'application/x-ndjson' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l) as RecordImportProgressLine);
    expect(lines).toEqual([
      { type: 'progress', done: 1_000, total: 2_500 },
      { type: 'progress', done: 2_000, total: 2_500 },
      { type: 'progress', done: 2_500, total: 2_500 },
      { type: 'result', result: { created: 0, updated: 0, unchanged: 2_500, refused: [], dryRun: true } },
    ]);
  });

  it('is for administrators: a member gets 403 for import and export', async () => {
    const before = await databaseFingerprint(t.db);
    expect((await importCsv(member, 'Name\nMember Row\n')).statusCode).toBe(403);
    expect((await t.request(member, { method: 'GET', url: '/api/records/export' })).statusCode).toBe(403);
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});
