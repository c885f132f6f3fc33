import type { LoginRequest, LoginResponse } from '../../../contract/auth';
import type { Db } from '../db/database';
import { unauthorized } from '../http/api-error';
import { findUserByEmail } from '../users/users.repository';
import { toUser } from '../users/users.mapper';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { openSession } from './sessions.service';

/** Same answer for an unknown email and a wrong password, so logins cannot probe who exists. */
const WRONG = 'Wrong email or password.';

export async function login(db: Db, input: LoginRequest, ttlDays: number): Promise<LoginResponse> {
  const user = await findUserByEmail(db, input.email);
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok) throw unauthorized(WRONG);
  const { token, expiresAt } = await openSession(db, user.id, ttlDays);
  return { token, expiresAt, user: toUser(user) };
}
