import { beforeAll, describe, expect, it } from 'vitest';
import type { RenderedSignature, Signature } from '../../contract/signatures';
import { parseFragment, serverWindow } from '../src/sanitize/server-sanitizer';
import { createAccountAs, grantAccess } from './helpers/accounts';
import { admin, member, member2, otherAdmin, t, useAppForFile } from './helpers/app-for-file';
import { domPurifyVectors, executableParts } from './xss-check';

// Room for one account per test group, so the three-signature limit never leaks between tests.
useAppForFile({ quota: 50 });
let accountId: string;

beforeAll(async () => {
  accountId = (await createAccountAs(t, admin, { address: 'contact@acme.test', displayName: 'Acme Contact' })).id;
  await grantAccess(t, admin, accountId, t.seed.member.id);
  await grantAccess(t, admin, accountId, t.seed.member2.id);
});

let accountCounter = 0;
/** A fresh account both members can use. */
async function freshAccount(): Promise<string> {
  accountCounter += 1;
  const id = (await createAccountAs(t, admin, { address: `sig${accountCounter}@acme.test`, displayName: '' })).id;
  await grantAccess(t, admin, id, t.seed.member.id);
  await grantAccess(t, admin, id, t.seed.member2.id);
  return id;
}

const post = (token: string, acc: string, payload: unknown) =>
  t.request(token, { method: 'POST', url: `/api/email-accounts/${acc}/signatures`, payload: payload as object });
async function create(acc: string, name: string, html: string): Promise<Signature> {
  const res = await post(admin, acc, { name, html });
  if (res.statusCode !== 201) throw new Error(`create signature: ${res.statusCode} ${res.body}`);
  return res.json();
}
const list = async (token: string, acc: string) =>
  (await t.request(token, { method: 'GET', url: `/api/email-accounts/${acc}/signatures` })).json().items as Signature[];
const rendered = async (token: string, id: string) => {
  const res = await t.request(token, { method: 'GET', url: `/api/signatures/${id}/rendered` });
  expect(res.statusCode).toBe(200);
  return res.json() as RenderedSignature;
};

describe('creating signatures', () => {
  it('sanitizes on save and keeps merge tags, also inside attributes', async () => {
    const sig = await create(accountId, 'Standard',
      '<p onclick="steal()">{{user.fullName}}<script>alert(1)</script></p><a href="mailto:{{user.email}}">{{user.email}}</a> <a href="tel:{{ user.phone }}">call</a><img src="javascript:alert(1)">');
    expect(sig).toMatchObject({ accountId, name: 'Standard', position: 1, warnings: [] });
    expect(sig.html).toBe(
      '<p>{{user.fullName}}</p><a href="mailto:{{user.email}}" target="_blank" rel="noopener noreferrer">{{user.email}}</a> <a href="tel:{{ user.phone }}" target="_blank" rel="noopener noreferrer">call</a><img>',
    );
    const got = await t.request(member, { method: 'GET', url: `/api/signatures/${sig.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(sig);
  });

  it('warns (without refusing) when an image is an SVG', async () => {
    const acc = await freshAccount();
    const sig = await create(acc, 'Logo', '<img src="https://cdn.acme.test/logo.SVG?v=2"><img src="https://cdn.acme.test/logo.png"><img src="https://cdn.acme.test/render?type=image%2Fsvg%2Bxml">');
    expect(sig.warnings.map((w) => [w.code, w.src])).toEqual([
      ['svg_image', 'https://cdn.acme.test/logo.SVG?v=2'],
      ['svg_image', 'https://cdn.acme.test/render?type=image%2Fsvg%2Bxml'],
    ]);
    expect(sig.warnings[0]?.message).toMatch(/SVG/);
    expect((await list(member, acc))[0]?.warnings).toHaveLength(2);
  });

  it('allows three signatures per account, the fourth is 409 signature_limit', async () => {
    const acc = await freshAccount();
    const made = [];
    for (const n of ['A', 'B', 'C']) made.push(await create(acc, n, `<p>${n}</p>`));
    expect(made.map((s) => s.position)).toEqual([1, 2, 3]);
    const res = await post(admin, acc, { name: 'D', html: '<p>D</p>' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('signature_limit');
    expect(res.json().error.message).toMatch(/at most 3 signatures/);
    expect(res.json().error.message).toMatch(/[Dd]elete or edit/);
    expect(await list(admin, acc)).toHaveLength(3);
  });

  it('holds the limit under concurrent creations: exactly three of five succeed', async () => {
    const acc = await freshAccount();
    const results = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((n) => post(admin, acc, { name: n, html: `<p>${n}</p>` })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 409, 409]);
    expect((await list(admin, acc)).map((s) => s.position)).toEqual([1, 2, 3]);
  });

  it('refuses an unknown merge tag with 422 unknown_merge_tag naming it', async () => {
    const res = await post(admin, accountId, { name: 'X', html: '<p>{{user.firstName}} {{ user.nickname }}</p>' });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('unknown_merge_tag');
    expect(error.message).toContain('{{user.nickname}}');
    expect(error.fields.tag).toBe('user.nickname');
    const inAttr = await post(admin, accountId, { name: 'X', html: '<a href="mailto:{{user.mail}}">x</a>' });
    expect(inAttr.json().error.fields.tag).toBe('user.mail');
  });

  it('accepts the French aliases', async () => {
    const acc = await freshAccount();
    const sig = await create(acc, 'FR', '<p>{{utilisateur.prenom}} {{ utilisateur.nom }} — {{entreprise.nom}}</p>');
    expect((await rendered(member, sig.id)).html).toBe('<p>Mia Member — Acme</p>');
  });

  it('lets only administrators write (403) and only in their organisation (404)', async () => {
    expect((await post(member, accountId, { name: 'X', html: '<p>x</p>' })).statusCode).toBe(403);
    expect((await post(otherAdmin, accountId, { name: 'X', html: '<p>x</p>' })).statusCode).toBe(404);
  });

  it.each([
    ['unknown field', { name: 'X', html: '<p>x</p>', position: 1 }],
    ['missing html', { name: 'X' }],
    ['empty name', { name: '  ', html: 'x' }],
    ['html too big', { name: 'X', html: 'x'.repeat(70 * 1024) }],
    ['html not a string', { name: 'X', html: ['<p>'] }],
    ['name too long', { name: 'n'.repeat(500), html: 'x' }],
  ])('answers 400 for %s', async (_label, payload) => {
    const res = await post(admin, accountId, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});

describe('reading and rendering', () => {
  let sigId: string;
  beforeAll(async () => {
    const acc = await freshAccount();
    sigId = (
      await create(acc, 'Full',
        '<div>{{user.fullName}} — {{user.jobTitle}}</div><div>Tel: <a href="tel:{{user.phone}}">{{user.phone}}</a><br>Mobile: {{user.mobile}}<br>{{account.name}} &lt;{{account.address}}&gt;</div><p>{{org.name}}</p>')
    ).id;
  });

  it('renders for the calling user, values filled in', async () => {
    const r = await rendered(member, sigId);
    expect(r.id).toBe(sigId);
    const el = parseFragment(r.html);
    expect(el.textContent).toContain('Mia Member — Account manager');
    expect(el.textContent).toContain('Mobile: +33 6 12 34 56 78');
    expect(el.querySelector('a')?.getAttribute('href')).toBe('tel:+33 1 23 45 67 89');
    expect(el.textContent).toContain('sig');
    expect(r.html).not.toContain('{{');
  });

  it('drops lines whose tags all came out empty (a user with no mobile, no phone, no title)', async () => {
    const r = await rendered(member2, sigId);
    expect(r.html).not.toContain('Mobile');
    expect(r.html).not.toContain('Tel');
    // The job title is empty but the full name is not: that line stays.
    expect(parseFragment(r.html).textContent).toContain('Bob Béranger —');
  });

  it('hides signatures of accounts the caller cannot use (404), and of other organisations', async () => {
    const acc = await freshAccount();
    const sig = await create(acc, 'Private', '<p>x</p>');
    await t.request(admin, { method: 'DELETE', url: `/api/email-accounts/${acc}/access/${t.seed.member2.id}` });
    expect((await t.request(member2, { method: 'GET', url: `/api/signatures/${sig.id}` })).statusCode).toBe(404);
    expect((await t.request(member2, { method: 'GET', url: `/api/signatures/${sig.id}/rendered` })).statusCode).toBe(404);
    expect((await t.request(member2, { method: 'GET', url: `/api/email-accounts/${acc}/signatures` })).statusCode).toBe(404);
    expect((await t.request(otherAdmin, { method: 'GET', url: `/api/signatures/${sig.id}` })).statusCode).toBe(404);
    expect((await t.request(member, { method: 'GET', url: `/api/signatures/${sig.id}` })).statusCode).toBe(200);
  });
});

describe('preview', () => {
  const html = '<p>{{user.fullName}}</p><p>Mobile: {{user.mobile}}</p>';
  const preview = (token: string, payload: object) => t.request(token, { method: 'POST', url: '/api/signatures/preview', payload });

  it('renders unsaved HTML for the caller, sanitized after merging', async () => {
    const res = await preview(member, { accountId, html: html + '<img src=x onerror=alert(1)>' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: null, html: '<p>Mia Member</p><p>Mobile: +33 6 12 34 56 78</p><img>', warnings: [] });
  });

  it('lets an admin preview as another user of the organisation', async () => {
    const res = await preview(admin, { accountId, html, asUserId: t.seed.member2.id });
    expect(res.json().html).toBe('<p>Bob Béranger</p>');
  });

  it('refuses members previewing as someone else (403) and users of other organisations (404)', async () => {
    expect((await preview(member, { accountId, html, asUserId: t.seed.member2.id })).statusCode).toBe(403);
    expect((await preview(admin, { accountId, html, asUserId: t.seed.otherMember.id })).statusCode).toBe(404);
    expect((await preview(otherAdmin, { accountId, html })).statusCode).toBe(404);
  });

  it('refuses unknown merge tags like a save would', async () => {
    const res = await preview(admin, { accountId, html: '{{foo.bar}}' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('unknown_merge_tag');
  });
});

describe('editing and deleting', () => {
  it('PATCH re-sanitizes html, checks tags, and is admin-only', async () => {
    const acc = await freshAccount();
    const sig = await create(acc, 'Old', '<p>old</p>');
    const res = await t.request(admin, { method: 'PATCH', url: `/api/signatures/${sig.id}`, payload: { html: '<p style="position:fixed;color:red" onmouseover="x()">{{user.firstName}}</p>' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Old', html: '<p style="color: red">{{user.firstName}}</p>', position: 1 });
    const renamed = await t.request(admin, { method: 'PATCH', url: `/api/signatures/${sig.id}`, payload: { name: 'New' } });
    expect(renamed.json()).toMatchObject({ name: 'New', html: '<p style="color: red">{{user.firstName}}</p>' });
    const bad = await t.request(admin, { method: 'PATCH', url: `/api/signatures/${sig.id}`, payload: { html: '{{nope}}' } });
    expect(bad.statusCode).toBe(422);
    expect((await t.request(member, { method: 'PATCH', url: `/api/signatures/${sig.id}`, payload: { name: 'X' } })).statusCode).toBe(403);
    expect((await t.request(otherAdmin, { method: 'PATCH', url: `/api/signatures/${sig.id}`, payload: { name: 'X' } })).statusCode).toBe(404);
  });

  it('DELETE clears it as anyone\'s default, renumbers positions and frees a slot', async () => {
    const acc = await freshAccount();
    const [a, b, c] = [await create(acc, 'A', 'a'), await create(acc, 'B', 'b'), await create(acc, 'C', 'c')];
    await grantAccess(t, admin, acc, t.seed.member.id, { defaultSignatureId: a!.id });
    const before = await t.db.selectFrom('account_access').select('default_signature_id').where('account_id', '=', acc).where('user_id', '=', t.seed.member.id).executeTakeFirstOrThrow();
    expect(before.default_signature_id).toBe(a!.id);

    expect((await t.request(member, { method: 'DELETE', url: `/api/signatures/${a!.id}` })).statusCode).toBe(403);
    const res = await t.request(admin, { method: 'DELETE', url: `/api/signatures/${a!.id}` });
    expect(res.statusCode).toBe(204);

    const after = await t.db.selectFrom('account_access').select('default_signature_id').where('account_id', '=', acc).where('user_id', '=', t.seed.member.id).executeTakeFirstOrThrow();
    expect(after.default_signature_id).toBeNull();
    expect((await list(admin, acc)).map((s) => [s.id, s.position])).toEqual([[b!.id, 1], [c!.id, 2]]);
    expect((await create(acc, 'D', 'd')).position).toBe(3);
    expect((await t.request(admin, { method: 'GET', url: `/api/signatures/${a!.id}` })).statusCode).toBe(404);
    expect((await t.request(admin, { method: 'DELETE', url: `/api/signatures/${a!.id}` })).statusCode).toBe(404);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', a!.id).orderBy('at').execute();
    expect(audit).toEqual([
      { action: 'signature.created', actor_id: t.seed.admin.id },
      { action: 'signature.deleted', actor_id: t.seed.admin.id },
    ]);
  });
});

describe('XSS through the API', () => {
  it('leaves nothing executable in any of DOMPurify\'s vectors saved or previewed as a signature', async () => {
    const vectors = await domPurifyVectors();
    const acc = await freshAccount();
    let previewed = 0;
    for (const v of vectors) {
      const res = await t.request(admin, { method: 'POST', url: '/api/signatures/preview', payload: { accountId: acc, html: v.payload } });
      // Template-injection vectors carry `{{...}}` that is no merge tag: refused, which is also safe.
      if (res.statusCode === 422) {
        expect(res.json().error.code).toBe('unknown_merge_tag');
        continue;
      }
      expect(res.statusCode, v.title).toBe(200);
      expect(executableParts(res.json().html, serverWindow.document), v.title).toEqual([]);
      previewed += 1;
    }
    expect(previewed).toBeGreaterThan(200);
    const saved = await post(admin, acc, { name: 'xss', html: vectors.map((v) => v.payload).filter((p) => !p.includes('{{')).join('\n') });
    expect(saved.statusCode).toBe(201);
    expect(executableParts((saved.json() as Signature).html, serverWindow.document)).toEqual([]);
    // 224 requests through the API: allow for a busy machine (no timing is asserted).
  }, 120_000);
});
