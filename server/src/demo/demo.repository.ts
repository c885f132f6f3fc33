import type { Db } from '../db/database';
import type { NewRecord } from '../db/tables/content.table';

// The demo seed writes records directly (the records module owns the API for them); kept to the
// three inserts it needs so the seed does not depend on the records service's rules.

export async function insertDemoRecord(db: Db, row: NewRecord, emails: string[], domains: string[]): Promise<void> {
  await db.insertInto('records').values(row).execute();
  if (emails.length) await db.insertInto('record_emails').values(emails.map((email) => ({ record_id: row.id, email }))).execute();
  if (domains.length) await db.insertInto('record_domains').values(domains.map((domain) => ({ record_id: row.id, domain }))).execute();
}
