import type { User } from '../../../contract/auth';
import type { Db } from '../db/database';
import { foldText } from '../records/fold';
import { listUsersInOrg } from './users.repository';
import { fullName, toUser } from './users.mapper';

/**
 * Finds people of the organisation by name or email for the access dialog. Matching is done on
 * folded text in memory rather than in SQL because SQLite's lower() ignores accents and non-ASCII
 * case ("béranger" would miss "Béranger" there but not on PostgreSQL); an organisation's user list
 * is small enough to fold per request.
 */
export async function searchUsers(db: Db, orgId: string, q: string, limit: number): Promise<{ items: User[]; total: number }> {
  const rows = await listUsersInOrg(db, orgId);
  const needle = foldText(q);
  const rawNeedle = q.trim().toLowerCase();
  const matches = rows.filter((u) => {
    if (!needle && !rawNeedle) return true;
    // Word prefixes ("mia mem", "bér"), in either name order; any part of the email.
    const name = ` ${foldText(`${fullName(u)} ${u.last_name} ${u.first_name}`)}`;
    return (needle !== '' && name.includes(` ${needle}`)) || (rawNeedle !== '' && u.email.includes(rawNeedle));
  });
  return { items: matches.slice(0, limit).map(toUser), total: matches.length };
}
