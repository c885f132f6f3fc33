/**
 * How a new person gets in: a single-use invitation valid 7 days (the person chooses a password
 * and is signed in), or, for set-ups that cannot pass a link, a one-time password they must
 * change at first sign-in. Only token hashes are stored, as for sessions.
 */
import { randomInt } from 'node:crypto';
import type { LoginResponse } from '../../../contract/auth';
import type { Invitation, InvitationInfo } from '../../../contract/users';
import { recordAudit } from '../audit/audit.service';
import { hashPassword } from '../auth/passwords';
import { openSession } from '../auth/sessions.service';
import { hashToken, newToken } from '../auth/tokens';
import type { Db } from '../db/database';
import type { InvitationRow } from '../db/tables/identity.table';
import { fromFlag, newId, nowIso } from '../db/values';
import { ApiError } from '../http/api-error';
import { findOrganisation } from '../orgs/orgs.repository';
import { claimInvitation, endOpenInvitations, findInvitationByHash, insertInvitation } from './invitations.repository';
import { deleteSessionsOfUser, findUserInOrg, updateUserRow } from './users.repository';
import { toUser } from './users.mapper';

export const INVITATION_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A new invitation for the user; any older one stops working. */
export async function newInvitation(trx: Db, orgId: string, userId: string, createdBy: string | null): Promise<Invitation> {
  const now = new Date();
  await endOpenInvitations(trx, userId, now.toISOString(), 'replaced');
  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY_MS).toISOString();
  await insertInvitation(trx, {
    id: newId(),
    org_id: orgId,
    user_id: userId,
    token_hash: hashToken(token),
    expires_at: expiresAt,
    created_by: createdBy,
    created_at: now.toISOString(),
    ended_at: null,
    end_reason: null,
  });
  return { token, expiresAt };
}

// No 0/O, 1/l/I: read aloud or copied from a screen without mistakes.
const READABLE = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Four groups of four (≈ 92 bits): typed once, then replaced by the person's own. */
export function newTemporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

export interface TemporaryPassword {
  password: string;
  hash: string;
}

/** Made before the transaction: hashing takes ~0.2 s, which must not hold the database's write lock. */
export async function makeTemporaryPassword(): Promise<TemporaryPassword> {
  const password = newTemporaryPassword();
  return { password, hash: await hashPassword(password) };
}

/** Sets a one-time password (and voids any invitation): the person must change it at first sign-in. */
export async function setTemporaryPassword(trx: Db, orgId: string, userId: string, temp: TemporaryPassword): Promise<string> {
  await endOpenInvitations(trx, userId, nowIso(), 'replaced');
  await updateUserRow(trx, orgId, userId, { password_hash: temp.hash, must_change_password: 1 });
  await deleteSessionsOfUser(trx, userId);
  return temp.password;
}

/** 410: the code was real but no longer works; the code says why, so every language can say it. */
const refused = (code: 'invitation_invalid' | 'invitation_used' | 'invitation_replaced' | 'invitation_expired', message: string) =>
  new ApiError(410, code, message);

/** The invitation behind a token, with its user, or a clear refusal saying why it does not work. */
async function openInvitation(db: Db, token: string) {
  const row: InvitationRow | undefined = await findInvitationByHash(db, hashToken(token.trim()));
  if (!row) throw new ApiError(404, 'invitation_invalid', 'This invitation code is not valid. Check that you copied all of it.');
  if (row.end_reason === 'accepted') throw refused('invitation_used', 'This invitation has already been used. Sign in with your email and password.');
  if (row.end_reason === 'replaced') throw refused('invitation_replaced', 'This invitation was replaced by a newer one. Use the latest invitation you were sent.');
  if (row.expires_at <= nowIso()) throw refused('invitation_expired', 'This invitation has expired. Ask your administrator for a new one.');
  const user = await findUserInOrg(db, row.org_id, row.user_id);
  if (!user || !fromFlag(user.active)) throw refused('invitation_invalid', 'This invitation no longer works. Ask your administrator.');
  return { row, user };
}

export async function inspectInvitation(db: Db, token: string): Promise<InvitationInfo> {
  const { row, user } = await openInvitation(db, token);
  const org = await findOrganisation(db, row.org_id);
  return { email: user.email, firstName: user.first_name, lastName: user.last_name, orgName: org?.name ?? '', expiresAt: row.expires_at };
}

/**
 * Redeems the invitation: the person's password (hashed by the caller, outside the transaction) is
 * set and they are signed in. Single use, also when two redemptions race.
 */
export async function acceptInvitation(trx: Db, token: string, passwordHash: string, ttlDays: number): Promise<LoginResponse> {
  const { row, user } = await openInvitation(trx, token);
  const now = nowIso();
  if (!(await claimInvitation(trx, row.id, now))) throw refused('invitation_used', 'This invitation has already been used. Sign in with your email and password.');
  await updateUserRow(trx, user.org_id, user.id, { password_hash: passwordHash, must_change_password: 0, last_sign_in_at: now });
  const session = await openSession(trx, user.id, ttlDays);
  await recordAudit(trx, { orgId: user.org_id, actorId: user.id, action: 'invitation.accepted', subjectType: 'user', subjectId: user.id });
  return { ...session, user: toUser(user), mustChangePassword: false };
}
