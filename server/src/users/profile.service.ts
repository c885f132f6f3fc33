/** One's own profile (the fields signatures print) and password. */
import type { User } from '../../../contract/auth';
import type { PasswordChangeRequest, ProfilePatch } from '../../../contract/users';
import { recordAudit } from '../audit/audit.service';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { Db } from '../db/database';
import type { UserUpdate } from '../db/tables/identity.table';
import { invalid, notFound } from '../http/api-error';
import type { AuthContext } from '../http/request-context';
import { deleteSessionsOfUser, findUserInOrg, updateUserRow } from './users.repository';
import { toUser } from './users.mapper';

export async function updateProfile(trx: Db, auth: AuthContext, input: ProfilePatch): Promise<User> {
  const patch: UserUpdate = {};
  if (input.firstName !== undefined) patch.first_name = input.firstName;
  if (input.lastName !== undefined) patch.last_name = input.lastName;
  if (input.jobTitle !== undefined) patch.job_title = input.jobTitle ?? null;
  if (input.phone !== undefined) patch.phone = input.phone ?? null;
  if (input.mobile !== undefined) patch.mobile = input.mobile ?? null;
  await updateUserRow(trx, auth.orgId, auth.userId, patch);
  if (Object.keys(patch).length > 0) {
    await recordAudit(trx, {
      orgId: auth.orgId,
      actorId: auth.userId,
      action: 'profile.updated',
      subjectType: 'user',
      subjectId: auth.userId,
      detail: { changed: Object.keys(patch) },
    });
  }
  const row = await findUserInOrg(trx, auth.orgId, auth.userId);
  if (!row) throw notFound('Your user');
  return toUser(row);
}

/**
 * Checks the current password, sets the new one and ends the user's other sessions (a password
 * change is how people lock out a lost laptop). Hashing runs before any write transaction.
 */
export async function changePassword(db: Db, auth: AuthContext, input: PasswordChangeRequest): Promise<void> {
  const row = await findUserInOrg(db, auth.orgId, auth.userId);
  if (!row) throw notFound('Your user');
  if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw invalid('currentPassword', 'Your current password is not right.');
  }
  if (input.newPassword === input.currentPassword) throw invalid('newPassword', 'Choose a password different from the current one.');
  const hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await updateUserRow(trx, auth.orgId, auth.userId, { password_hash: hash, must_change_password: 0 });
    await deleteSessionsOfUser(trx, auth.userId, auth.sessionId);
    await recordAudit(trx, { orgId: auth.orgId, actorId: auth.userId, action: 'user.password_changed', subjectType: 'user', subjectId: auth.userId });
  });
}
