import type { CreateAccountRequest, EmailAccount, PutAccessRequest } from '../../../contract/accounts';
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
