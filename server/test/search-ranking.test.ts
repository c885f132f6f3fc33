/**
 * One query table, run on SQLite and on PostgreSQL (`node scripts/with-postgres.mjs npx vitest run
 * --project server server/test/search-ranking.test.ts`): every query, paged through its cursors,
 * gives exactly the ranking the API promises — exact name > name prefix > every word starts a
 * word > email/domain prefix, then folded name and id in byte order — as computed here in plain
 * JavaScript over the same records. Both databases equal to one reference means the same rows in
 * the same order on both. The records include names that repeat, accents, hyphens, and 2,100
 * addresses sharing a prefix (the email bucket's many-candidates path and the capped total).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordList } from '../../contract/records';
import { foldText } from '../src/records/fold';
import { member, t, useAppForFile } from './helpers/app-for-file';

useAppForFile();

interface Rec {
  id: string;
  kind: 'client' | 'contact' | 'company';
  name: string;
  emails: string[];
  domains: string[];
}
const records: Rec[] = [];

const firsts = ['Jean', 'Jeanne', 'Marie', 'Marie-Claire', 'Hélène', 'Anne', 'Adèle', 'John', 'Mary', 'Élodie', 'Jérôme', 'Zoé'];
const lasts = ['Dupont', 'Dupré', 'Durand', 'Du Bois', 'Martin', 'Martinez', 'Smith', 'Abbott', 'Lévêque', 'Jean', 'Dupont-Moreau'];
const companies = ['Acme', 'Acme Industries', 'Dupré & Fils', 'Helios Énergie', 'Jean Dupont SA', 'Atlas Conseil', 'Ab C', 'Abb', 'Äba'];

beforeAll(async () => {
  let n = 0;
  const id = () => `rec-${String(n++).padStart(5, '0')}`;
  const domainOf = (name: string) => `${foldText(name).replace(/ /g, '-')}.fr`;
  for (const name of companies) {
    records.push({ id: id(), kind: 'company', name, emails: [`contact@${domainOf(name)}`], domains: [domainOf(name)] });
  }
  let i = 0;
  for (const first of firsts) {
    for (const last of lasts) {
      const company = records[i % companies.length]!;
      const local = `${foldText(first).replace(/ /g, '')}.${foldText(last).replace(/ /g, '')}`;
      records.push(
        i % 3 === 0
          ? { id: id(), kind: 'client', name: `${first} ${last}`, emails: [`${local}@gmail.com`], domains: [] }
          : { id: id(), kind: 'contact', name: `${first} ${last}`, emails: [`${local}${i % 5 === 0 ? i : ''}@${company.domains[0]}`], domains: [] },
      );
      i++;
    }
  }
  // The same name twice: ties broken by id.
  records.push({ id: id(), kind: 'client', name: 'Jean Dupont', emails: [], domains: [] });
  for (let b = 0; b < 2_100; b++) {
    records.push({ id: id(), kind: 'client', name: `Person ${b}`, emails: [`bulk${b}@mass.test`], domains: [] });
  }
  const now = new Date().toISOString();
  for (let start = 0; start < records.length; start += 500) {
    const chunk = records.slice(start, start + 500);
    await t.db
      .insertInto('records')
      .values(chunk.map((r) => ({ id: r.id, org_id: t.seed.org.id, kind: r.kind, name: r.name, name_folded: foldText(r.name), phone: null, company_id: null, created_at: now })))
      .execute();
    const emails = chunk.flatMap((r) => r.emails.map((email) => ({ record_id: r.id, email })));
    if (emails.length) await t.db.insertInto('record_emails').values(emails).execute();
    const domains = chunk.flatMap((r) => r.domains.map((domain) => ({ record_id: r.id, domain })));
    if (domains.length) await t.db.insertInto('record_domains').values(domains).execute();
  }
}, 120_000);

const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The ranking, stated plainly: what the buckets and indexes must reproduce. */
function reference(q: string, kind?: Rec['kind']): string[] {
  const folded = foldText(q);
  const words = folded ? folded.split(' ').slice(0, 8) : [];
  const raw = q.trim().toLowerCase();
  const rankOf = (r: Rec): number | undefined => {
    const name = foldText(r.name);
    if (!folded && !raw) return 0;
    if (folded && name === folded) return 0;
    if (folded && name.startsWith(folded)) return 1;
    if (folded && words.every((w) => ` ${name}`.includes(` ${w}`))) return 2;
    if (raw && [...r.emails, ...r.domains].some((a) => a.startsWith(raw))) return 3;
    return undefined;
  };
  return records
    .filter((r) => !kind || r.kind === kind)
    .map((r) => ({ r, rank: rankOf(r), name: foldText(r.name) }))
    .filter((x) => x.rank !== undefined)
    .sort((a, b) => a.rank! - b.rank! || bytes(a.name, b.name) || bytes(a.r.id, b.r.id))
    .map((x) => x.r.id);
}

async function page(q: string, kind: string | undefined, limit: number, cursor: string | null): Promise<RecordList> {
  const params = new URLSearchParams({ q, limit: String(limit) });
  if (kind) params.set('kind', kind);
  if (cursor) params.set('cursor', cursor);
  const res = await t.request(member, { method: 'GET', url: `/api/records?${params}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const queries: [string, Rec['kind']?][] = [
  ['jean'], ['a'], ['dupont'], ['acme.fr'], ['marie@'], ['jean du'], ['du jean'], ['contact@'], ['hel'], ['HÉL'],
  ['ab'], ['martin'], ['j'], ['jean jean'], ['dupont-moreau'], ['zzz'], ['bulk'], ['bulk1'], ['bulk20'], ['mass.test'],
  ['é'], ['%'], ['_'], ['   '], [''], ['jean', 'client'], ['a', 'company'], ['contact@', 'company'], ['acme', 'contact'],
];

describe('one query table, the same answers on SQLite and PostgreSQL', () => {
  it.each(queries)('q=%j kind=%s: pages of 7 follow the reference ranking', async (q, kind) => {
    const expected = reference(q, kind);
    const got: string[] = [];
    let cursor: string | null = null;
    let first: RecordList | undefined;
    // Nine pages (63 rows) cover every bucket boundary of these queries without reading 2,000 rows.
    for (let p = 0; p < 9; p++) {
      const res: RecordList = await page(q, kind, 7, cursor);
      first ??= res;
      got.push(...res.items.map((r) => r.id));
      cursor = res.nextCursor;
      if (!cursor) break;
    }
    expect(got).toEqual(expected.slice(0, got.length));
    expect(got.length).toBe(Math.min(expected.length, 63));
    expect(cursor === null).toBe(expected.length <= 63);
    expect(first).toMatchObject({ total: Math.min(expected.length, 1_000), totalCapped: expected.length > 1_000 });
  });

  it('gives a whole bucket in one page when asked for 100', async () => {
    const res = await page('bulk1', undefined, 100, null);
    expect(res.items.map((r) => r.id)).toEqual(reference('bulk1').slice(0, 100));
  });
});
