import os from 'node:os';
import path from 'node:path';

/** Everything the server reads from its environment, parsed once at start-up. */
export interface Config {
  port: number;
  host: string;
  /** Holds the SQLite file and the generated secret key file. */
  dataDir: string;
  /** `postgres://...` selects PostgreSQL; otherwise the embedded SQLite file is used. */
  databaseUrl: string | null;
  /** Key material for encrypting account passwords; null → a key file in `dataDir`. */
  secret: string | null;
  demoPassword: string;
  /** Login attempts allowed per IP + email within `windowMs` (tests lower it). */
  loginRateLimit: { max: number; windowMs: number };
  sessionTtlDays: number;
  /** Largest request body accepted by default; a route may raise it with `bodyLimit`. */
  bodyLimitBytes: number;
  logLevel: string;
  /**
   * Behind a reverse proxy, whose X-Forwarded-For to believe (Fastify `trustProxy`): `true` or a
   * comma-separated list of proxy addresses/CIDRs. Off by default, so a client cannot pick its own
   * IP for the login rate limit.
   */
  trustProxy: boolean | string;
  /**
   * Origins allowed to call the API from a browser (CORS), exact `scheme://host` values. Null: any
   * browser extension (chrome-extension://, moz-extension://; Firefox gives each install its own
   * id), and no web page.
   */
  allowedOrigins: string[] | null;
  /** The Prometheus `/metrics` port, served apart from the API; null = no metrics. */
  metricsPort: number | null;
  metricsHost: string;
  /**
   * `npm run worker` only: serves `/api/health` and `/api/ready` on this port (`MAILROOM_WORKER_HEALTH_PORT`,
   * on HOST) for an orchestrator's probes; a worker has no API port of its own. Off when unset.
   */
  workerHealthPort: number | null;
  /** How long in-flight requests may run after SIGTERM before their connections are cut. */
  shutdownGraceMs: number;
  sync: SyncConfig;
  /**
   * Whether "Test connection" may reach loopback, private, link-local and unique-local addresses
   * (MAILROOM_ALLOW_PRIVATE_HOSTS=1). Off by default so a hosted server cannot be used to scan its
   * own network; main.ts turns it on with `--demo`, and the tests' config too.
   */
  allowPrivateHosts: boolean;
  /** Longest wait for each step of a connection test (DNS, TCP, TLS, login, inbox). */
  connectionStepTimeoutMs: number;
  /**
   * DNS servers of the mail checks (`MAILROOM_DNS_SERVERS`, e.g. `127.0.0.1:5353,9.9.9.9`); empty:
   * the system's resolver and hosts file.
   */
  dnsServers: string[];
}

/** The mail sync (server/src/sync/): whether this process runs it, and its timings. */
export interface SyncConfig {
  /** `MAILROOM_SYNC=off` keeps the API process from syncing (a separate `npm run worker` does it). */
  enabled: boolean;
  /** The first sync of a folder reads mail of the last N days only (`MAILROOM_SYNC_SINCE_DAYS`). */
  sinceDays: number;
  /** Messages fetched and ingested per transaction. */
  batchSize: number;
  /** A lease runs out this long after its last renewal: a dead worker's accounts are taken over then. */
  leaseMs: number;
  /** How often leases are renewed, accounts claimed and deactivations noticed. */
  tickMs: number;
  /** Folders are re-read this often even when IDLE says nothing (and always without IDLE, and POP3). */
  pollMs: number;
  /** The first retry after an error waits this long, doubling up to `backoffMaxMs`. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Accounts one process syncs at once. */
  maxAccounts: number;
  /** Worker threads parsing fetched mail (`MAILROOM_SYNC_PARSE_THREADS`); 0 parses on the event loop. */
  parseThreads: number;
}

/**
 * One thread per core but one from 3 cores up. On 2 shared cores a parsing thread cost about 30%
 * more CPU per message (copies to and from the thread, a second heap and JIT) and ~40 MB of RSS,
 * and synced no faster: there the event loop parses.
 */
export function defaultParseThreads(cores = os.availableParallelism()): number {
  return cores > 2 ? cores - 1 : 0;
}

export function loadSyncConfig(env: NodeJS.ProcessEnv = process.env): SyncConfig {
  const off = ['off', '0', 'false', 'no'].includes((env.MAILROOM_SYNC ?? '').trim().toLowerCase());
  return {
    enabled: !off,
    sinceDays: intFromEnv(env.MAILROOM_SYNC_SINCE_DAYS, 30, 'MAILROOM_SYNC_SINCE_DAYS'),
    batchSize: Math.max(1, intFromEnv(env.MAILROOM_SYNC_BATCH, 200, 'MAILROOM_SYNC_BATCH')),
    // 20 s lease renewed every 4 s: a worker's accounts are taken over within 30 s of its death.
    leaseMs: intFromEnv(env.MAILROOM_SYNC_LEASE_MS, 20_000, 'MAILROOM_SYNC_LEASE_MS'),
    // Deactivating an account must stop its sync within 5 s.
    tickMs: Math.max(50, intFromEnv(env.MAILROOM_SYNC_TICK_MS, 2_000, 'MAILROOM_SYNC_TICK_MS')),
    pollMs: Math.max(100, intFromEnv(env.MAILROOM_SYNC_POLL_MS, 60_000, 'MAILROOM_SYNC_POLL_MS')),
    backoffBaseMs: intFromEnv(env.MAILROOM_SYNC_BACKOFF_MS, 5_000, 'MAILROOM_SYNC_BACKOFF_MS'),
    backoffMaxMs: 15 * 60_000,
    maxAccounts: Math.max(1, intFromEnv(env.MAILROOM_SYNC_MAX_ACCOUNTS, 50, 'MAILROOM_SYNC_MAX_ACCOUNTS')),
    parseThreads: intFromEnv(env.MAILROOM_SYNC_PARSE_THREADS, defaultParseThreads(), 'MAILROOM_SYNC_PARSE_THREADS'),
  };
}

function intFromEnv(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}".`);
  return n;
}

function parseTrustProxy(value: string | undefined): boolean | string {
  const v = value?.trim() ?? '';
  if (v === '' || v === 'false') return false;
  return v === 'true' ? true : v;
}

function parseOrigins(value: string | undefined): string[] | null {
  const list = (value ?? '').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
  if (list.length === 0) return null;
  for (const origin of list) {
    if (origin === '*' || !/^[a-z][a-z0-9+.-]*:\/\/[^/\s*]+$/i.test(origin)) {
      throw new Error(`MAILROOM_ALLOWED_ORIGINS takes origins such as chrome-extension://<id>, separated by commas; "${origin}" is not one.`);
    }
  }
  return list;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it unset to use the SQLite file).');
  }
  return {
    port: intFromEnv(env.PORT, 8787, 'PORT'),
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: path.resolve(env.MAILROOM_DATA_DIR?.trim() || './data'),
    databaseUrl,
    secret: env.MAILROOM_SECRET || null,
    demoPassword: env.MAILROOM_DEMO_PASSWORD || 'demo',
    loginRateLimit: {
      max: intFromEnv(env.MAILROOM_LOGIN_RATE_MAX, 10, 'MAILROOM_LOGIN_RATE_MAX'),
      windowMs: intFromEnv(env.MAILROOM_LOGIN_RATE_WINDOW_MS, 60_000, 'MAILROOM_LOGIN_RATE_WINDOW_MS'),
    },
    sessionTtlDays: 30,
    bodyLimitBytes: 1024 * 1024,
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: parseTrustProxy(env.MAILROOM_TRUST_PROXY),
    sync: loadSyncConfig(env),
    allowedOrigins: parseOrigins(env.MAILROOM_ALLOWED_ORIGINS),
    metricsPort: env.MAILROOM_METRICS_PORT?.trim() ? intFromEnv(env.MAILROOM_METRICS_PORT, 0, 'MAILROOM_METRICS_PORT') : null,
    metricsHost: env.MAILROOM_METRICS_HOST?.trim() || '127.0.0.1',
    workerHealthPort: env.MAILROOM_WORKER_HEALTH_PORT?.trim() ? intFromEnv(env.MAILROOM_WORKER_HEALTH_PORT, 0, 'MAILROOM_WORKER_HEALTH_PORT') : null,
    shutdownGraceMs: intFromEnv(env.MAILROOM_SHUTDOWN_GRACE_MS, 10_000, 'MAILROOM_SHUTDOWN_GRACE_MS'),
    allowPrivateHosts: ['1', 'true'].includes(env.MAILROOM_ALLOW_PRIVATE_HOSTS?.trim() ?? ''),
    connectionStepTimeoutMs: 10_000,
    dnsServers: (env.MAILROOM_DNS_SERVERS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}
