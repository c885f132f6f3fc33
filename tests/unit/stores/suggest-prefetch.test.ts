import { describe, expect, it, vi } from 'vitest';
import type { Suggestion } from '@/contract';
import { createSuggestionPrefetch } from '@/stores/filing/suggest-prefetch';

const record = (id: string) => ({ id }) as unknown as Suggestion;

describe('suggestions asked ahead', () => {
  it('asks once per participants, and the answer is taken once', async () => {
    const ask = vi.fn(async (emails: string[]) => [record(emails[0]!)]);
    const p = createSuggestionPrefetch(ask);
    p.prefetch(['a@x.example', 'b@x.example']);
    p.prefetch(['a@x.example', 'b@x.example']);
    expect(ask).toHaveBeenCalledTimes(1);
    await expect(p.take(['a@x.example', 'b@x.example'])).resolves.toEqual([record('a@x.example')]);
    expect(p.take(['a@x.example', 'b@x.example'])).toBeUndefined();
    // Other participants (another message in focus) were never asked.
    expect(p.take(['b@x.example', 'a@x.example'])).toBeUndefined();
  });

  it('an answer older than 30 s is not used, and is asked again by the next prefetch', async () => {
    let now = 0;
    const ask = vi.fn(async () => [record('r1')]);
    const p = createSuggestionPrefetch(ask, () => now);
    p.prefetch(['a@x.example']);
    now = 30_001;
    expect(p.take(['a@x.example'])).toBeUndefined();
    p.prefetch(['a@x.example']);
    now = 30_002;
    p.prefetch(['a@x.example']);
    expect(ask).toHaveBeenCalledTimes(2);
  });

  it('a failed answer is asked again when taken, and an unused failure is not an unhandled rejection', async () => {
    const ask = vi.fn().mockRejectedValueOnce(new Error('signed out')).mockResolvedValue([record('r2')]);
    const p = createSuggestionPrefetch(ask);
    p.prefetch(['a@x.example']);
    await expect(p.take(['a@x.example'])).resolves.toEqual([record('r2')]);
    expect(ask).toHaveBeenCalledTimes(2);
  });

  it('keeps the last four conversations only, and nothing after clear', () => {
    const ask = vi.fn(async () => []);
    const p = createSuggestionPrefetch(ask);
    for (const n of [1, 2, 3, 4, 5]) p.prefetch([`p${n}@x.example`]);
    expect(p.take(['p1@x.example'])).toBeUndefined();
    expect(p.take(['p2@x.example'])).toBeDefined();
    p.clear();
    expect(p.take(['p5@x.example'])).toBeUndefined();
    // Nobody asked for no participants.
    p.prefetch([]);
    expect(ask).toHaveBeenCalledTimes(5);
  });
});
