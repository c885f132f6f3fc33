import { beforeAll, describe, expect, it } from 'vitest';
import { fileRequestSchema, type FilingState } from '../../contract/filings';
import type { CrmRecord } from '../../contract/records';
import { findSessionByToken } from '../src/auth/sessions.service';
import { createGroupCommit, type GroupCommit } from '../src/db/group-commit';
import { newId } from '../src/db/values';
import { fileMessagesTogether, type FilingResult } from '../src/filings/file-together';
import { fileMessage, prepareMessage } from '../src/filings/filings.service';
import type { AuthContext } from '../src/http/request-context';
import { createAccountAs, grantAccess } from './helpers/accounts';
import { admin, member, member2, otherAdmin, t, useAppForFile } from './helpers/app-for-file';

useAppForFile();
let accountId: string;
let hiddenAccountId: string;
let records: string[];
let asMember: AuthContext;
let asMember2: AuthContext;

beforeAll(async () => {
  accountId = (await createAccountAs(t, admin, { address: 'together@acme.test' })).id;
  // An account the members were never given: filing through it is 404 for them.
  hiddenAccountId = (await createAccountAs(t, admin, { address: 'hidden@acme.test' })).id;
  await grantAccess(t, admin, accountId, t.seed.member.id);
  await grantAccess(t, admin, accountId, t.seed.member2.id);
  records = [];
  for (const name of ['Alpha', 'Beta', 'Gamma']) {
    const res = await t.request(admin, { method: 'POST', url: '/api/records', payload: { kind: 'client', name } });
    records.push((res.json() as CrmRecord).id);
  }
  asMember = (await findSessionByToken(t.db, member))!;
  asMember2 = (await findSessionByToken(t.db, member2))!;
});

// The same sender, second and subject for every message: one fingerprint, different mail.
const request = (over: { messageId?: string | null; recordIds?: string[]; accountId?: string; bodyHtml?: string; subject?: string } = {}) =>
  fileRequestSchema.parse({
    accountId: over.accountId ?? accountId,
    recordIds: over.recordIds ?? [records[0]!, records[1]!],
    message: {
      messageId: over.messageId === undefined ? `<${newId()}@together.test>` : over.messageId,
      subject: over.subject ?? 'Devis',
      from: { name: 'Client', address: 'client@customer.test' },
      date: '2026-11-30T09:15:00Z',
      snippet: 'Bonjour',
      bodyText: 'Bonjour',
      ...(over.bodyHtml ? { bodyHtml: over.bodyHtml } : {}),
    },
  });

type Settled = PromiseSettledResult<FilingResult>;

/** Members queued behind a gate, so they all run in one batch, as concurrent requests do. */
async function oneBatch(commits: GroupCommit, filings: { auth: AuthContext; body: ReturnType<typeof request> }[]): Promise<Settled[]> {
  let release!: () => void;
  let started!: () => void;
  const running = new Promise<void>((r) => (started = r));
  const gate = commits.run(() => new Promise<void>((r) => {
    release = r;
    started();
  }));
  const results = Promise.allSettled(
    filings.map(({ auth, body }) => {
      const prepared = prepareMessage(body.message);
      return commits.run((trx) => fileMessage(trx, auth, body, prepared), { runMany: fileMessagesTogether, input: { auth, request: body, prepared } });
    }),
  );
  // The gate's own batch is running; the filings, queued behind it, then run together.
  await running;
  release();
  await gate;
  return results;
}

const value = (s: Settled) => {
  if (s.status !== 'fulfilled') throw s.reason;
  return s.value;
};

async function stateOf(messageId: string): Promise<FilingState> {
  const res = await t.request(admin, { method: 'GET', url: `/api/filings?messageId=${encodeURIComponent(messageId)}` });
  return res.json() as FilingState;
}

describe('new filings of one batch written together', () => {
  it('file every message, as its filer, with an audit entry per filing, and answer what a read finds', async () => {
    const bodies = Array.from({ length: 6 }, () => request());
    const settled = await oneBatch(createGroupCommit(t.db), bodies.map((body, i) => ({ auth: i % 2 ? asMember2 : asMember, body })));
    for (const [i, s] of settled.entries()) {
      const { state, changed, bodyPending } = value(s);
      expect(changed).toBe(true);
      expect(bodyPending).toBe(false);
      expect(state).toEqual(await stateOf(bodies[i]!.message.messageId!));
      const filer = i % 2 ? t.seed.member2.id : t.seed.member.id;
      expect(state.filings.map((f) => [f.record.id, f.filedBy?.id, f.source])).toEqual(
        expect.arrayContaining([[records[0], filer, 'manual'], [records[1], filer, 'manual']]),
      );
      const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'message.filed').where('subject_id', 'in', state.filings.map((f) => f.id)).execute();
      expect(audit.map((a) => a.actor_id)).toEqual([filer, filer]);
      expect(audit.map((a) => JSON.parse(a.detail_json) as unknown)).toEqual(
        expect.arrayContaining(state.filings.map((f) => ({ messageId: state.message!.id, messageKey: state.message!.messageKey, recordId: f.record.id, accountId }))),
      );
      const links = await t.db.selectFrom('message_accounts').select('account_id').where('message_id', '=', state.message!.id).execute();
      expect(links).toEqual([{ account_id: accountId }]);
    }
    expect(new Set(settled.map((s) => value(s).state.message!.id)).size).toBe(6);
  });

  it('leave a pending HTML body for the sanitizer, never in body_html', async () => {
    const body = request({ bodyHtml: '<p onclick="x()">Bonjour</p>' });
    const [s] = await oneBatch(createGroupCommit(t.db), [{ auth: asMember, body }, { auth: asMember2, body: request() }]);
    expect(value(s!).bodyPending).toBe(true);
    const row = await t.db.selectFrom('messages').select(['body_html', 'body_html_pending']).where('id', '=', value(s!).state.message!.id).executeTakeFirstOrThrow();
    expect(row.body_html).toBeNull();
    expect(row.body_html_pending).toBe('<p onclick="x()">Bonjour</p>');
  });

  it('answer refusals, races, retries and fingerprint-only mail exactly as a filing alone would', async () => {
    const missing = newId();
    const racedId = `<${newId()}@together.test>`;
    const stored = request();
    await t.request(member, { method: 'POST', url: '/api/filings', payload: stored });
    const batch = [
      { auth: asMember, body: request() },
      { auth: asMember, body: request({ recordIds: [records[0]!, missing] }) },
      { auth: asMember2, body: request({ accountId: hiddenAccountId }) },
      { auth: asMember, body: request({ messageId: racedId, recordIds: [records[0]!] }) },
      { auth: asMember2, body: request({ messageId: racedId, recordIds: [records[2]!] }) },
      { auth: asMember, body: { ...stored, recordIds: [records[2]!] } },
      { auth: asMember, body: request({ messageId: null, subject: `Sans identifiant ${newId()}` }) },
      // No Message-ID, but the same sender, second and subject as mail stored under one: that one.
      { auth: asMember, body: request({ messageId: null, recordIds: [records[2]!] }) },
    ];
    const settled = await oneBatch(createGroupCommit(t.db), batch);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);

    // The refusals are the ones the full path gives.
    const alone = async (i: number) => {
      const { auth, body } = batch[i]!;
      return t.db.transaction().execute((trx) => fileMessage(trx, auth, body, prepareMessage(body.message))).catch((e: unknown) => e);
    };
    for (const i of [1, 2]) {
      const reason = (settled[i] as PromiseRejectedResult).reason as { status: number; message: string };
      const expected = (await alone(i)) as { status: number; message: string };
      expect([reason.status, reason.message]).toEqual([expected.status, expected.message]);
    }
    expect(((settled[1] as PromiseRejectedResult).reason as { status: number }).status).toBe(422);
    expect(((settled[2] as PromiseRejectedResult).reason as { status: number }).status).toBe(404);
    // A refused member leaves nothing behind.
    for (const i of [1, 2]) {
      expect(await t.db.selectFrom('messages').select('id').where('message_id', '=', batch[i]!.body.message.messageId!.slice(1, -1)).execute()).toEqual([]);
    }

    // Two members filing one new message: one message, both filings, both new.
    const raced = await stateOf(racedId);
    expect(raced.filings.map((f) => f.record.id).sort()).toEqual([records[0], records[2]].sort());
    expect([value(settled[3]!).changed, value(settled[4]!).changed]).toEqual([true, true]);
    expect(value(settled[4]!).state).toEqual(raced);
    // A message stored before: a filing to one more record, the same message.
    expect(value(settled[5]!).state).toEqual(await stateOf(stored.message.messageId!));
    expect(value(settled[5]!).state.filings).toHaveLength(3);
    // No Message-ID: stored under its fingerprint, or found as its twin (the full path's search).
    expect(value(settled[6]!).state.message!.messageKey).toMatch(/^fp:/);
    expect(value(settled[7]!).state.message!.messageKey).not.toMatch(/^fp:/);
    expect(value(settled[7]!).state.filings.map((f) => f.record.id)).toContain(records[2]);
  });

  it('keep organisations apart in one batch', async () => {
    const globexAuth = (await findSessionByToken(t.db, otherAdmin))!;
    const body = request();
    // Globex's admin names Acme's account and records: refused like anything of another organisation.
    const [acme, globex] = await oneBatch(createGroupCommit(t.db), [
      { auth: asMember, body },
      { auth: globexAuth, body: { ...body, message: { ...body.message, messageId: `<${newId()}@together.test>` } } },
    ]);
    expect(acme!.status).toBe('fulfilled');
    expect(globex!.status).toBe('rejected');
    expect(((globex as PromiseRejectedResult).reason as { status: number }).status).toBe(404);
  });
});

describe('concurrent new filings over HTTP', () => {
  it('are each answered 201 with their own message and filings', async () => {
    const base = await t.listen();
    const bodies = Array.from({ length: 30 }, () => request({ recordIds: [records[1]!] }));
    const responses = await Promise.all(
      bodies.map((body, i) =>
        fetch(`${base}/api/filings`, {
          method: 'POST',
          headers: { authorization: `Bearer ${i % 2 ? member : member2}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(bodies.map(() => 201));
    const states = (await Promise.all(responses.map((r) => r.json()))) as FilingState[];
    for (const [i, state] of states.entries()) {
      expect(state.message!.messageId).toBe(bodies[i]!.message.messageId!.slice(1, -1));
      expect(state).toEqual(await stateOf(bodies[i]!.message.messageId!));
    }
  });
});
