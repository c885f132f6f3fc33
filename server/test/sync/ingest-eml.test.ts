/**
 * Every real and broken mail of tests/fixtures/eml/** through the sync ingest, as one batch after
 * another: nothing throws out of a batch, each mail is stored or skipped with a reason, and a
 * second pass stores nothing new. A sample is checked field by field.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch, type IngestInput, type IngestResult } from '../../src/sync/ingest.service';
import { createAccountAs } from '../helpers/accounts';
import { admin, t, useAppForFile } from '../helpers/app-for-file';
import { fixturesDir } from '../xss-check';

function emlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return emlFiles(full);
    return name.endsWith('.eml') ? [full] : [];
  });
}
const files = emlFiles(path.join(fixturesDir, 'eml')).sort();

useAppForFile();
let inputs: IngestInput[];
let results: IngestResult[];
beforeAll(async () => {
  const accountId = (await createAccountAs(t, admin, { address: 'inbox@acme.test' })).id;
  inputs = files.map((f) => ({ orgId: t.seed.org.id, accountId, folder: 'INBOX', direction: 'received', raw: readFileSync(f), receivedAt: new Date('2026-12-01T12:00:00Z') }));
  results = [];
  for (let i = 0; i < inputs.length; i += 50) results.push(...(await ingestBatch({ db: t.db }, inputs.slice(i, i + 50))));
});

const resultOf = (name: string) => results[files.findIndex((f) => f.endsWith(name))]!;

describe('the whole .eml corpus through ingest', () => {
  it('has a good sample and an answer for every mail', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(results).toHaveLength(files.length);
    for (const r of results) expect(['stored', 'linked', 'duplicate', 'skipped']).toContain(r.outcome);
    // Skipping is for what is not mail at all: nearly everything is stored.
    expect(results.filter((r) => r.outcome === 'skipped').length).toBeLessThan(files.length / 10);
  });

  it('stores each key once: a second pass is all duplicates or skips', async () => {
    const again: IngestResult[] = [];
    for (let i = 0; i < inputs.length; i += 100) again.push(...(await ingestBatch({ db: t.db }, inputs.slice(i, i + 100))));
    expect(again.map((r, i) => [r.outcome, files[i]]).filter(([o]) => o === 'stored' || o === 'linked')).toEqual([]);
  });

  it('keeps sensible fields for a sample', async () => {
    const stored = results.filter((r): r is Extract<IngestResult, { messageId: string }> => r.outcome !== 'skipped');
    const rows = await t.db.selectFrom('messages').selectAll().where('id', 'in', stored.map((r) => r.messageId)).execute();
    for (const m of rows) {
      expect(Number.isNaN(Date.parse(m.date))).toBe(false);
      expect(m.message_key.length).toBeGreaterThan(0);
      expect(Array.isArray(JSON.parse(m.to_json))).toBe(true);
      expect(Array.isArray(JSON.parse(m.references_json))).toBe(true);
      expect(Array.isArray(JSON.parse(m.attachments_json))).toBe(true);
      expect(m.body_html).toBeNull();
    }
    expect(rows.some((m) => m.message_key.startsWith('fp:'))).toBe(true);
    expect(rows.some((m) => JSON.parse(m.attachments_json).length > 0)).toBe(true);
    expect(rows.some((m) => m.in_reply_to !== null)).toBe(true);
  });

  it('reads an encoded subject and attachment name', async () => {
    const r = resultOf('attachment_with_quoted_filename.eml');
    if (r.outcome === 'skipped') throw new Error(r.reason);
    const m = await t.db.selectFrom('messages').selectAll().where('id', '=', r.messageId).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ subject: 'Eelanalüüsi päring', from_address: 'jeff@37signals.com' });
    expect(JSON.parse(m.attachments_json)).toEqual([{ name: 'Eelanalüüsi päring.jpg', size: 1952, contentType: 'image/jpeg' }]);
  });

  it('dates mail with an unreadable Date header by its arrival', async () => {
    const r = resultOf('raw_email_with_bad_date.eml');
    if (r.outcome === 'skipped') throw new Error(r.reason);
    const m = await t.db.selectFrom('messages').select(['date', 'subject']).where('id', '=', r.messageId).executeTakeFirstOrThrow();
    // Never "now" (mailparser's fallback): the same mail must keep the same fingerprint.
    expect(m.date).toBe('2026-12-01T12:00:00.000Z');
    expect(m.subject).toMatch(/^Microsoft Vlsta/);
  });
});
