import type { User } from '../../../contract/auth';
import type { AdminUser, UserStatus } from '../../../contract/users';
import type { UserRow } from '../db/tables/identity.table';
import { fromFlag } from '../db/values';

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

/** Invited: has never signed in with a password of their own choosing yet. */
export function userStatus(row: UserRow): UserStatus {
  if (!fromFlag(row.active)) return 'deactivated';
  if (row.last_sign_in_at === null && (row.password_hash === '' || fromFlag(row.must_change_password))) return 'invited';
  return 'active';
}

export function toAdminUser(row: UserRow, accounts: { id: string; address: string }[]): AdminUser {
  return {
    ...toUser(row),
    active: fromFlag(row.active),
    status: userStatus(row),
    mustChangePassword: fromFlag(row.must_change_password),
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
    accounts,
  };
}
