/**
 * Starts the real Mailroom API (`server/src/main.ts --demo`) on a free loopback port with a
 * throwaway data directory, and talks to it as the admin to set up accounts for a test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AccessEntry, CreateAccountRequest, EmailAccount, PutAccessRequest } from '@/contract';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_PASSWORD = 'demo';
export const DEMO_ADMIN = 'admin@demo.test';
export const DEMO_MEMBER = 'alice@demo.test';

export interface ApiServer {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything the server printed (shown when a test fails to start it). */
  output(): string;
  /** SIGTERM and wait for the exit; the data dir stays (a restart may reuse it). */
  stop(): Promise<void>;
}

/**
 * Starts the API with the demo seed on `dataDir` (seeded only when empty, so a restart on the same
 * dir keeps its data); `port` 0 picks a free one. The one way every e2e spec starts a server.
 */
export async function spawnApi(dataDir: string, port = 0): Promise<ApiServer> {
  // `node --import tsx` rather than the tsx CLI: its signal relay kills a child slow to acknowledge
  // under load, which turned a clean shutdown into exit 143 (see server/test/cli.test.ts).
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', '--demo'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MAILROOM_DATA_DIR: dataDir,
      MAILROOM_DEMO_PASSWORD: DEMO_PASSWORD,
      DATABASE_URL: '',
      // Every test signs a fresh browser profile in, many times a minute from one address: far over
      // the real login limit, which server/test/auth-rate-limit.test.ts proves on its own.
      MAILROOM_LOGIN_RATE_MAX: '100000',
      // The mail checks' DNS stays on this machine (port 9: nobody answers, lookups fail at once);
      // a connection test in a spec names its servers by IP address.
      MAILROOM_DNS_SERVERS: '127.0.0.1:9',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The API did not start within 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Mailroom API listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace(/\/+$/, ''));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The API exited (${code}) before listening:\n${out}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A server on a throwaway data dir, removed when it stops (the worker-scoped harness server). */
export async function startApiServer(): Promise<ApiServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mailroom-e2e-'));
  const server = await spawnApi(dataDir);
  return {
    ...server,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One JSON call to the API from the Playwright process; a non-2xx answer throws with its body. */
export async function apiRequest<T>(url: string, method: string, route: string, body?: unknown, token?: string): Promise<T> {
  const r = await fetch(url + route, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${route}: HTTP ${r.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A small admin-side client for test set-up (plain fetch: it runs in the Playwright process). */
export class ApiAdmin {
  private tokens = new Map<string, string>();
  /** Accounts created by the current test, deleted after it so tests stay independent. */
  readonly created = new Set<string>();

  constructor(readonly url: string) {}

  request<T>(method: string, path: string, token: string | null, json?: unknown): Promise<T> {
    return apiRequest<T>(this.url, method, path, json, token ?? undefined);
  }

  /** A bearer token for a demo user (cached per worker). */
  async loginToken(email: string, password = DEMO_PASSWORD): Promise<string> {
    const cached = this.tokens.get(email);
    if (cached) return cached;
    const { token } = await this.request<{ token: string }>('POST', '/api/auth/login', null, { email, password });
    this.tokens.set(email, token);
    return token;
  }

  async userId(email: string): Promise<string> {
    const admin = await this.loginToken(DEMO_ADMIN);
    const { items } = await this.request<{ items: { id: string; email: string }[] }>('GET', `/api/users?q=${encodeURIComponent(email)}`, admin);
    const user = items.find((u) => u.email === email);
    if (!user) throw new Error(`No user ${email}`);
    return user.id;
  }

  /** Creates a shared account (unique address unless given) as the demo admin. */
  async createAccount(input: Partial<CreateAccountRequest> = {}): Promise<EmailAccount> {
    const admin = await this.loginToken(DEMO_ADMIN);
    const address = input.address ?? `shared-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@demo.test`;
    const account = await this.request<EmailAccount>('POST', '/api/email-accounts', admin, {
      displayName: '',
      incoming: { protocol: 'imap', host: 'imap.demo.test', port: 993, security: 'tls', username: address, password: 'secret' },
      ...input,
      address,
    });
    this.created.add(account.id);
    return account;
  }

  async grantAccess(accountId: string, email: string, access: PutAccessRequest = {}): Promise<AccessEntry> {
    const admin = await this.loginToken(DEMO_ADMIN);
    const userId = await this.userId(email);
    return this.request<AccessEntry>('PUT', `/api/email-accounts/${accountId}/access/${userId}`, admin, access);
  }

  /** The accounts `email` can use, as the API answers them to that user. */
  async myAccounts(email: string): Promise<EmailAccount[]> {
    const token = await this.loginToken(email);
    return (await this.request<{ items: EmailAccount[] }>('GET', '/api/me/accounts', token)).items;
  }

  /** Removes every access, then the account (the API refuses to delete an account in use). */
  async deleteCreatedAccounts(): Promise<void> {
    const admin = await this.loginToken(DEMO_ADMIN);
    for (const id of this.created) {
      try {
        const { items } = await this.request<{ items: AccessEntry[] }>('GET', `/api/email-accounts/${id}/access`, admin);
        for (const entry of items) await this.request('DELETE', `/api/email-accounts/${id}/access/${entry.user.id}`, admin);
        await this.request('DELETE', `/api/email-accounts/${id}`, admin);
      } catch (e) {
        console.warn(`[e2e] clean-up of account ${id}: ${String(e)}`);
      }
    }
    this.created.clear();
  }
}
