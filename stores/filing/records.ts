/** The records the filing view offers, and the name to show for a record id. */
import type { CrmRecord, FilingState, Suggestion } from '@/contract';

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
