import type { CreateAccountRequest, EmailAccount, PutAccessRequest } from '../../../contract/accounts';
import { insertAccess } from '../../src/accounts/access.repository';
import { insertAccount } from '../../src/accounts/accounts.repository';
import type { Db } from '../../src/db/database';
import { newId, nowIso } from '../../src/db/values';
import type { TestApp } from './test-app';

/** Secrets used by `accountInput`; tests grep responses and the database for them. */
export const IN_SECRET = 'in-s3cret-Pa55word';
export const OUT_SECRET = 'out-s3cret-Pa55word';

/** A valid create-account body; override any field. */
export function accountInput(overrides: Partial<CreateAccountRequest> = {}): CreateAccountRequest {
  return {
    address: 'sales@acme.test',
    displayName: 'Acme Sales',
    incoming: { protocol: 'imap', host: 'imap.acme.test', port: 993, security: 'tls', username: 'sales', password: IN_SECRET },
    outgoing: { host: 'smtp.acme.test', port: 587, security: 'starttls', username: 'sales', password: OUT_SECRET },
    ...overrides,
  };
}

/** Creates an account through the API (as `token`, an admin) and returns it; throws on failure. */
export async function createAccountAs(t: TestApp, token: string, overrides: Partial<CreateAccountRequest> = {}): Promise<EmailAccount> {
  const res = await t.request(token, { method: 'POST', url: '/api/email-accounts', payload: accountInput(overrides) });
  if (res.statusCode !== 201) throw new Error(`create account failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The account the bad-input property tests send their requests about: fuzz@acme.test, the seeded member granted. */
export async function fuzzAccount(t: TestApp, adminToken: string): Promise<string> {
  const { id } = await createAccountAs(t, adminToken, { address: 'fuzz@acme.test' });
  await grantAccess(t, adminToken, id, t.seed.member.id);
  return id;
}

/** Grants (or changes) access through the API; throws on failure. */
export async function grantAccess(t: TestApp, adminToken: string, accountId: string, userId: string, body: PutAccessRequest = {}) {
  const res = await t.request(adminToken, {
    method: 'PUT',
    url: `/api/email-accounts/${accountId}/access/${userId}`,
    payload: body,
  });
  if (res.statusCode >= 300) throw new Error(`grant access failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/**
 * An active email account with the given users' access, written straight through the
 * repositories: for tests of other modules that need an account but not the accounts API
 * (no admin token, no quota, no audit rows). Returns its id.
 */
export async function insertAccountWithAccess(
  db: Db,
  orgId: string,
  address: string,
  users: { id: string; expiresAt?: string | null }[],
): Promise<string> {
  const id = newId();
  await insertAccount(db, {
    id,
    org_id: orgId,
    address,
    display_name: address,
    active: 1,
    in_protocol: 'imap',
    in_host: 'imap.example.test',
    in_port: 993,
    in_security: 'tls',
    in_username: address,
    in_password_enc: 'not-used-here',
    created_at: nowIso(),
    updated_at: nowIso(),
  });
  for (const u of users) {
    await insertAccess(db, {
      account_id: id,
      user_id: u.id,
      is_default: 0,
      default_signature_id: null,
      expires_at: u.expiresAt ?? null,
      granted_at: nowIso(),
    });
  }
  return id;
}
