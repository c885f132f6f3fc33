import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../src/accounts/secret-box';
import { buildApp } from '../src/app';
import type { AuthContext } from '../src/http/request-context';
import { putPresence } from '../src/presence/presence.service';
import { insertAccountWithAccess } from './helpers';
import { admin, member, member2, t, useAppForFile } from './helpers/app-for-file';

useAppForFile();
let accountId: string;
let otherAccountId: string;
let globexAccountId: string;

/** An email account with the given users' access, written straight through the repositories. */
const seedAccount = (orgId: string, address: string, users: { id: string; expiresAt?: string | null }[]) =>
  insertAccountWithAccess(t.db, orgId, address, users);

beforeAll(async () => {
  const { seed } = t;
  accountId = await seedAccount(seed.org.id, 'sales@acme.test', [{ id: seed.member.id }, { id: seed.member2.id }]);
  otherAccountId = await seedAccount(seed.org.id, 'billing@acme.test', [{ id: seed.member2.id }]);
  globexAccountId = await seedAccount(seed.otherOrg.id, 'sales@globex.test', [{ id: seed.otherMember.id }]);
});

let thread = 0;
const newThread = () => `thread-${++thread}@mail.acme.test`;
const put = (token: string, body: object) => t.request(token, { method: 'PUT', url: '/api/presence', payload: body });
const get = (token: string, accountId: string, threadKey: string) =>
  t.request(token, { method: 'GET', url: '/api/presence', query: { accountId, threadKey } });

describe('presence', () => {
  it('shows each user the others on the same conversation, not themselves', async () => {
    const threadKey = newThread();
    const first = await put(member, { accountId, threadKey, state: 'viewing' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ items: [] });

    const second = await put(member2, { accountId, threadKey, state: 'replying' });
    expect(second.json().items).toEqual([
      { user: { id: t.seed.member.id, fullName: 'Mia Member' }, state: 'viewing', updatedAt: expect.any(String) },
    ]);

    const seenByMember = await get(member, accountId, threadKey);
    expect(seenByMember.statusCode).toBe(200);
    expect(seenByMember.json().items).toEqual([
      { user: { id: t.seed.member2.id, fullName: 'Bob Béranger' }, state: 'replying', updatedAt: expect.any(String) },
    ]);
  });

  it('keeps one entry per user: the latest state wins', async () => {
    const threadKey = newThread();
    await put(member2, { accountId, threadKey, state: 'replying' });
    await put(member2, { accountId, threadKey, state: 'viewing' });
    const items = (await get(member, accountId, threadKey)).json().items;
    expect(items).toHaveLength(1);
    expect(items[0].state).toBe('viewing');
  });

  it('keeps conversations and accounts apart', async () => {
    const threadKey = newThread();
    await put(member2, { accountId, threadKey, state: 'replying' });
    expect((await get(member, accountId, newThread())).json().items).toEqual([]);
    // Same conversation key on another account of the organisation: not the same mailbox.
    await put(member2, { accountId: otherAccountId, threadKey: `${threadKey}-b`, state: 'viewing' });
    expect((await get(member, accountId, `${threadKey}-b`)).json().items).toEqual([]);
  });

  it('forgets users not seen in the last 5 minutes', async () => {
    const threadKey = newThread();
    const auth: AuthContext = { userId: t.seed.member2.id, orgId: t.seed.org.id, role: 'member', sessionId: 'test' };
    await putPresence(t.db, auth, { accountId, threadKey, state: 'replying' }, new Date(Date.now() - 6 * 60_000));
    expect((await get(member, accountId, threadKey)).json().items).toEqual([]);

    await putPresence(t.db, auth, { accountId, threadKey, state: 'replying' }, new Date(Date.now() - 4 * 60_000));
    expect((await get(member, accountId, threadKey)).json().items).toHaveLength(1);
  });

  it('is the same answer from another API process on the same database (no in-memory state)', async () => {
    const threadKey = newThread();
    const second: FastifyInstance = await buildApp({
      config: t.config,
      db: t.db,
      secretBox: createSecretBox(randomBytes(32)),
      logger: false,
    });
    try {
      await put(member2, { accountId, threadKey, state: 'replying' });
      const res = await second.inject({
        method: 'GET',
        url: '/api/presence',
        query: { accountId, threadKey },
        headers: { authorization: `Bearer ${member}` },
      });
      expect(res.json().items.map((i: { state: string }) => i.state)).toEqual(['replying']);
    } finally {
      await second.close();
    }
  });

  it('answers 404 to a caller who cannot use the account, and hides them from others', async () => {
    const threadKey = newThread();
    // The admin has no access row on the account: administering is not using.
    expect((await put(admin, { accountId, threadKey, state: 'viewing' })).statusCode).toBe(404);
    const otherOrg = await t.login(t.seed.otherMember.email);
    const res = await get(otherOrg, accountId, threadKey);
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: 'not_found', message: 'The email account was not found.' });
    // And the other way round: Acme users cannot see Globex presence.
    expect((await get(member, globexAccountId, threadKey)).statusCode).toBe(404);
  });

  it('stops showing a user whose access has ended', async () => {
    const threadKey = newThread();
    const { seed } = t;
    const expiring = await seedAccount(seed.org.id, 'cover@acme.test', [{ id: seed.member.id }, { id: seed.member2.id }]);
    await put(member2, { accountId: expiring, threadKey, state: 'replying' });
    expect((await get(member, expiring, threadKey)).json().items).toHaveLength(1);
    await t.db
      .updateTable('account_access')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('account_id', '=', expiring)
      .where('user_id', '=', seed.member2.id)
      .execute();
    expect((await get(member, expiring, threadKey)).json().items).toEqual([]);
  });

  it('requires a session and validates the state', async () => {
    const threadKey = newThread();
    expect((await t.request(null, { method: 'GET', url: '/api/presence', query: { accountId, threadKey } })).statusCode).toBe(401);
    const bad = await put(member, { accountId, threadKey, state: 'typing' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    expect(bad.json().error.fields).toHaveProperty('state');
  });
});
