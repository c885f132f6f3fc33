/**
 * Server content costs: the one sanitizer on jsdom, signature rendering, record search
 * and filing through the API (in process, SQLite in memory, 5 000 records). Figures are medians
 * after warm-up; they explain the 20 000-tag cap on archived HTML bodies (filings.service.ts).
 * Run: `npm run bench -- server-content` (or `npx tsx bench/server-content.bench.ts`).
 */
import { createAccountAs, grantAccess } from '../server/test/helpers/accounts';
import { createTestApp } from '../server/test/helpers/test-app';
import { sanitizeHtml } from '../server/src/sanitize/server-sanitizer';
import { renderSignatureHtml } from '../server/src/signatures/render';
import { median } from './server-median';

const repeat = (block: string, size: number) => {
  let s = '';
  while (s.length < size) s += block;
  return s;
};
const signature =
  '<table><tr><td><img src="https://cdn.acme.test/logo.png" width="64"></td><td style="font-family:Arial;color:#333">' +
  '<b>{{user.fullName}}</b><br>{{user.jobTitle}}<br>Tel: <a href="tel:{{user.phone}}">{{user.phone}}</a><br>' +
  'Mobile: {{user.mobile}}<br><a href="mailto:{{user.email}}">{{user.email}}</a></td></tr></table>';
const newsletter = repeat(
  '<table width="600" cellpadding="0" style="margin:0 auto"><tr><td style="padding:10px;font-family:Arial"><h2>Title</h2><p>' +
    'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(8) +
    '</p><a href="https://news.example/a?id=1">Read more</a></td></tr></table>',
  150_000,
);
const inlineImage = `<p>Hello</p><img src="data:image/png;base64,${'A'.repeat(2_000_000)}">`;
const dense = '<b>x</b>'.repeat(5_000);

await median('sanitize signature (0.4 KB)', 200, () => sanitizeHtml(signature), '≤ 5 ms');
await median('render signature for a user (merge + drop + sanitize)', 200, () =>
  renderSignatureHtml(signature, { 'user.fullName': 'Mia Member', 'user.jobTitle': '', 'user.phone': '+33 1', 'user.mobile': '', 'user.email': 'mia@acme.test' }), '≤ 20 ms');
await median('sanitize 150 KB newsletter (~1 200 tags)', 10, () => sanitizeHtml(newsletter));
await median('sanitize 2 MB body that is one inline image', 5, () => sanitizeHtml(inlineImage));
await median('sanitize 5 000 tags of dense markup (35 KB)', 5, () => sanitizeHtml(dense));

const t = await createTestApp({ quota: 10 });
const admin = await t.login(t.seed.admin.email);
const member = await t.login(t.seed.member.email);
const accountId = (await createAccountAs(t, admin, { address: 'bench@acme.test' })).id;
await grantAccess(t, admin, accountId, t.seed.member.id);
const first = ['Hélène', 'Jean', 'Marie', 'Luc', 'Chloé', 'Paul', 'Inès', 'Hugo', 'Léa', 'Noé'];
const last = ['Dupré', 'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau'];
const rows = [];
for (let i = 0; i < 5_000; i++) {
  rows.push({
    id: `r${i}`, org_id: t.seed.org.id, kind: 'contact' as const, name: `${first[i % 10]} ${last[Math.floor(i / 10) % 10]} ${i}`,
    name_folded: `${first[i % 10]} ${last[Math.floor(i / 10) % 10]} ${i}`.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase(),
    phone: null, company_id: null, created_at: new Date().toISOString(),
  });
}
for (let i = 0; i < rows.length; i += 500) await t.db.insertInto('records').values(rows.slice(i, i + 500)).execute();
await t.db.insertInto('record_emails').values(rows.slice(0, 2_000).map((r, i) => ({ record_id: r.id, email: `p${i}@client${i % 50}.test` }))).execute();

await median('GET /api/records?q=hel (5 000 records)', 50, () => t.request(member, { method: 'GET', url: '/api/records?q=hel&limit=20' }), '≤ 50 ms');
await median('GET /api/records?q=dupre mar (two words)', 50, () => t.request(member, { method: 'GET', url: '/api/records?q=dupre%20mar' }));
await median('GET /api/records/suggest (3 participants)', 50, () =>
  t.request(member, { method: 'GET', url: '/api/records/suggest?email=p1@client1.test&email=x@client2.test&email=a@gmail.com' }), '≤ 50 ms');
let n = 0;
await median('POST /api/filings (new message, 20 KB HTML, 2 records)', 50, () => {
  n += 1;
  return t.request(member, {
    method: 'POST', url: '/api/filings',
    payload: {
      accountId, recordIds: ['r1', 'r2'],
      message: { messageId: `<bench-${n}@x.test>`, subject: 'Bench', from: { address: 'a@b.test' }, date: '2024-01-01T00:00:00Z', bodyHtml: newsletter.slice(0, 20_000), bodyText: 'x' },
    },
  });
}, '≤ 100 ms');
await median('POST /api/filings (retry of the same filing)', 50, () => t.request(member, {
  method: 'POST', url: '/api/filings',
  payload: { accountId, recordIds: ['r1', 'r2'], message: { messageId: '<bench-1@x.test>', subject: 'Bench', from: { address: 'a@b.test' }, date: '2024-01-01T00:00:00Z', bodyHtml: newsletter.slice(0, 20_000), bodyText: 'x' } },
}));
await median('GET /api/filings?messageId=', 50, () => t.request(member, { method: 'GET', url: '/api/filings?messageId=%3Cbench-1%40x.test%3E' }), '≤ 20 ms');
await t.close();
