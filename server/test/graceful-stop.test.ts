import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, databaseTarget } from '../src/db/database';
import { closeGracefully, registerConnectionDraining } from '../src/http/close-gracefully';
import { root } from './helpers/cli';
import { fileUnderLoad, prepareFilingClient, storedLoadFilings } from './helpers/filing-client';
import { createEmptyDatabaseUrl } from './helpers/test-database';

// Graceful stop of the API: SIGTERM to the process `npm run serve` started reaches the server,
// which stops accepting, answers what is in flight, closes the database and exits 0.

describe('SIGTERM to `npm run serve`, under load', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-stop-'));
  let db: { url: string | null; drop: () => Promise<void> };
  beforeAll(async () => {
    db = await createEmptyDatabaseUrl();
  });
  afterAll(async () => {
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers no 5xx, answers the filings in flight, exits 0; every acknowledged filing is stored once', async () => {
    const child = spawn('npm', ['run', '--silent', 'serve', '--', '--demo'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        MAILROOM_DATA_DIR: dataDir,
        DATABASE_URL: db.url ?? '',
        MAILROOM_SECRET: '',
        MAILROOM_DEMO_PASSWORD: 'demo',
        MAILROOM_METRICS_PORT: '0',
      },
    });
    let out = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const base = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const m = /Mailroom API listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then((code) => reject(new Error(`exited ${code} before listening:\n${out}`)));
    });

    const client = await prepareFilingClient(base, { admin: 'admin@demo.test', member: 'alice@demo.test', password: 'demo' });
    const load = fileUnderLoad(client, 12);
    while (load.acknowledged.size < 150) await new Promise((resolve) => setTimeout(resolve, 20));
    // MAILROOM_METRICS_PORT opens the metrics port beside the API's, which never serves them.
    const metricsUrl = /Metrics on (http:\/\/\S+)/.exec(out)![1]!;
    const scraped = await (await fetch(metricsUrl)).text();
    expect(Number(/^mailroom_filings_total\{source="extension",result="filed"\} (\d+)$/m.exec(scraped)?.[1])).toBeGreaterThanOrEqual(150);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const signalledAt = performance.now();
    child.kill('SIGTERM'); // npm's own process, not the server's
    const code = await exited;
    const exitedAt = performance.now();
    await load.stop();

    expect(code, out).toBe(0);
    expect(out).toContain('SIGTERM: closing');
    expect(exitedAt - signalledAt).toBeLessThan(15_000);
    expect(load.answers.filter((a) => a.status >= 500), out).toEqual([]);
    expect(load.answers.filter((a) => a.status !== 201)).toEqual([]);
    // Nothing failed before the signal; filings in flight when it came were answered after it.
    expect(load.failures.filter((f) => f.at < signalledAt)).toEqual([]);
    expect(load.answers.filter((a) => a.at > signalledAt).length).toBeGreaterThan(0);
    // Nothing listens any more (the server did not outlive npm).
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
    await expect(fetch(metricsUrl)).rejects.toThrow();

    const conn = createDatabase(databaseTarget({ databaseUrl: db.url, dataDir }));
    try {
      const stored = await storedLoadFilings(conn, client.recordId);
      for (const n of load.acknowledged) expect(stored.get(n), `filing ${n}`).toBe(1);
      for (const count of stored.values()) expect(count).toBe(1);
    } finally {
      await conn.destroy();
    }
  }, 120_000);
});

describe('closeGracefully', () => {
  async function serverWithSlowRoute(delayMs: number) {
    const app = Fastify();
    registerConnectionDraining(app);
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    app.get('/slow', async () => {
      started();
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return { done: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    return { app, port, inFlight };
  }

  const get = (port: number) =>
    new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: '/slow', agent: new http.Agent({ keepAlive: true }) }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
      }).on('error', reject);
    });

  it('lets a request in flight finish, tells its client to close the connection, and stops listening', async () => {
    const { app, port, inFlight } = await serverWithSlowRoute(500);
    const answer = get(port);
    await inFlight;
    await closeGracefully(app, 5_000);
    expect(await answer).toEqual({ status: 200, connection: 'close' });
    await expect(get(port)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('cuts a request that outlives the grace period', async () => {
    const { app, port, inFlight } = await serverWithSlowRoute(60_000);
    const answer = get(port);
    answer.catch(() => undefined);
    await inFlight;
    const started = performance.now();
    await closeGracefully(app, 300);
    expect(performance.now() - started).toBeLessThan(5_000);
    await expect(answer).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});
