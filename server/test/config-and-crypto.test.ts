import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadKey } from '../src/accounts/secret-box';
import { hashPassword, verifyPassword } from '../src/auth/passwords';
import { loadConfig } from '../src/config';
import { databaseTarget } from '../src/db/database';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8787, host: '127.0.0.1', databaseUrl: null, secret: null, demoPassword: 'demo' });
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.loginRateLimit).toEqual({ max: 10, windowMs: 60_000 });
    expect(c.trustProxy).toBe(false);
    expect(c).toMatchObject({ allowedOrigins: null, metricsPort: null, metricsHost: '127.0.0.1', shutdownGraceMs: 10_000 });
    expect(databaseTarget(c)).toEqual({ kind: 'sqlite', file: path.resolve('./data/mailroom.sqlite') });
  });

  it('reads the operations settings', () => {
    const c = loadConfig({
      MAILROOM_METRICS_PORT: '9464',
      MAILROOM_METRICS_HOST: '10.0.0.5',
      MAILROOM_SHUTDOWN_GRACE_MS: '2500',
      MAILROOM_ALLOWED_ORIGINS: 'chrome-extension://abc,moz-extension://d-e-f',
    });
    expect(c).toMatchObject({ metricsPort: 9464, metricsHost: '10.0.0.5', shutdownGraceMs: 2500 });
    expect(c.allowedOrigins).toEqual(['chrome-extension://abc', 'moz-extension://d-e-f']);
    expect(() => loadConfig({ MAILROOM_METRICS_PORT: 'on' })).toThrow(/MAILROOM_METRICS_PORT must be a whole number/);
    expect(() => loadConfig({ MAILROOM_SHUTDOWN_GRACE_MS: '-5' })).toThrow(/MAILROOM_SHUTDOWN_GRACE_MS/);
  });

  it('reads the environment', () => {
    const c = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      MAILROOM_DATA_DIR: '/tmp/x',
      DATABASE_URL: 'postgres://u@h/db',
      MAILROOM_SECRET: 's',
      MAILROOM_DEMO_PASSWORD: 'p',
      MAILROOM_LOGIN_RATE_MAX: '3',
      MAILROOM_TRUST_PROXY: '10.0.0.0/8',
    });
    expect(c.trustProxy).toBe('10.0.0.0/8');
    expect(loadConfig({ MAILROOM_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(c).toMatchObject({ port: 0, host: '0.0.0.0', dataDir: '/tmp/x', secret: 's', demoPassword: 'p' });
    expect(c.loginRateLimit.max).toBe(3);
    expect(databaseTarget(c)).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '-1' }, /PORT must be a whole number/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres:\/\//],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('secret box (AES-256-GCM)', () => {
  const box = createSecretBox(Buffer.alloc(32, 7));

  it('round-trips, with a fresh IV each time', () => {
    const a = box.seal('pässword ✓');
    const b = box.seal('pässword ✓');
    expect(a).not.toBe(b);
    expect(box.open(a)).toBe('pässword ✓');
    expect(a).not.toContain('pässword');
  });

  it('detects tampering and a wrong key', () => {
    const sealed = box.seal('secret');
    const [v, iv, tag, data] = sealed.split(':');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([v, iv, tag, flipped.toString('base64url')].join(':'))).toThrow();
    expect(() => createSecretBox(Buffer.alloc(32, 8)).open(sealed)).toThrow();
    expect(() => box.open('plain text')).toThrow(/Unrecognised/);
  });

  it('creates a 0600 key file once and reuses it; MAILROOM_SECRET takes precedence', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-key-'));
    try {
      const k1 = loadKey({ secret: null, dataDir });
      const k2 = loadKey({ secret: null, dataDir });
      expect(k1.equals(k2)).toBe(true);
      expect(k1).toHaveLength(32);
      expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
      const fromEnv = loadKey({ secret: 'from-env', dataDir });
      expect(fromEnv.equals(k1)).toBe(false);
      expect(fromEnv.equals(loadKey({ secret: 'from-env', dataDir: '/nonexistent' }))).toBe(true);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a damaged key file', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-key-'));
    try {
      fs.writeFileSync(path.join(dataDir, 'secret.key'), 'c2hvcnQ=');
      expect(() => loadKey({ secret: null, dataDir })).toThrow(/32-byte/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('password hashing (scrypt)', () => {
  it('verifies the right password only, with a per-hash salt', async () => {
    const h1 = await hashPassword('hunter2');
    const h2 = await hashPassword('hunter2');
    expect(h1).not.toBe(h2);
    expect(h1).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('hunter2', h1)).toBe(true);
    expect(await verifyPassword('hunter3', h1)).toBe(false);
    expect(await verifyPassword('hunter2', 'bcrypt$whatever')).toBe(false);
  });
});
