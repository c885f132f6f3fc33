/**
 * The parse pool (worker threads) gives what parsing in place gives, mail by mail and in order,
 * over the whole .eml corpus of tests/fixtures (real, hostile and broken mail), and a pool closed
 * while it works still answers every mail.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRawMails } from '../../src/sync/parse-mail';
import { createParsePool } from '../../src/sync/parse-pool';
import { fixturesDir } from '../xss-check';

function emlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return emlFiles(full);
    return name.endsWith('.eml') ? [full] : [];
  });
}
const receivedAt = new Date('2026-12-01T12:00:00Z');
const mails = emlFiles(path.join(fixturesDir, 'eml'))
  .sort()
  .map((f) => ({ raw: readFileSync(f), receivedAt }));

const pool = createParsePool(2);
afterAll(() => pool.close());

describe('the parse pool', () => {
  it('parses the .eml corpus on its threads exactly as in place', async () => {
    expect(mails.length).toBeGreaterThan(100);
    const inPlace = await parseRawMails({ mails });
    const pooled = await pool.parse(mails);
    expect(pooled).toEqual(inPlace);
    expect(pooled.filter((r) => r.ok).length).toBeGreaterThan(mails.length * 0.9);
  });

  it('answers every mail of a batch when closed in the middle of it', async () => {
    const fallbacks: unknown[] = [];
    const closing = createParsePool(1, (err) => fallbacks.push(err));
    const parsing = closing.parse(mails);
    await closing.close();
    const results = await parsing;
    expect(results).toEqual(await parseRawMails({ mails }));
  });

  it('parses a handful of mails in place, and starts again after a close', async () => {
    const few = mails.slice(0, 3);
    expect(await pool.parse(few)).toEqual(await parseRawMails({ mails: few }));
    await pool.close();
    const many = mails.slice(0, 20);
    expect(await pool.parse(many)).toEqual(await parseRawMails({ mails: many }));
  });
});
