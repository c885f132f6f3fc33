import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isLoopbackServer, normalizeServerUrl, originPattern } from '@/utils/server-url';
import { defineAuthItem, migrateAuthV1 } from '@/utils/storage';

beforeEach(() => fakeBrowser.reset());

describe('auth item migration v1 → v2', () => {
  it('keeps the token of a v1 record, with its server spelled the one way', async () => {
    // The shape 0.0.x previews wrote: no version meta (= v1), `server` with a trailing slash.
    await fakeBrowser.storage.local.set({ auth: { token: 'tok-old', server: 'http://LOCALHOST:8787/' } });
    const item = defineAuthItem();
    await item.migrate();
    expect(await item.getValue()).toEqual({ token: 'tok-old', serverUrl: 'http://localhost:8787', expiresAt: null, me: null });
    expect(await fakeBrowser.storage.local.get('auth$')).toEqual({ auth$: { v: 2 } });
  });

  it('drops a v1 record without a token', () => {
    expect(migrateAuthV1({ token: '', server: 'http://localhost:8787' })).toBeNull();
    expect(migrateAuthV1(null)).toBeNull();
  });

  it('leaves a v2 record alone', async () => {
    const v2 = { token: 't', serverUrl: 'https://crm.example.com', expiresAt: '2026-12-01T00:00:00.000Z', me: null };
    await fakeBrowser.storage.local.set({ auth: v2, auth$: { v: 2 } });
    const item = defineAuthItem();
    await item.migrate();
    expect(await item.getValue()).toEqual(v2);
  });
});

describe('server URLs', () => {
  it.each([
    ['http://localhost:8787/', 'http://localhost:8787'],
    ['  https://CRM.example.com/mailroom/ ', 'https://crm.example.com/mailroom'],
    ['https://crm.example.com:443', 'https://crm.example.com'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeServerUrl(input)).toBe(expected);
  });

  it.each(['localhost:8787', 'ftp://files.example.com', 'not a url'])('refuses %j', (input) => {
    expect(() => normalizeServerUrl(input)).toThrow();
  });

  it('asks for a host pattern without the port (patterns match every port)', () => {
    expect(originPattern('https://crm.example.com:8443/mailroom')).toBe('https://crm.example.com/*');
  });

  it('knows which servers the manifest already covers', () => {
    expect(isLoopbackServer('http://localhost:8787')).toBe(true);
    expect(isLoopbackServer('http://127.0.0.1:3000')).toBe(true);
    expect(isLoopbackServer('https://crm.example.com')).toBe(false);
  });
});
