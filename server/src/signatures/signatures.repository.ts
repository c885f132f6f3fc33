import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';
import type { NewSignature, SignatureRow, SignaturesTable } from '../db/tables/content.table';

export async function listSignatureRows(db: Db, accountId: string): Promise<SignatureRow[]> {
  return db.selectFrom('signatures').selectAll().where('account_id', '=', accountId).orderBy('position').orderBy('created_at').execute();
}

/** A signature of an account of `orgId`; another organisation's id reads as missing. */
export async function findSignatureInOrg(db: Db, orgId: string, id: string): Promise<SignatureRow | undefined> {
  return db
    .selectFrom('signatures')
    .innerJoin('email_accounts', 'email_accounts.id', 'signatures.account_id')
    .selectAll('signatures')
    .where('email_accounts.org_id', '=', orgId)
    .where('signatures.id', '=', id)
    .executeTakeFirst();
}

/**
 * Locks the account row until commit on PostgreSQL, so two concurrent creations cannot both see
 * two signatures and add a fourth. SQLite serialises write transactions on its one connection.
 */
export async function lockAccountSignatures(trx: Db, accountId: string): Promise<void> {
  if (!isPostgres(trx)) return;
  await trx.selectFrom('email_accounts').select('id').where('id', '=', accountId).forUpdate().execute();
}

export async function insertSignature(db: Db, row: NewSignature): Promise<void> {
  await db.insertInto('signatures').values(row).execute();
}

export async function updateSignatureRow(
  db: Db,
  id: string,
  patch: Partial<Pick<SignaturesTable, 'name' | 'html' | 'position' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('signatures').set(patch).where('id', '=', id).execute();
}

export async function deleteSignatureRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('signatures').where('id', '=', id).execute();
}

/** Nobody keeps a deleted signature as their default (the FK does it too; this does not rely on it). */
export async function clearDefaultSignature(db: Db, signatureId: string): Promise<void> {
  await db.updateTable('account_access').set({ default_signature_id: null }).where('default_signature_id', '=', signatureId).execute();
}
