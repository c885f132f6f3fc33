/**
 * A modest record set for the mixed-load benchmark: `count` contacts, companies and clients with
 * folded names, every other one with an email at one of 500 client domains, written in one
 * transaction. TODO: share one builder with the search benchmarks (bench/datasets/ in the
 * search-perf work) once it has landed, and drop this one.
 */
import type { Db } from '../../server/src/db/database';

const first = ['Hélène', 'Jean', 'Marie', 'Luc', 'Chloé', 'Paul', 'Inès', 'Hugo', 'Léa', 'Noé', 'Zoé', 'Éric'];
const last = ['Dupré', 'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Lefèvre', 'Garnier'];
const kinds = ['contact', 'client', 'company'] as const;
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** Address of record `i`'s email (only even `i` have one). */
export const recordEmail = (i: number) => `p${i}@client${i % 500}.test`;

export async function buildRecords(db: Db, orgId: string, count: number): Promise<void> {
  const createdAt = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < count; start += 500) {
      const rows = [];
      const emails = [];
      for (let i = start; i < Math.min(count, start + 500); i++) {
        const name = `${first[i % first.length]} ${last[Math.floor(i / first.length) % last.length]} ${i}`;
        rows.push({ id: `rec${i}`, org_id: orgId, kind: kinds[i % 3]!, name, name_folded: fold(name), phone: null, company_id: null, created_at: createdAt });
        if (i % 2 === 0) emails.push({ record_id: `rec${i}`, email: recordEmail(i) });
      }
      await trx.insertInto('records').values(rows).execute();
      if (emails.length > 0) await trx.insertInto('record_emails').values(emails).execute();
    }
  });
}
