import type { z } from 'zod';
import type { Deliverability, TestConnectionResponse, testConnectionRequestSchema } from '../../../contract/mail-check';
import { findAccountForAdmin } from '../accounts/accounts.access-rules';
import type { SecretBox } from '../accounts/secret-box';
import type { Db } from '../db/database';
import type { EmailAccountRow } from '../db/tables/accounts.table';
import { invalid } from '../http/api-error';
import type { AuthContext } from '../http/request-context';
import { checkServer, type CheckOptions } from './connection-check';
import { checkDeliverability } from './deliverability';
import type { MailDns } from './mail-dns';

type TestInput = z.output<typeof testConnectionRequestSchema>;

/** What buildApp gives the mail checks (app.mailCheckDeps). */
export interface MailCheckDeps {
  dns: MailDns;
  /** Authorities trusted besides the system's (PEM), for connection tests. */
  trustedCas: string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    mailCheckDeps: MailCheckDeps;
  }
}

export interface MailCheckContext extends MailCheckDeps {
  allowPrivateHosts: boolean;
  timeoutMs: number;
}

const sameHost = (a: string, b: string | null) => b !== null && a.toLowerCase() === b.toLowerCase();

/**
 * The stored password, but only for the host and login it was stored for: a test against
 * another host must not hand an existing account's password to whoever runs that host.
 */
function storedPassword(
  box: SecretBox,
  account: EmailAccountRow | undefined,
  side: 'incoming' | 'outgoing',
  server: { host: string; username: string; protocol?: string },
): string {
  const field = `${side}.password`;
  if (!account) throw invalid(field, 'Enter the password.');
  const [host, username, sealed] =
    side === 'incoming'
      ? [account.in_host, account.in_username, account.in_password_enc]
      : [account.out_host, account.out_username, account.out_password_enc];
  if (!sealed) throw invalid(field, 'Enter the password: this account has none stored for this server.');
  const sameProtocol = side === 'outgoing' || server.protocol === account.in_protocol;
  if (!sameHost(server.host, host) || server.username !== username || !sameProtocol) {
    throw invalid(field, 'Enter the password again: the server or the login name changed.');
  }
  return box.open(sealed);
}

/** Tests the incoming and outgoing servers together; never stores anything. */
export async function testConnection(
  db: Db,
  auth: AuthContext,
  box: SecretBox,
  ctx: MailCheckContext,
  input: TestInput,
): Promise<TestConnectionResponse> {
  const account = input.accountId ? await findAccountForAdmin(db, auth.orgId, input.accountId) : undefined;
  const incoming = { ...input.incoming, password: input.incoming.password ?? storedPassword(box, account, 'incoming', input.incoming) };
  const outgoing = input.outgoing && {
    ...input.outgoing,
    password: input.outgoing.password ?? storedPassword(box, account, 'outgoing', input.outgoing),
  };
  const options: CheckOptions = {
    lookup: ctx.dns.lookup,
    allowPrivateHosts: ctx.allowPrivateHosts,
    timeoutMs: ctx.timeoutMs,
    trustedCas: ctx.trustedCas,
  };
  const [incomingCheck, outgoingCheck] = await Promise.all([
    checkServer(incoming, options),
    outgoing ? checkServer({ ...outgoing, protocol: 'smtp' }, options) : Promise.resolve(null),
  ]);
  return { incoming: incomingCheck, outgoing: outgoingCheck };
}

/** SPF, DMARC, MX and DKIM of the account's address domain. */
export async function accountDeliverability(db: Db, auth: AuthContext, ctx: MailCheckContext, accountId: string, selector?: string): Promise<Deliverability> {
  const account = await findAccountForAdmin(db, auth.orgId, accountId);
  const domain = account.address.slice(account.address.lastIndexOf('@') + 1).toLowerCase();
  return checkDeliverability(domain, ctx.dns.resolve, selector, ctx.timeoutMs);
}
