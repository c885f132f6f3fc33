/**
 * Durability end to end: 2,000 filings sent by the extension's own filing queue and API client
 * (background/filing-queue.ts, api/mailroom.ts over real HTTP) to a real API process, which is
 * killed with SIGKILL mid-stream and started again on the same database. Afterwards every filing
 * the API acknowledged before the kill is there, the queue has redelivered the rest, and each of
 * the 2,000 messages is stored once and filed once — nothing lost, nothing doubled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '@/api/client';
import { mailroomApi } from '@/api/mailroom';
import { createFilingQueue } from '@/background/filing-queue';
import type { FileRequest } from '@/contract';
import { DEMO_ADMIN, DEMO_MEMBER, DEMO_PASSWORD, spawnApi, type ApiServer } from '../../e2e/api-server';

const TOTAL = 2_000;
// Late in the stream: what the queue then holds (a few hundred filings) is what a real outage leaves.
const KILL_AFTER = 1_700;
const CONCURRENCY = 32;

let dataDir: string;
let server: ApiServer;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'mailroom-durability-'));
  server = await spawnApi(dataDir);
}, 90_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const loadMessageId = (n: number) => `load-${n}@load.test`;

async function call<T>(method: string, url: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(server.url + url, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const signIn = async (email: string) => (await call<{ token: string }>('POST', '/api/auth/login', null, { email, password: DEMO_PASSWORD })).token;

/** What an admin sets up first: a shared mailbox the member may use, and a record to file to. */
async function setUp(): Promise<{ accountId: string; recordId: string; token: string }> {
  const admin = await signIn(DEMO_ADMIN);
  const account = await call<{ id: string }>('POST', '/api/email-accounts', admin, {
    address: 'durability@demo.test',
    incoming: { protocol: 'imap', host: 'imap.demo.test', port: 993, security: 'tls', username: 'durability@demo.test', password: 'secret' },
    active: true,
  });
  const people = await call<{ items: { id: string; email: string }[] }>('GET', `/api/users?q=${encodeURIComponent(DEMO_MEMBER)}`, admin);
  await call('PUT', `/api/email-accounts/${account.id}/access/${people.items.find((u) => u.email === DEMO_MEMBER)!.id}`, admin, {});
  const record = await call<{ id: string }>('POST', '/api/records', admin, { kind: 'client', name: 'Durability client' });
  return { accountId: account.id, recordId: record.id, token: await signIn(DEMO_MEMBER) };
}

function request(accountId: string, recordId: string, n: number): FileRequest {
  return {
    accountId,
    recordIds: [recordId],
    message: { messageId: `<${loadMessageId(n)}>`, subject: `Load ${n}`, from: { name: 'Client', address: 'client@load.test' }, date: '2024-05-01T10:00:00Z' },
  };
}

describe('filings through the extension’s queue while the API is killed', () => {
  it('keeps every acknowledged filing and redelivers the rest exactly once after a restart', async () => {
    const setup = await setUp();
    const { token } = setup;
    // The extension's client, without its own retries: the queue is what must carry filings through.
    const api = mailroomApi(createApiClient({ serverUrl: server.url, getToken: async () => token, onUnauthorized: async () => {}, retryLimit: 0, timeoutMs: 10_000 }));
    const queue = createFilingQueue({ transport: (req) => api.file(req), random: () => 0, backoff: { baseMs: 50, maxMs: 200 } });

    const acknowledged = new Set<number>();
    let next = 0;
    let killed: Promise<void> | undefined;
    const port = server.port;
    const sender = async () => {
      for (let n = next++; n < TOTAL; n = next++) {
        const outcome = await queue.submit(request(setup.accountId, setup.recordId, n));
        if (outcome.status === 'filed') acknowledged.add(n);
        expect(outcome.status).not.toBe('failed');
        if (acknowledged.size === KILL_AFTER && !killed) {
          // Mid-stream, with requests in flight: no shutdown, no flush.
          killed = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
          server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    await killed;
    const ackedBeforeRestart = new Set(acknowledged);
    expect(ackedBeforeRestart.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect((await queue.list()).length).toBeGreaterThan(0);

    server = await spawnApi(dataDir, port);
    for (let pass = 0; pass < 50 && (await queue.list()).length > 0; pass++) await queue.drain({ force: true });
    expect(await queue.list()).toEqual([]);

    const db = new Database(path.join(dataDir, 'mailroom.sqlite'), { readonly: true });
    try {
      const stored = db.prepare(`SELECT message_key AS key, COUNT(*) AS n FROM messages WHERE message_key LIKE 'load-%' GROUP BY message_key`).all() as { key: string; n: number }[];
      const filed = db
        .prepare(`SELECT m.message_key AS key, COUNT(*) AS n FROM filings f JOIN messages m ON m.id = f.message_id WHERE m.message_key LIKE 'load-%' GROUP BY m.message_key`)
        .all() as { key: string; n: number }[];
      expect(stored).toHaveLength(TOTAL);
      expect(stored.every((r) => r.n === 1)).toBe(true);
      expect(filed).toHaveLength(TOTAL);
      expect(filed.every((r) => r.n === 1)).toBe(true);
      const filedKeys = new Set(filed.map((r) => r.key));
      expect([...ackedBeforeRestart].filter((n) => !filedKeys.has(loadMessageId(n).toLowerCase()))).toEqual([]);
    } finally {
      db.close();
    }
  }, 240_000);
});
