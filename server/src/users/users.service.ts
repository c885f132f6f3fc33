/**
 * An organisation's people as its administrators manage them: add (with an invitation or a
 * one-time password), edit, deactivate and reactivate, and the rules that keep the organisation
 * workable — an email is one person, and there is always an active administrator.
 */
import type { User } from '../../../contract/auth';
import type { AdminUser, UpdateUserRequest, UserCredentials, UserListQuery } from '../../../contract/users';
import { createUserRequestSchema } from '../../../contract/users';
import type { z } from 'zod';
import { recordAudit } from '../audit/audit.service';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import type { UserRow, UserUpdate } from '../db/tables/identity.table';
import { fromFlag, nowIso } from '../db/values';
import { conflict, notFound } from '../http/api-error';
import type { AuthContext } from '../http/request-context';
import { createUser } from '../orgs/orgs.service';
import { foldText } from '../records/fold';
import { newInvitation, setTemporaryPassword, type TemporaryPassword } from './invitations.service';
import {
  countOtherActiveAdmins,
  deleteSessionsOfUser,
  findUserByEmail,
  findUserInOrg,
  listAccountsOfUsers,
  listUsersInOrg,
  updateUserRow,
} from './users.repository';
import { fullName, toAdminUser, toUser, userStatus } from './users.mapper';

type CreateInput = z.output<typeof createUserRequestSchema>;

const USER = 'This person';

/** Word prefixes of the name ("mia mem", "bér"), in either order, or any part of the email. */
function matches(u: UserRow, q: string): boolean {
  const needle = foldText(q);
  const rawNeedle = q.trim().toLowerCase();
  if (!needle && !rawNeedle) return true;
  const name = ` ${foldText(`${fullName(u)} ${u.last_name} ${u.first_name}`)}`;
  return (needle !== '' && name.includes(` ${needle}`)) || (rawNeedle !== '' && u.email.includes(rawNeedle));
}

async function withAccounts(db: Db, rows: UserRow[]): Promise<AdminUser[]> {
  const grants = await listAccountsOfUsers(db, rows.map((r) => r.id), nowIso());
  return rows.map((r) => toAdminUser(r, grants.filter((g) => g.user_id === r.id).map((g) => ({ id: g.id, address: g.address }))));
}

/**
 * The organisation's people by name or email, paged. Folded in memory rather than in SQL because
 * SQLite's lower() ignores accents and non-ASCII case ("béranger" would miss "Béranger" there but
 * not on PostgreSQL); an organisation's people (hundreds) fold in well under a millisecond.
 */
export async function searchUsers(db: Db, orgId: string, query: UserListQuery): Promise<{ items: AdminUser[]; total: number }> {
  const rows = (await listUsersInOrg(db, orgId)).filter(
    (u) => matches(u, query.q) && (query.status === 'all' || userStatus(u) === query.status),
  );
  return { items: await withAccounts(db, rows.slice(query.offset, query.offset + query.limit)), total: rows.length };
}

async function findOrgUser(db: Db, orgId: string, id: string): Promise<UserRow> {
  const row = await findUserInOrg(db, orgId, id);
  if (!row) throw notFound(USER);
  return row;
}

export async function getAdminUser(db: Db, orgId: string, id: string): Promise<AdminUser> {
  return (await withAccounts(db, [await findOrgUser(db, orgId, id)]))[0]!;
}

/** Emails are the login: one person per address on the whole server. */
async function assertEmailFree(db: Db, orgId: string, email: string, exceptId?: string): Promise<void> {
  const other = await findUserByEmail(db, email);
  if (!other || other.id === exceptId) return;
  throw conflict(
    other.org_id === orgId
      ? `${email} already belongs to ${fullName(other)} in your organisation.`
      : `${email} is already used by another Mailroom user. Use a different address.`,
  );
}

/** A unique-index race (two admins adding the same address at once) reads as the same 409. */
async function guardUnique<T>(email: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`${email} is already used by another Mailroom user.`);
    throw err;
  }
}

/** The one-time password when the admin asked for one (hashed before the transaction), else an invitation. */
async function wayIn(trx: Db, auth: AuthContext, userId: string, temp?: TemporaryPassword) {
  return temp
    ? { temporaryPassword: await setTemporaryPassword(trx, auth.orgId, userId, temp) }
    : { invitation: await newInvitation(trx, auth.orgId, userId, auth.userId) };
}

/**
 * Adds a person. They get in with the single-use invitation returned here, or with `temp` (a
 * one-time password, hashed before the transaction) when the admin asked for one.
 */
export async function createOrgUser(trx: Db, auth: AuthContext, input: CreateInput, temp?: TemporaryPassword): Promise<UserCredentials> {
  await assertEmailFree(trx, auth.orgId, input.email);
  // No password until the person chooses one: an empty hash matches nothing.
  const id = await guardUnique(input.email, () => createUser(trx, auth.orgId, { ...input, password: '', passwordHash: '' }));
  const credentials = await wayIn(trx, auth, id, temp);
  await recordAudit(trx, {
    orgId: auth.orgId,
    actorId: auth.userId,
    action: 'user.created',
    subjectType: 'user',
    subjectId: id,
    detail: { email: input.email, role: input.role, way: temp ? 'temporary_password' : 'invitation' },
  });
  return { user: await getAdminUser(trx, auth.orgId, id), ...credentials };
}

/** The rule every demotion and deactivation passes: someone must still be able to administer. */
async function assertNotLastAdmin(trx: Db, row: UserRow, doing: string): Promise<void> {
  if (row.role !== 'admin' || !fromFlag(row.active)) return;
  if ((await countOtherActiveAdmins(trx, row.org_id, row.id)) === 0) {
    throw conflict(`${fullName(row)} is the organisation's last active administrator and cannot be ${doing}. Make someone else an administrator first.`);
  }
}

export async function updateOrgUser(trx: Db, auth: AuthContext, id: string, input: UpdateUserRequest): Promise<AdminUser> {
  const row = await findOrgUser(trx, auth.orgId, id);
  const patch: UserUpdate = {};
  if (input.email !== undefined && input.email !== row.email) {
    await assertEmailFree(trx, auth.orgId, input.email, row.id);
    patch.email = input.email;
  }
  if (input.role !== undefined && input.role !== row.role) {
    if (input.role === 'member') await assertNotLastAdmin(trx, row, 'made a member');
    patch.role = input.role;
  }
  if (input.firstName !== undefined) patch.first_name = input.firstName;
  if (input.lastName !== undefined) patch.last_name = input.lastName;
  if (input.jobTitle !== undefined) patch.job_title = input.jobTitle ?? null;
  if (input.phone !== undefined) patch.phone = input.phone ?? null;
  if (input.mobile !== undefined) patch.mobile = input.mobile ?? null;
  const changed = Object.keys(patch).filter((k) => patch[k as keyof UserUpdate] !== row[k as keyof UserRow]);
  if (changed.length > 0) {
    await guardUnique(patch.email ?? row.email, () => updateUserRow(trx, auth.orgId, id, patch));
    await recordAudit(trx, { orgId: auth.orgId, actorId: auth.userId, action: 'user.updated', subjectType: 'user', subjectId: id, detail: { changed } });
  }
  return getAdminUser(trx, auth.orgId, id);
}

/**
 * Deactivated people cannot sign in and their sessions end at once; their access grants are kept
 * (not counted, not usable) and work again on reactivation.
 */
export async function setUserActive(trx: Db, auth: AuthContext, id: string, active: boolean): Promise<AdminUser> {
  const row = await findOrgUser(trx, auth.orgId, id);
  if (fromFlag(row.active) === active) return getAdminUser(trx, auth.orgId, id);
  if (!active) {
    if (id === auth.userId) throw conflict('You cannot deactivate yourself. Ask another administrator.');
    await assertNotLastAdmin(trx, row, 'deactivated');
  }
  await updateUserRow(trx, auth.orgId, id, { active: active ? 1 : 0 });
  if (!active) await deleteSessionsOfUser(trx, id);
  await recordAudit(trx, {
    orgId: auth.orgId,
    actorId: auth.userId,
    action: active ? 'user.reactivated' : 'user.deactivated',
    subjectType: 'user',
    subjectId: id,
    detail: { email: row.email },
  });
  return getAdminUser(trx, auth.orgId, id);
}

/** A new way in for someone (lost invitation, forgotten password): the previous one stops working. */
export async function reissueCredentials(trx: Db, auth: AuthContext, id: string, temp?: TemporaryPassword): Promise<UserCredentials> {
  const row = await findOrgUser(trx, auth.orgId, id);
  if (!fromFlag(row.active)) throw conflict(`${fullName(row)} is deactivated. Reactivate them first.`);
  const credentials = await wayIn(trx, auth, id, temp);
  await recordAudit(trx, {
    orgId: auth.orgId,
    actorId: auth.userId,
    action: 'user.invited',
    subjectType: 'user',
    subjectId: id,
    detail: { email: row.email, way: temp ? 'temporary_password' : 'invitation' },
  });
  return { user: await getAdminUser(trx, auth.orgId, id), ...credentials };
}

/** The caller's own user, as pages see it. */
export async function getSelf(db: Db, auth: AuthContext): Promise<User> {
  return toUser(await findOrgUser(db, auth.orgId, auth.userId));
}
