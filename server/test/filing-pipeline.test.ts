import { readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { FilingState } from '../../contract/filings';
import { messageFingerprint } from '../../contract/message-key';
import type { CrmRecord } from '../../contract/records';
import { newId, nowIso } from '../src/db/values';
import { serverFingerprint } from '../src/filings/fingerprint';
import { createPendingBodies } from '../src/filings/pending-bodies';
import { sanitizeHtml } from '../src/sanitize/server-sanitizer';
import { createSanitizePool, type SanitizePool } from '../src/sanitize/sanitize-pool';
import { maxHtmlBodyTags } from '../src/sanitize/sanitize.task';
import { createAccountAs, grantAccess } from './helpers/accounts';
import { admin, member, member2, t, useAppForFile } from './helpers/app-for-file';
import { testDialect } from './helpers/test-database';
import { domPurifyVectors, fixturesDir } from './xss-check';

useAppForFile();
let accountId: string;
let records: string[];

beforeAll(async () => {
  accountId = (await createAccountAs(t, admin, { address: 'pipeline@acme.test' })).id;
  await grantAccess(t, admin, accountId, t.seed.member.id);
  await grantAccess(t, admin, accountId, t.seed.member2.id);
  records = [];
  for (const name of ['One', 'Two', 'Three']) {
    const res = await t.request(admin, { method: 'POST', url: '/api/records', payload: { kind: 'client', name } });
    records.push((res.json() as CrmRecord).id);
  }
});

const styledBody =
  '<table style="width: 600px; position: fixed"><tr><td style="font-family: Arial; color: #333" onclick="x()">' +
  'Bonjour <a href="javascript:alert(1)" style="color: #06c">devis</a><script>alert(1)</script></td></tr></table>';

async function emlHtmlBodies(): Promise<string[]> {
  const bodies: string[] = [];
  for (const name of ['nodemailer.eml', 'nested.eml', 'decoderended.eml']) {
    const mail = await simpleParser(readFileSync(path.join(fixturesDir, 'eml/mailparser/test/fixtures', name)));
    if (typeof mail.html === 'string') bodies.push(mail.html);
  }
  return bodies;
}

describe('the sanitizer pool (worker threads)', () => {
  it('gives exactly what the in-process sanitizer gives', async () => {
    const inputs = [styledBody, ...(await emlHtmlBodies()), ...(await domPurifyVectors()).slice(0, 60).map((v) => v.payload)];
    expect(inputs.length).toBeGreaterThan(60);
    const fromPool = await Promise.all(inputs.map((html) => t.app.sanitizePool.run({ kind: 'mail-body', html, maxTags: maxHtmlBodyTags }, { background: true })));
    expect(fromPool).toEqual(inputs.map((html) => sanitizeHtml(html)));
  });

  it('serves request-path tasks before queued background ones', async () => {
    const pool = createSanitizePool(1);
    try {
      const done: string[] = [];
      const track = (label: string, p: Promise<unknown>) => p.then(() => void done.push(label));
      const newsletter = `<table>${'<tr><td style="color: red">x</td></tr>'.repeat(200)}</table>`;
      const background = Array.from({ length: 4 }, (_, i) =>
        track(`body${i}`, pool.run({ kind: 'mail-body', html: newsletter, maxTags: maxHtmlBodyTags }, { background: true })));
      const render = track('render', pool.run({ kind: 'render-signature', html: '<p>{{user.fullName}}</p>', values: { 'user.fullName': 'Mia' } }));
      await Promise.all([...background, render]);
      // At most the body already running when the render arrived finishes before it.
      expect(done.indexOf('render')).toBeLessThanOrEqual(1);
    } finally {
      await pool.close();
    }
    // A fresh pool's first task waits for its thread to start (tsx + jsdom) on a busy machine.
  }, 60_000);

  it('renders signatures on the pool, not on the event loop', async () => {
    const sig = await t.request(admin, {
      method: 'POST', url: `/api/email-accounts/${accountId}/signatures`, payload: { name: 'S', html: '<p style="color: #333">{{user.fullName}}</p>' },
    });
    expect(sig.statusCode).toBe(201);
    const run = vi.spyOn(t.app.sanitizePool, 'run');
    const res = await t.request(member, { method: 'GET', url: `/api/signatures/${(sig.json() as { id: string }).id}/rendered` });
    expect(res.json()).toMatchObject({ html: '<p style="color: #333">Mia Member</p>' });
    expect(run.mock.calls.map(([task]) => task.kind)).toEqual(['render-signature']);
    run.mockRestore();
  });

  it('renders and lists a signature again from memory: same answer, no trip to a worker thread', async () => {
    const sig = await t.request(admin, {
      method: 'POST', url: `/api/email-accounts/${accountId}/signatures`, payload: { name: 'Again', html: '<p style="color: #444">{{user.fullName}} · {{user.email}}</p>' },
    });
    const id = (sig.json() as { id: string }).id;
    const rendered = () => t.request(member, { method: 'GET', url: `/api/signatures/${id}/rendered` });
    const listed = () => t.request(member, { method: 'GET', url: `/api/email-accounts/${accountId}/signatures` });
    const [firstRender, firstList] = [(await rendered()).json(), (await listed()).json()];
    const run = vi.spyOn(t.app.sanitizePool, 'run');
    expect((await rendered()).json()).toEqual(firstRender);
    expect((await listed()).json()).toEqual(firstList);
    expect(run).not.toHaveBeenCalled();
    // Another person's values are another render.
    const other = await t.request(member2, { method: 'GET', url: `/api/signatures/${id}/rendered` });
    expect(other.json()).toMatchObject({ html: expect.stringContaining(t.seed.member2.email) as unknown });
    expect(run.mock.calls.map(([task]) => task.kind)).toEqual(['render-signature']);
    run.mockRestore();
  });

  it('refuses a body above the tag cap (null) instead of spending seconds on it', async () => {
    expect(await t.app.sanitizePool.run({ kind: 'mail-body', html: '<b>x</b>'.repeat(11), maxTags: 10 })).toBeNull();
    expect(await t.app.sanitizePool.run({ kind: 'mail-body', html: '<b>x</b>'.repeat(10), maxTags: 10 })).toBe('<b>x</b>'.repeat(10));
  });
});

const body = (over: object = {}) => ({
  accountId,
  recordIds: [records[0]!],
  message: { messageId: `<${newId()}@pipeline.test>`, subject: 'Devis', from: { address: 'client@x.test' }, date: '2024-05-01T10:00:00Z', bodyText: 'Bonjour', ...over },
});
const bodyRow = (id: string) =>
  t.db.selectFrom('messages').select(['body_html', 'body_html_pending', 'body_text']).where('id', '=', id).executeTakeFirstOrThrow();

describe('the server\'s fingerprint', () => {
  it.each([
    { from: 'Alice@Client.test ', date: '2024-06-01T08:09:10.555+02:00', subject: '  Sans   identifiant ' },
    { from: 'é@x.test', date: '2024-01-01T00:00:00Z', subject: 'Ünïcødé — 日本語' },
  ])('is the extension\'s fingerprint (%o)', async (input) => {
    expect(serverFingerprint(input)).toBe(await messageFingerprint(input));
  });
});

/** A message stored with `html` still pending, as a process that stopped before sanitizing leaves it. */
async function pendingRow(html: string): Promise<string> {
  const id = newId();
  await t.db.insertInto('messages').values({
    id, org_id: t.seed.org.id, message_key: `${id}@pending.test`, message_id: `${id}@pending.test`, thread_id: null, subject: 's',
    from_name: null, from_address: 'a@b.test', to_json: '[]', cc_json: '[]', date: nowIso(), snippet: '',
    body_html: null, body_html_pending: html, body_text: null, attachments_json: '[]', created_at: nowIso(),
  }).execute();
  return id;
}

describe('HTML bodies sanitized in the background', () => {
  it('stores the sanitized body, the same as the in-process sanitizer would, and clears the raw one', async () => {
    const res = await t.request(member, { method: 'POST', url: '/api/filings', payload: body({ bodyHtml: styledBody }) });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain('javascript');
    await t.app.pendingBodies.idle();
    expect(await bodyRow((res.json() as FilingState).message!.id)).toEqual({ body_html: sanitizeHtml(styledBody), body_html_pending: null, body_text: 'Bonjour' });
  });

  it('picks up bodies left pending (by a process that stopped before sanitizing them)', async () => {
    const id = await pendingRow('<p onmouseover="x()">left</p>');
    t.app.pendingBodies.kick();
    await t.app.pendingBodies.idle();
    expect(await bodyRow(id)).toEqual({ body_html: '<p>left</p>', body_html_pending: null, body_text: null });
  });

  it('drops a body the sanitizer fails on (text kept), instead of retrying it forever', async () => {
    const res = await t.request(member, { method: 'POST', url: '/api/filings', payload: body({ bodyHtml: '<p>x</p>' }) });
    const id = (res.json() as FilingState).message!.id;
    await t.app.pendingBodies.idle();
    await t.db.updateTable('messages').set({ body_html: null, body_html_pending: '<p>crash</p>' }).where('id', '=', id).execute();
    const failing: SanitizePool = { threads: 1, run: () => Promise.reject(new Error('worker died')), close: async () => undefined };
    const warnings: string[] = [];
    const log = { ...t.app.log, warn: (_o: unknown, msg: string) => void warnings.push(msg) } as unknown as typeof t.app.log;
    const job = createPendingBodies(t.db, failing, log);
    job.kick();
    await job.idle();
    await job.close();
    expect(await bodyRow(id)).toEqual({ body_html: null, body_html_pending: null, body_text: 'Bonjour' });
    expect(warnings).toHaveLength(1);
  });
});

describe('background sanitizing gives way to requests', () => {
  it('waits while requests keep arriving, and sanitizes once they stop', async () => {
    const id = await pendingRow('<p onclick="x()">busy</p>');
    let busy = true;
    const job = createPendingBodies(t.db, t.app.sanitizePool, t.app.log, { lastRequestAt: () => (busy ? Date.now() : 0), quietMs: 10, maxDeferMs: 60_000 });
    job.kick();
    await new Promise((r) => setTimeout(r, 300));
    expect(await bodyRow(id)).toMatchObject({ body_html: null, body_html_pending: '<p onclick="x()">busy</p>' });
    busy = false;
    await job.idle();
    await job.close();
    expect(await bodyRow(id)).toMatchObject({ body_html: '<p>busy</p>', body_html_pending: null });
  });

  it('still sanitizes under requests that never stop, a round at least every maxDeferMs', async () => {
    const id = await pendingRow('<p onclick="x()">busy</p>');
    const job = createPendingBodies(t.db, t.app.sanitizePool, t.app.log, { lastRequestAt: () => Date.now(), quietMs: 10, maxDeferMs: 50 });
    job.kick();
    await job.idle();
    await job.close();
    expect(await bodyRow(id)).toMatchObject({ body_html: '<p>busy</p>', body_html_pending: null });
  });
});

describe.skipIf(testDialect !== 'postgres')('HTML bodies sanitized by several processes at once', () => {
  it('sanitizes each pending body once: a job skips the rows another has claimed', async () => {
    const ids = Array.from({ length: 12 }, () => newId());
    await t.db.insertInto('messages').values(ids.map((id) => ({
      id, org_id: t.seed.org.id, message_key: `${id}@claim.test`, message_id: `${id}@claim.test`, thread_id: null, subject: 's',
      from_name: null, from_address: 'a@b.test', to_json: '[]', cc_json: '[]', date: nowIso(), snippet: '',
      body_html: null, body_html_pending: `<p>${id}</p>`, body_text: null, attachments_json: '[]', created_at: nowIso(),
    }))).execute();
    // Two jobs on their own connections, as two API processes (or a worker) run them: each sanitizes
    // slowly enough that both are at work on the backlog at the same time.
    const sanitized: string[] = [];
    const slowPool: SanitizePool = {
      threads: 1,
      run: (async (task: { html: string }) => {
        sanitized.push(task.html);
        await new Promise((r) => setTimeout(r, 20));
        return task.html;
      }) as SanitizePool['run'],
      close: async () => undefined,
    };
    const jobs = [createPendingBodies(t.db, slowPool, t.app.log), createPendingBodies(t.db, slowPool, t.app.log)];
    for (const job of jobs) job.kick();
    await Promise.all(jobs.map((job) => job.idle()));
    await Promise.all(jobs.map((job) => job.close()));
    const ours = sanitized.filter((html) => ids.some((id) => html === `<p>${id}</p>`));
    expect(ours.sort()).toEqual(ids.map((id) => `<p>${id}</p>`).sort());
    const rows = await t.db.selectFrom('messages').select(['body_html', 'body_html_pending']).where('id', 'in', ids).execute();
    expect(rows.every((r) => r.body_html_pending === null && r.body_html !== null)).toBe(true);
  });
});

describe('retries of a complete filing', () => {
  it('are answered from a read, without a place in the group commit; anything new still commits', async () => {
    const first = body({ bodyHtml: '<p>x</p>' });
    const filed = await t.request(member, { method: 'POST', url: '/api/filings', payload: first });
    expect(filed.statusCode).toBe(201);
    const commits = vi.spyOn(t.app.filingCommits, 'run');
    const retry = await t.request(member, { method: 'POST', url: '/api/filings', payload: first });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(filed.json());
    expect(commits).not.toHaveBeenCalled();
    const more = await t.request(member, { method: 'POST', url: '/api/filings', payload: { ...first, recordIds: [records[0]!, records[1]!] } });
    expect(more.statusCode).toBe(201);
    expect(commits).toHaveBeenCalledTimes(1);
    commits.mockRestore();
  });
});

describe('concurrent filings (group commit over HTTP)', () => {
  it('end as one message with every filing, whatever the order they commit in', async () => {
    const base = await t.listen();
    const shared = body({ bodyHtml: styledBody }).message;
    const posts = Array.from({ length: 24 }, (_, i) =>
      fetch(`${base}/api/filings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${i % 2 ? member : member2}`, 'content-type': 'application/json' },
        body: JSON.stringify({ accountId, message: shared, recordIds: [records[i % 3]!] }),
      }),
    );
    const responses = await Promise.all(posts);
    const states = (await Promise.all(responses.map((r) => r.json()))) as FilingState[];
    expect(responses.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    // One filing per record is new; the other 21 posts were repeats.
    expect(responses.filter((r) => r.status === 201)).toHaveLength(3);
    expect(new Set(states.map((s) => s.message?.id)).size).toBe(1);
    const rows = await t.db.selectFrom('messages').select('id').where('message_key', '=', shared.messageId.slice(1, -1)).execute();
    expect(rows).toHaveLength(1);
    const filings = await t.db.selectFrom('filings').select('record_id').where('message_id', '=', rows[0]!.id).execute();
    expect(filings.map((f) => f.record_id).sort()).toEqual([...records].sort());
    await t.app.pendingBodies.idle();
    expect((await bodyRow(rows[0]!.id)).body_html).toBe(sanitizeHtml(styledBody));
  });
});
