import type { Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps are ISO-8601 UTC text and booleans integer 0/1, so SQLite and PostgreSQL agree. */
export interface OrganisationsTable {
  id: string;
  name: string;
  /** Maximum number of active email accounts. */
  quota: number;
  created_at: string;
}

export interface UsersTable {
  id: string;
  org_id: string;
  /** Lower-cased; unique across all organisations because it is the login. */
  email: string;
  role: 'admin' | 'member';
  first_name: string;
  last_name: string;
  job_title: string | null;
  phone: string | null;
  mobile: string | null;
  password_hash: string;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** sha256(token) in hex: a leaked database does not leak usable tokens. */
  token_hash: string;
  expires_at: string;
  created_at: string;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
