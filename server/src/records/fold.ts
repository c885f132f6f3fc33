/**
 * Accent- and case-folding for record search: "hel" finds "Hélène Dupré", "dupre" too.
 * The folded name is stored in `records.name_folded` so the same `LIKE 'x%'` query works on SQLite
 * (whose LIKE only folds ASCII case) and PostgreSQL alike.
 */

// Letters NFKD does not decompose into a base letter plus marks.
const extraFolds: Record<string, string> = {
  'œ': 'oe', 'æ': 'ae', 'ß': 'ss', 'ø': 'o', 'đ': 'd', 'ð': 'd', 'ł': 'l', 'þ': 'th', 'ı': 'i',
};

/**
 * Lower-case, strip accents and turn every run of non-letters/digits into one space, so words can
 * be matched by prefix (`name LIKE 'x%' OR name LIKE '% x%'`) and hyphenated names split into words.
 * The output never contains LIKE wildcards (`%`, `_`) or the escape character.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œæßøđðłþı]/g, (c) => extraFolds[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Escape `%`, `_` and `\` for a `LIKE ... ESCAPE '\'` pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
