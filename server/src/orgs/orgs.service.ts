import type { Org, Role } from '../../../contract/auth';
import type { Invitation } from '../../../contract/users';
import { hashPassword } from '../auth/passwords';
import type { Db } from '../db/database';
import { newId, nowIso } from '../db/values';
import { notFound } from '../http/api-error';
import { conflict } from '../http/api-error';
import { newInvitation } from '../users/invitations.service';
import { findUserByEmail, insertUser } from '../users/users.repository';
import { countActiveAccounts, findOrganisation, insertOrganisation } from './orgs.repository';

export interface NewUserInput {
  email: string;
  password: string;
  /** A precomputed hash of `password` (seeding many users); otherwise it is hashed here. */
  passwordHash?: string;
  role: Role;
  firstName: string;
  lastName: string;
  jobTitle?: string | null;
  phone?: string | null;
  mobile?: string | null;
}

export async function getOrgView(db: Db, orgId: string): Promise<Org> {
  const org = await findOrganisation(db, orgId);
  if (!org) throw notFound('The organisation');
  return { id: org.id, name: org.name, quota: org.quota, activeAccounts: await countActiveAccounts(db, orgId) };
}

/** Creates a user in an organisation (used by bootstrap, demo seed and tests). Returns the id. */
export async function createUser(db: Db, orgId: string, input: NewUserInput): Promise<string> {
  const id = newId();
  await insertUser(db, {
    id,
    org_id: orgId,
    email: input.email.trim().toLowerCase(),
    role: input.role,
    first_name: input.firstName,
    last_name: input.lastName,
    job_title: input.jobTitle ?? null,
    phone: input.phone ?? null,
    mobile: input.mobile ?? null,
    password_hash: input.passwordHash ?? (await hashPassword(input.password)),
    created_at: nowIso(),
  });
  return id;
}

/** Creates an organisation and its first administrator in one transaction. */
export async function createOrganisationWithAdmin(
  db: Db,
  org: { name: string; quota: number },
  admin: Omit<NewUserInput, 'role'>,
): Promise<{ orgId: string; adminId: string }> {
  return db.transaction().execute(async (trx) => {
    const orgId = newId();
    await insertOrganisation(trx, { id: orgId, name: org.name, quota: org.quota, created_at: nowIso() });
    const adminId = await createUser(trx, orgId, { ...admin, role: 'admin' });
    return { orgId, adminId };
  });
}

/**
 * A new organisation whose first administrator gets in by invitation (`npm run org:create`): no
 * password is chosen for them or printed anywhere.
 */
export async function createOrganisationWithInvitedAdmin(
  db: Db,
  org: { name: string; quota: number },
  admin: { email: string; firstName: string; lastName: string },
): Promise<{ orgId: string; adminId: string; invitation: Invitation }> {
  return db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, admin.email)) throw conflict(`${admin.email} is already a Mailroom user on this server.`);
    const orgId = newId();
    await insertOrganisation(trx, { id: orgId, name: org.name, quota: org.quota, created_at: nowIso() });
    const adminId = await createUser(trx, orgId, { ...admin, role: 'admin', password: '', passwordHash: '' });
    return { orgId, adminId, invitation: await newInvitation(trx, orgId, adminId, null) };
  });
}
