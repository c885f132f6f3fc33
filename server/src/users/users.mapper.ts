import type { User } from '../../../contract/auth';
import type { UserRow } from '../db/tables/identity.table';

export const fullName = (u: Pick<UserRow, 'first_name' | 'last_name' | 'email'>): string =>
  `${u.first_name} ${u.last_name}`.trim() || u.email;

/** The public shape of a user; never includes the password hash. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    firstName: row.first_name,
    lastName: row.last_name,
    fullName: fullName(row),
    jobTitle: row.job_title,
    phone: row.phone,
    mobile: row.mobile,
  };
}
