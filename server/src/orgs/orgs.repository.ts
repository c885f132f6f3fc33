import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';
import type { NewOrganisation, OrganisationRow } from '../db/tables/identity.table';

export async function insertOrganisation(db: Db, row: NewOrganisation): Promise<void> {
  await db.insertInto('organisations').values(row).execute();
}

export async function findOrganisation(db: Db, orgId: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirst();
}

/**
 * Reads the organisation inside a transaction and, on PostgreSQL, locks its row until commit so
 * concurrent quota checks run one after another. SQLite needs no lock: its single writer
 * connection already serialises transactions.
 */
export async function lockOrganisation(trx: Db, orgId: string): Promise<OrganisationRow | undefined> {
  let q = trx.selectFrom('organisations').selectAll().where('id', '=', orgId);
  if (isPostgres(trx)) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function countOrganisations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActiveAccounts(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('email_accounts')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('org_id', '=', orgId)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
