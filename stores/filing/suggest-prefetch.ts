/**
 * Suggestions asked for before the popover opens. The in-page UI asks as soon as a conversation
 * shows: its participants are all the first answer needs, so the click on "File to record" shows
 * them without waiting for the API. An answer is used once and only while fresh (a record created
 * or filed to since must show); a failed one is asked again at the click.
 */
import type { Suggestion } from '@/contract';

/** Longer than reading a message before filing it; shorter than a colleague creating a record. */
const freshMs = 30_000;
/** Conversations kept: the one on screen and the few the user just went through. */
const kept = 4;

export interface SuggestionPrefetch {
  /** Asks now for these participants, unless a fresh answer for them is already kept. */
  prefetch(emails: readonly string[]): void;
  /** The kept answer for these participants, taken (not kept any more); undefined if none fresh. */
  take(emails: readonly string[]): Promise<Suggestion[]> | undefined;
  clear(): void;
}

export function createSuggestionPrefetch(ask: (emails: string[]) => Promise<Suggestion[]>, now = () => Date.now()): SuggestionPrefetch {
  const answers = new Map<string, { at: number; answer: Promise<Suggestion[]> }>();
  const keyOf = (emails: readonly string[]) => emails.join('\n');
  const fresh = (e: { at: number } | undefined) => !!e && now() - e.at <= freshMs;

  return {
    prefetch(emails) {
      if (emails.length === 0) return;
      const key = keyOf(emails);
      if (fresh(answers.get(key))) return;
      answers.delete(key);
      const answer = ask([...emails]);
      // Nobody may take it: a failure is not an error until the click asks again.
      answer.catch(() => undefined);
      answers.set(key, { at: now(), answer });
      for (const old of answers.keys()) {
        if (answers.size <= kept) break;
        answers.delete(old);
      }
    },
    take(emails) {
      const key = keyOf(emails);
      const e = answers.get(key);
      answers.delete(key);
      if (!e || !fresh(e)) return undefined;
      return e.answer.catch(() => ask([...emails]));
    },
    clear: () => answers.clear(),
  };
}
