import { createHash } from 'node:crypto';
import type { Db } from '../../src/db/database';
import type { Database } from '../../src/db/schema';

/**
 * Tables whose rows a refused request must leave alone. `login_attempts` is left out on purpose: a
 * refused sign-in is counted (the rate limit), and `sessions` because the test signs in for each
 * request.
 */
const TABLES: (keyof Database)[] = [
  'organisations', 'users', 'email_accounts', 'account_access', 'signatures', 'records', 'record_emails', 'record_domains',
  'messages', 'message_accounts', 'filings', 'attachment_blobs', 'presence', 'audit_log', 'inbox_events',
];

/** A hash of every row of those tables (rows sorted, so the order a database returns them in does not matter). */
export async function databaseFingerprint(db: Db): Promise<string> {
  const hash = createHash('sha256');
  for (const table of TABLES) {
    const rows = await db.selectFrom(table).selectAll().execute();
    const lines = rows.map((r) => JSON.stringify(r)).sort();
    hash.update(`${table}:${lines.join('\n')}\n`);
  }
  return hash.digest('hex');
}
