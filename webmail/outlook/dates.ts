/**
 * Outlook's message times as the page writes them, in the user's language: English
 * "Tue 12/1/2026 9:14 AM" (month first, 12-hour clock), French "mar. 01/12/2026 09:14" (day first,
 * 24-hour clock). Read as local time, returned as ISO 8601; anything else (a relative "Yesterday",
 * another language's format) is undefined — the fingerprint then uses what the server sees.
 */
const shape = /(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})[:h.](\d{2})(?:\s*([AP])\.?M\.?)?/i;

export function parseOutlookDate(text: string | null | undefined, lang = 'en'): string | undefined {
  const m = shape.exec(text ?? '');
  if (!m) return undefined;
  const [a, b, year, hh, mm, ampm] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), m[6]?.toUpperCase()];
  // A 12-hour clock is the English (US) form: month first. Otherwise day first, as in French.
  const monthFirst = ampm !== undefined || (/^en-us\b|^en$/i.test(lang) && a <= 12);
  const [month, day] = monthFirst ? [a, b] : [b, a];
  let hours = hh;
  if (ampm === 'P' && hours < 12) hours += 12;
  if (ampm === 'A' && hours === 12) hours = 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || mm > 59) return undefined;
  const d = new Date(year, month - 1, day, hours, mm);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
