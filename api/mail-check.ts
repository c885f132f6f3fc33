/**
 * The mail checks of the admin console: a connection test of the servers being typed in the
 * account form, and the DNS (deliverability) check of an account's domain. Background only.
 */
import { deliverabilitySchema, testConnectionResponseSchema, type TestConnectionRequest } from '@/contract';
import type { ApiClient } from './client';

/**
 * The server bounds each step to 10 s and runs incoming and outgoing together: up to five steps
 * in a row, so far longer than an ordinary call may take.
 */
const CONNECTION_TEST_TIMEOUT_MS = 60_000;
/** Four checks in parallel, each bounded by the server (an SPF record may need several lookups). */
const DELIVERABILITY_TIMEOUT_MS = 30_000;

export function mailCheckApi(c: ApiClient) {
  return {
    testConnection: (req: TestConnectionRequest) =>
      c.json('post', '/api/email-accounts/test-connection', testConnectionResponseSchema, { json: req, timeoutMs: CONNECTION_TEST_TIMEOUT_MS }),
    deliverability: (accountId: string, selector?: string) =>
      c.json('get', `/api/email-accounts/${encodeURIComponent(accountId)}/deliverability`, deliverabilitySchema, {
        timeoutMs: DELIVERABILITY_TIMEOUT_MS,
        ...(selector ? { searchParams: { selector } } : {}),
      }),
  };
}
