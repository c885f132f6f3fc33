/**
 * Filing messages over real HTTP, as the extension does, against a server started by a test (a
 * process on its own port, or an in-process app listening): the set-up an admin does first
 * (account, access, a record), then one numbered message per `file(n)`.
 */
import type { MessageInput } from '../../../contract/filings';
import type { Db } from '../../src/db/database';
import { accountInput } from './accounts';

export interface FilingClient {
  accountId: string;
  recordId: string;
  /** Files message number `n` (its Message-ID is `<load-n@load.test>`) as the member. */
  file(n: number): Promise<Response>;
  /** The same member, account and record through another API process on the same database. */
  via(base: string): FilingClient;
}

export const loadMessageId = (n: number) => `load-${n}@load.test`;

function message(n: number): MessageInput {
  return {
    messageId: `<${loadMessageId(n)}>`,
    threadId: `load-thread-${n}`,
    subject: `Load ${n}`,
    from: { name: 'Client', address: 'client@load.test' },
    to: [{ address: 'load@demo.test' }],
    cc: [],
    date: '2024-05-01T10:00:00Z',
    snippet: 'Hello',
  };
}

async function call(base: string, method: string, url: string, token: string | null, body?: unknown): Promise<Response> {
  return fetch(base + url, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function prepareFilingClient(base: string, users: { admin: string; member: string; password: string }): Promise<FilingClient> {
  const login = async (email: string) =>
    (await json<{ token: string }>(await call(base, 'POST', '/api/auth/login', null, { email, password: users.password }), `login ${email}`)).token;
  const admin = await login(users.admin);
  const address = `load-${Date.now().toString(36)}@demo.test`;
  const account = await json<{ id: string }>(await call(base, 'POST', '/api/email-accounts', admin, accountInput({ address })), 'create account');
  const people = await json<{ items: { id: string; email: string }[] }>(await call(base, 'GET', `/api/users?q=${encodeURIComponent(users.member)}`, admin), 'users');
  const memberId = people.items.find((u) => u.email === users.member)!.id;
  await json(await call(base, 'PUT', `/api/email-accounts/${account.id}/access/${memberId}`, admin, {}), 'grant access');
  const record = await json<{ id: string }>(await call(base, 'POST', '/api/records', admin, { kind: 'client', name: 'Load client' }), 'create record');
  const member = await login(users.member);
  const clientAt = (at: string): FilingClient => ({
    accountId: account.id,
    recordId: record.id,
    file: (n) => call(at, 'POST', '/api/filings', member, { accountId: account.id, message: message(n), recordIds: [record.id] }),
    via: clientAt,
  });
  return clientAt(base);
}

/** How many filings each load message has on `recordId`, by Message-ID number. */
export async function storedLoadFilings(db: Db, recordId: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('filings')
    .innerJoin('messages', 'messages.id', 'filings.message_id')
    .where('filings.record_id', '=', recordId)
    .select('messages.message_key')
    .execute();
  const counts = new Map<number, number>();
  for (const { message_key } of rows) {
    const n = Number(/^load-(\d+)@load\.test$/.exec(message_key)?.[1]);
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return counts;
}

/**
 * `concurrency` loops filing numbered messages until `stop()`; tells every answer and every
 * request that got no answer (connection refused or cut).
 */
export function fileUnderLoad(client: FilingClient, concurrency: number) {
  let next = 0;
  let stopped = false;
  const acknowledged = new Set<number>();
  const answers: { n: number; status: number; at: number }[] = [];
  const failures: { n: number; error: string; at: number }[] = [];
  const loops = Array.from({ length: concurrency }, async () => {
    while (!stopped) {
      const n = next++;
      try {
        const res = await client.file(n);
        await res.arrayBuffer();
        answers.push({ n, status: res.status, at: performance.now() });
        if (res.ok) acknowledged.add(n);
      } catch (err) {
        failures.push({ n, error: String((err as Error).cause ?? err), at: performance.now() });
        // The server is gone: this loop's client would now try another process.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  });
  return {
    acknowledged,
    answers,
    failures,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}
