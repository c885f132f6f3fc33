import type { LoginRequest, LoginResponse } from '../../../contract/auth';
import type { Db } from '../db/database';
import { fromFlag, nowIso } from '../db/values';
import { unauthorized } from '../http/api-error';
import { findUserByEmail, updateUserRow } from '../users/users.repository';
import { toUser } from '../users/users.mapper';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { openSession } from './sessions.service';

/** Same answer for an unknown email and a wrong password, so logins cannot probe who exists. */
const WRONG = 'Wrong email or password.';

export async function login(db: Db, input: LoginRequest, ttlDays: number): Promise<LoginResponse> {
  const user = await findUserByEmail(db, input.email);
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok) throw unauthorized(WRONG);
  // Said only to whoever knows the password: it tells nothing to someone probing addresses.
  if (!fromFlag(user.active)) throw unauthorized('Your Mailroom account has been deactivated. Ask your administrator to reactivate it.');
  const { token, expiresAt } = await openSession(db, user.id, ttlDays);
  await updateUserRow(db, user.org_id, user.id, { last_sign_in_at: nowIso() });
  return { token, expiresAt, user: toUser(user), mustChangePassword: fromFlag(user.must_change_password) };
}
