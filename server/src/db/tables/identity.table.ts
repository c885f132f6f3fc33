import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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
  /** Empty until an invited person chooses a password (matches no password). */
  password_hash: string;
  created_at: string;
  /** 0: deactivated — cannot sign in, grants kept but not counted. */
  active: Generated<number>;
  /** 1: signed in with a one-time password, must choose their own before anything else. */
  must_change_password: Generated<number>;
  last_sign_in_at: string | null;
}

export interface InvitationsTable {
  id: string;
  org_id: string;
  user_id: string;
  token_hash: string;
  expires_at: string;
  created_by: string | null;
  created_at: string;
  ended_at: string | null;
  end_reason: 'accepted' | 'replaced' | null;
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
export type InvitationRow = Selectable<InvitationsTable>;
export type NewInvitation = Insertable<InvitationsTable>;
