/**
 * The API as the throughput benchmark runs it: its own process (so the load generator's CPU never
 * counts as the server's event-loop delay), the real app on a free loopback port, SQLite in a temp
 * dir (WAL, as `npm run serve` has it), one organisation, a member with a signed-in token.
 * Talks to the benchmark over IPC: `eld-reset` / `eld` (event-loop delay, measured here with
 * perf_hooks), `drain` (wait until every pending HTML body is sanitized, or `maxMs`; says how many
 * were sanitized and how many are left), `stop`.
 * Env: BENCH_RECORDS (records to build, default 50).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createSecretBox } from '../../server/src/accounts/secret-box';
import { buildApp } from '../../server/src/app';
import { hashPassword } from '../../server/src/auth/passwords';
import { openSession } from '../../server/src/auth/sessions.service';
import { loadConfig } from '../../server/src/config';
import { createDatabase, databaseTarget } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { createOrganisationWithAdmin, createUser } from '../../server/src/orgs/orgs.service';
import { accountInput } from '../../server/test/helpers/accounts';
import { buildRecords } from './dataset';

export interface BenchServerInfo {
  url: string;
  token: string;
  accountId: string;
  recordIds: string[];
  signatureId: string;
  dataDir: string;
}
export type BenchCommand = { cmd: 'eld-reset' } | { cmd: 'eld' } | { cmd: 'drain'; maxMs?: number } | { cmd: 'stop' };
export interface EventLoopDelay {
  p50: number;
  p99: number;
  max: number;
  /** CPU milliseconds of the main thread (HTTP, the database), and of the whole process (workers too). */
  mainCpuMs: number;
  cpuMs: number;
}

const send = (msg: unknown) => process.send?.(msg);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mailroom-bench-'));
const config = { ...loadConfig({}), dataDir, secret: randomBytes(16).toString('hex'), logLevel: 'silent', bodyLimitBytes: 1024 * 1024 };
const db = createDatabase(databaseTarget(config));
await migrateToLatest(db);
const passwordHash = await hashPassword('bench');
const person = { password: 'bench', passwordHash, jobTitle: 'Sales', phone: '+33 1 23 45 67 89', mobile: null };
const { orgId, adminId } = await createOrganisationWithAdmin(db, { name: 'Bench', quota: 100 }, { ...person, email: 'admin@bench.test', firstName: 'Ada', lastName: 'Admin' });
const memberId = await createUser(db, orgId, { ...person, email: 'member@bench.test', firstName: 'Mia', lastName: 'Member', role: 'member' });
await buildRecords(db, orgId, Number(process.env.BENCH_RECORDS ?? 50));

const app = await buildApp({ config, db, secretBox: createSecretBox(randomBytes(32)), logger: false });
const adminToken = (await openSession(db, adminId, 30)).token;
const token = (await openSession(db, memberId, 30)).token;
const as = (bearer: string, method: 'POST' | 'PUT', url: string, payload: object) =>
  app.inject({ method, url, payload, headers: { authorization: `Bearer ${bearer}` } }).then((r) => {
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json() as { id: string };
  });
const account = await as(adminToken, 'POST', '/api/email-accounts', accountInput({ address: 'sales@bench.test' }));
await as(adminToken, 'PUT', `/api/email-accounts/${account.id}/access/${memberId}`, { isDefault: true });
const signature = await as(adminToken, 'POST', `/api/email-accounts/${account.id}/signatures`, {
  name: 'Standard',
  html: '<table><tr><td style="font-family: Arial; color: #333"><b>{{user.fullName}}</b><br>{{user.jobTitle}}<br>' +
    'Tel: <a href="tel:{{user.phone}}">{{user.phone}}</a><br><a href="mailto:{{user.email}}">{{user.email}}</a></td></tr></table>',
});

await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as AddressInfo;
/** Messages filed, and those whose HTML body still waits for the sanitizer. */
const bodyCounts = async () => {
  const row = await db
    .selectFrom('messages')
    .select((eb) => [eb.fn.countAll().as('filed'), eb.fn.count('body_html_pending').as('pending')])
    .executeTakeFirstOrThrow();
  return { filed: Number(row.filed), pending: Number(row.pending) };
};
const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
const ms = (ns: number) => Math.round(ns / 1e4) / 100;
// What the server spent, whatever else runs on the machine: on a shared machine requests/s fall
// with the load around, the milliseconds of main thread and CPU per request much less.
// The main thread's own CPU time (Linux: /proc; elsewhere the process's).
const mainThreadCpuMs = () => {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 100 Hz ticks
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
};
let mainCpu = mainThreadCpuMs();
let cpu = process.cpuUsage();

process.on('message', (msg: BenchCommand) => {
  void (async () => {
    if (msg.cmd === 'eld-reset') {
      histogram.reset();
      mainCpu = mainThreadCpuMs();
      cpu = process.cpuUsage();
      send({ cmd: msg.cmd });
    } else if (msg.cmd === 'eld') {
      const used = process.cpuUsage(cpu);
      const delay: EventLoopDelay = {
        p50: ms(histogram.percentile(50)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
        mainCpuMs: mainThreadCpuMs() - mainCpu,
        cpuMs: Math.round((used.user + used.system) / 1000),
      };
      send({ cmd: msg.cmd, delay });
    } else if (msg.cmd === 'drain') {
      const t0 = performance.now();
      const limit = msg.maxMs ?? Number.POSITIVE_INFINITY;
      await Promise.race([app.pendingBodies.idle(), new Promise((r) => setTimeout(r, limit).unref())]);
      send({ cmd: msg.cmd, ms: performance.now() - t0, ...(await bodyCounts()) });
    } else if (msg.cmd === 'stop') {
      histogram.disable();
      await app.close();
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    }
  })();
});

const info: BenchServerInfo = {
  url: `http://127.0.0.1:${port}`, token, accountId: account.id, recordIds: ['rec1', 'rec2'], signatureId: signature.id, dataDir,
};
send({ cmd: 'ready', info });
