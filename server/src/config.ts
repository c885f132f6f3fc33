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
    allowPrivateHosts: ['1', 'true'].includes(env.MAILROOM_ALLOW_PRIVATE_HOSTS?.trim() ?? ''),
    connectionStepTimeoutMs: 10_000,
    dnsServers: (env.MAILROOM_DNS_SERVERS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}
