import type { Db } from '../db/database';
import { newId, nowIso } from '../db/values';
import { countOrganisations } from '../orgs/orgs.repository';
import { createOrganisationWithAdmin, createUser } from '../orgs/orgs.service';
import { foldText } from '../records/fold';
import { insertDemoRecord } from './demo.repository';

export const DEMO_ADMIN = 'admin@demo.test';
export const DEMO_MEMBER = 'alice@demo.test';
export const DEMO_QUOTA = 3;

type Kind = 'client' | 'contact' | 'company';
interface DemoRecord {
  key: string;
  kind: Kind;
  name: string;
  emails?: string[];
  domains?: string[];
  phone?: string;
  company?: string;
}

// Reserved example domains only (RFC 2606), with accents so search folding shows in the demo.
const RECORDS: DemoRecord[] = [
  { key: 'dupre', kind: 'company', name: 'Dupré & Fils', domains: ['dupre-fils.example'], phone: '+33 1 40 00 00 01' },
  { key: 'northwind', kind: 'company', name: 'Northwind Traders', domains: ['northwind.example'] },
  { key: 'helene', kind: 'contact', name: 'Hélène Dupré', emails: ['helene@dupre-fils.example'], company: 'dupre' },
  { key: 'nancy', kind: 'contact', name: 'Nancy Davolio', emails: ['nancy@northwind.example'], company: 'northwind', phone: '+1 206 555 0100' },
  { key: 'jean', kind: 'client', name: 'Jean Leclerc', emails: ['jean.leclerc@example.org'], phone: '+33 6 00 00 00 02' },
  { key: 'zoe', kind: 'client', name: 'Zoé Østergaard', emails: ['zoe@example.net', 'z.ostergaard@example.com'] },
];

/**
 * Creates the demo organisation (quota 3), its admin and member, and a few clients, contacts and
 * companies, only when the database has no organisation yet. No email account: adding one is the
 * first thing to try. Returns whether it seeded.
 */
export async function seedDemo(db: Db, password: string): Promise<boolean> {
  if ((await countOrganisations(db)) > 0) return false;
  const { orgId } = await createOrganisationWithAdmin(
    db,
    { name: 'Demo Company', quota: DEMO_QUOTA },
    { email: DEMO_ADMIN, password, firstName: 'Adrien', lastName: 'Martin', jobTitle: 'Office manager', phone: '+33 1 40 00 00 00' },
  );
  await db.transaction().execute(async (trx) => {
    await createUser(trx, orgId, {
      email: DEMO_MEMBER,
      password,
      role: 'member',
      firstName: 'Alice',
      lastName: 'Durand',
      jobTitle: 'Account manager',
      phone: '+33 1 40 00 00 10',
      mobile: '+33 6 12 34 56 78',
    });
    const ids = new Map<string, string>();
    for (const r of RECORDS) {
      const id = newId();
      ids.set(r.key, id);
      await insertDemoRecord(
        trx,
        {
          id,
          org_id: orgId,
          kind: r.kind,
          name: r.name,
          name_folded: foldText(r.name),
          phone: r.phone ?? null,
          company_id: r.company ? (ids.get(r.company) ?? null) : null,
          created_at: nowIso(),
        },
        r.emails ?? [],
        r.domains ?? [],
      );
    }
  });
  return true;
}
