/** Collision hints: who else replies to / reads this conversation, who filed it lately. */
import type { FilingState, PresenceEntry } from '@/contract';
import { t } from '@/utils/i18n';
import '@/locales/filing';

/** "Alice filed this 5 min ago" counts filings this recent (older ones are just history). */
const recentFilingMinutes = 60;

/**
 * One line per other user present, then one per other user who filed a message of the
 * conversation within the last hour (`me` is left out).
 */
export function collisionHints(
  presence: readonly PresenceEntry[],
  states: Readonly<Record<string, FilingState>>,
  conversationKeys: readonly string[],
  me: string | undefined,
): string[] {
  const out: string[] = [];
  for (const p of presence) {
    out.push(t(p.state === 'replying' ? 'filing.hintReplying' : 'filing.hintViewing', { name: p.user.fullName }));
  }
  const seen = new Set<string>();
  for (const key of conversationKeys) {
    for (const f of states[key]?.filings ?? []) {
      if (!f.filedBy || f.filedBy.id === me || seen.has(f.filedBy.id)) continue;
      const minutes = Math.floor((Date.now() - Date.parse(f.filedAt)) / 60_000);
      if (minutes > recentFilingMinutes) continue;
      seen.add(f.filedBy.id);
      const ago = minutes < 1 ? t('filing.justNow') : t('filing.minutesAgo', { n: minutes });
      out.push(t('filing.hintFiled', { name: f.filedBy.fullName, ago }));
    }
  }
  return out;
}
