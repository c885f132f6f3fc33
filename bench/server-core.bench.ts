/**
 * Server core costs: login (scrypt), session lookup, account lists with their counts,
 * the user search of the access dialog (folded in memory) and quota-checked creates in parallel.
 * In process, SQLite in memory (PostgreSQL when MAILROOM_TEST_DATABASE_URL is set); medians after
 * warm-up; targets are for SQLite on an idle machine. Run: `npm run bench -- server-core` (or `npx tsx bench/server-core.bench.ts`).
 */
import { accountInput, createAccountAs, grantAccess } from '../server/test/helpers/accounts';
import { createTestApp, TEST_PASSWORD } from '../server/test/helpers/test-app';
import { newId, nowIso } from '../server/src/db/values';
import { median } from './server-median';

const t = await createTestApp({ quota: 1_000, config: { loginRateLimit: { max: 1_000_000, windowMs: 60_000 } } });
const admin = await t.login(t.seed.admin.email);
const member = await t.login(t.seed.member.email);

await median('POST /api/auth/login (scrypt N=2^15 verify)', 10, async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: t.seed.member.email, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(res.body);
}, '≤ 300 ms');
await median('GET /api/me (session lookup + org counts)', 200, () => t.request(member, { method: 'GET', url: '/api/me' }), '≤ 5 ms');

// 500 colleagues, 50 accounts, every member on 5 accounts.
const hash = (await t.db.selectFrom('users').select('password_hash').where('id', '=', t.seed.member.id).executeTakeFirstOrThrow()).password_hash;
const first = ['Hélène', 'Jean', 'Marie', 'Luc', 'Chloé', 'Paul', 'Inès', 'Hugo', 'Léa', 'Noé'];
const last = ['Dupré', 'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau'];
const userIds: string[] = [];
for (let i = 0; i < 500; i++) {
  const id = newId();
  userIds.push(id);
  await t.db.insertInto('users').values({
    id, org_id: t.seed.org.id, email: `u${i}@acme.test`, role: 'member', first_name: first[i % 10]!, last_name: `${last[Math.floor(i / 10) % 10]}${i}`,
    job_title: null, phone: null, mobile: null, password_hash: hash, created_at: nowIso(),
  }).execute();
}
const accountIds: string[] = [];
for (let i = 0; i < 50; i++) accountIds.push((await createAccountAs(t, admin, { address: `box${i}@acme.test` })).id);
for (let i = 0; i < 500; i++) {
  for (let k = 0; k < 5; k++) {
    await t.db.insertInto('account_access').values({
      account_id: accountIds[(i + k * 7) % 50]!, user_id: userIds[i]!, is_default: k === 0 ? 1 : 0, default_signature_id: null, expires_at: null, granted_at: nowIso(),
    }).execute();
  }
}
for (const id of accountIds.slice(0, 5)) await grantAccess(t, admin, id, t.seed.member.id);

await median('GET /api/email-accounts, admin, 50 accounts, 2 500 grants', 50, () => t.request(admin, { method: 'GET', url: '/api/email-accounts' }), '≤ 30 ms');
await median('GET /api/me/accounts, member with 5 accounts', 100, () => t.request(member, { method: 'GET', url: '/api/me/accounts' }), '≤ 10 ms');
await median('GET /api/users?q=hél (503 users, folded in memory)', 50, () => t.request(admin, { method: 'GET', url: '/api/users?q=h%C3%A9l' }), '≤ 30 ms');
await median('PUT access (default switch, audit) on 1 account', 50, () =>
  t.request(admin, { method: 'PUT', url: `/api/email-accounts/${accountIds[0]}/access/${t.seed.member2.id}`, payload: { isDefault: true } }), '≤ 20 ms');

// Quota contention: 20 creates at once against 5 free slots.
await t.db.updateTable('organisations').set({ quota: 55 }).where('id', '=', t.seed.org.id).execute();
let round = 0;
await median('20 parallel POST /api/email-accounts, 5 slots left', 5, async () => {
  round++;
  const res = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      t.request(admin, { method: 'POST', url: '/api/email-accounts', payload: accountInput({ address: `p${round}-${i}@acme.test` }) }),
    ),
  );
  const created = res.filter((r) => r.statusCode === 201).length;
  if (created > 5) throw new Error(`quota broken: ${created} created`);
  // Free the slots again for the next round.
  await t.db.updateTable('email_accounts').set({ active: 0 }).where('address', 'like', `p${round}-%`).execute();
});

await t.close();
