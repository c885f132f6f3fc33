/** The records the filing view offers, the name to show for a record id, the correspondent's record. */
import type { CrmRecord, FilingState, RecordLookup, RecordLookupQuery, Suggestion } from '@/contract';
import { send } from '@/messaging/client';

/** Records created here first, then suggestions (best matches first), without duplicates. */
export function mergeCandidates(created: readonly CrmRecord[], suggestions: readonly Suggestion[]): CrmRecord[] {
  const seen = new Set<string>();
  const out: CrmRecord[] = [];
  for (const r of [...created, ...suggestions.map((s) => s.record)]) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r);
  }
  return out;
}

/** The record's name from what the view knows (offered, searched, already filed), else its id. */
export function recordName(id: string, known: readonly CrmRecord[], states: Readonly<Record<string, FilingState>>): string {
  return (
    known.find((r) => r.id === id)?.name ??
    Object.values(states)
      .flatMap((s) => s.filings)
      .find((f) => f.record.id === id)?.record.name ??
    id
  );
}

/**
 * The record holding `address` (the correspondent of the message in focus): one created here,
 * else a suggestion holding it: matched by email, or — once the mail is filed — listed first as a
 * record of the thread, which the API does not repeat under its email reason.
 */
export function correspondentRecord(address: string | undefined, created: readonly CrmRecord[], suggestions: readonly Suggestion[]): CrmRecord | undefined {
  const a = address?.trim().toLowerCase();
  if (!a) return undefined;
  return (
    created.find((r) => r.emails.includes(a)) ??
    suggestions.find((s) => s.reason === 'email' && s.matched === a)?.record ??
    suggestions.find((s) => s.record.emails.some((e) => e.toLowerCase() === a))?.record
  );
}

/** Duplicates and the company to link, for the create form; nothing found when the API fails. */
export async function lookupRecords(q: RecordLookupQuery): Promise<RecordLookup> {
  try {
    return await send('records.lookup', q);
  } catch (e) {
    // The form still works without the check: the API refuses a duplicate address anyway.
    console.warn('[mailroom] record lookup unavailable', e);
    return { byEmail: [], byDomain: [] };
  }
}
