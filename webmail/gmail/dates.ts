/**
 * Gmail shows a message's full date only as localised text in `span.g3[title]`
 * ("Wed, Nov 25, 2026, 2:05 PM", "mer. 25 nov. 2026, 14:05"). We read the English and French
 * forms (our users' languages) and anything `Date.parse` understands; otherwise the date stays
 * unknown rather than wrong. Times are the browser's local time, as Gmail displays them.
 */

const monthsEn = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// French abbreviations as Gmail writes them (janv., févr., mars, avr., mai, juin, juil., août, sept., oct., nov., déc.).
const monthsFr = ['janv', 'févr', 'mars', 'avr', 'mai', 'juin', 'juil', 'août', 'sept', 'oct', 'nov', 'déc'];

function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  const fr = monthsFr.findIndex((m) => w === m || (w.length >= 3 && m.startsWith(w)));
  if (fr >= 0) return fr;
  return monthsEn.findIndex((m) => w.startsWith(m));
}

function build(year: number, month: number, day: number, hour: number, minute: number): string | undefined {
  if (month < 0 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const d = new Date(year, month, day, hour, minute, 0, 0);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function parseGmailDate(title: string | null | undefined): string | undefined {
  const t = title?.replace(/[\u202f\u00a0]/g, ' ').trim();
  if (!t) return undefined;
  // English: "Wed, Nov 25, 2026, 2:05 PM" or "Wed, Nov 25, 2026 at 2:05 PM"
  let m = /([A-Za-z]{3,})\.? (\d{1,2}), (\d{4})(?:,| at) (\d{1,2}):(\d{2})\s*([AaPp][Mm])?/.exec(t);
  if (m) {
    let hour = Number(m[4]);
    const pm = m[6]?.toLowerCase() === 'pm';
    if (m[6]) hour = (hour % 12) + (pm ? 12 : 0);
    return build(Number(m[3]), monthIndex(m[1] ?? ''), Number(m[2]), hour, Number(m[5]));
  }
  // French: "mer. 25 nov. 2026, 14:05" or "25 nov. 2026 à 14:05"
  m = /(\d{1,2}) ([a-zéû]{3,}\.?) (\d{4})(?:,| à) (\d{1,2})[:h](\d{2})/i.exec(t);
  if (m) return build(Number(m[3]), monthIndex(m[2] ?? ''), Number(m[1]), Number(m[4]), Number(m[5]));
  const parsed = Date.parse(t);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}
