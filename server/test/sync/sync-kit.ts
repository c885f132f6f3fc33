/**
 * What the sync runner tests share: a real Dovecot, an app on a fresh database, accounts created
 * through the API pointing at Dovecot, runners with test timings (ticks of 100 ms, 1 s leases) so
 * no test waits the production 20 s, and a way to wait for a condition.
 */
import { ImapFlow } from 'imapflow';
import type { EmailAccount } from '../../../contract/accounts';
import { loadSyncConfig, type SyncConfig } from '../../src/config';
import { createSyncRunner, type SyncRunner } from '../../src/sync/sync-runner';
import { createAccountAs } from '../helpers/accounts';
import type { Dovecot } from '../helpers/dovecot';
import type { TestApp } from '../helpers/test-app';

export const fastSync: SyncConfig = {
  ...loadSyncConfig({}),
  tickMs: 100,
  leaseMs: 1_000,
  pollMs: 60_000,
  backoffBaseMs: 200,
  batchSize: 50,
  // Whatever the machine's cores, the runner tests parse on a thread as a bigger server does.
  parseThreads: 1,
};

/** Log lines of the runners, to prove what is (not) logged. */
export const logged: string[] = [];
const collect = (level: string) => (obj: object, msg?: string) => logged.push(`${new Date().toISOString()} ${level} ${msg ?? ''} ${JSON.stringify(obj)}`);
export const testLog = { info: collect('info'), warn: collect('warn'), error: collect('error') };

export function runnerFor(t: TestApp, settings: Partial<SyncConfig> = {}, owner?: string): SyncRunner {
  return createSyncRunner({ db: t.db, secretBox: t.secretBox, log: testLog, settings: { ...fastSync, ...settings }, pendingBodies: t.app.pendingBodies, owner });
}

export async function imapAccount(
  t: TestApp,
  admin: string,
  dv: Dovecot,
  user: { user: string; password: string },
  extra: { protocol?: 'imap' | 'pop3'; active?: boolean } = {},
): Promise<EmailAccount> {
  const protocol = extra.protocol ?? 'imap';
  return createAccountAs(t, admin, {
    address: user.user,
    active: extra.active ?? true,
    incoming: { protocol, host: dv.host, port: protocol === 'imap' ? dv.imapPort : dv.pop3Port, security: 'none', username: user.user, password: user.password },
    outgoing: null,
  });
}

/** An IMAP client of the test mailbox (what the "rest of the world" does to it). */
export async function mailbox(dv: Dovecot, user: { user: string; password: string }): Promise<ImapFlow> {
  const c = new ImapFlow({ host: dv.host, port: dv.imapPort, secure: false, auth: { user: user.user, pass: user.password }, logger: false });
  await c.connect();
  return c;
}

export async function appendAll(c: ImapFlow, folder: string, mails: Buffer[], date?: Date): Promise<void> {
  for (const raw of mails) await c.append(folder, raw, [], date);
}

/** Polls `probe` until it returns a truthy value (returned) or `timeoutMs` passes (throws, naming `what`). */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The account as the admin API shows it. */
export async function getAccount(t: TestApp, admin: string, id: string): Promise<EmailAccount> {
  const res = await t.request(admin, { method: 'GET', url: `/api/email-accounts/${id}` });
  if (res.statusCode !== 200) throw new Error(`GET account: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Message-IDs linked to the account by the sync, with how many times each. */
export async function syncedKeys(t: TestApp, accountId: string): Promise<Map<string, number>> {
  const rows = await t.db
    .selectFrom('message_accounts as ma')
    .innerJoin('messages as m', 'm.id', 'ma.message_id')
    .select(['m.message_key', 'ma.folder'])
    .where('ma.account_id', '=', accountId)
    .where('ma.source', '=', 'sync')
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.message_key, (out.get(r.message_key) ?? 0) + 1);
  return out;
}
