/**
 * The parse pool (worker threads) gives what parsing in place gives, mail by mail and in order,
 * over the whole .eml corpus of tests/fixtures (real, hostile and broken mail), and a pool closed
 * while it works still answers every mail.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let inPlace: Awaited<ReturnType<typeof parseRawMails>>;
beforeAll(async () => {
  inPlace = await parseRawMails({ mails });
});
afterAll(() => pool.close());

// The corpus is parsed several times over: generous time for a busy machine.
describe('the parse pool', { timeout: 60_000 }, () => {
  it('parses the .eml corpus on its threads exactly as in place', async () => {
    expect(mails.length).toBeGreaterThan(100);
    expect(await pool.warm(mails.length)).toBe(true);
    const pooled = await pool.parse(mails);
    expect(pooled).toEqual(inPlace);
    expect(pooled.filter((r) => r.ok).length).toBeGreaterThan(mails.length * 0.9);
  });

  it('answers every mail of a batch when closed in the middle of it', async () => {
    const fallbacks: unknown[] = [];
    const closing = createParsePool(1, (err) => fallbacks.push(err));
    expect(await closing.warm(mails.length)).toBe(true);
    const parsing = closing.parse(mails);
    await closing.close();
    const results = await parsing;
    expect(results).toEqual(inPlace);
    expect(await closing.warm(3)).toBe(false);
  });

  it('parses a handful of mails in place, and starts again after a close', async () => {
    const few = mails.slice(0, 3);
    expect(await pool.parse(few)).toEqual(await parseRawMails({ mails: few }));
    await pool.close();
    const many = mails.slice(0, 20);
    // Parsed in place while the threads start, on them once ready: the same either way.
    expect(await pool.parse(many)).toEqual(await parseRawMails({ mails: many }));
    expect(await pool.warm(many.length)).toBe(true);
    expect(await pool.parse(many)).toEqual(await parseRawMails({ mails: many }));
  });
});
