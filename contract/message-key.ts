/**
 * The identity of a message within an organisation (DESIGN.md, "Identity of a message"): its RFC
 * Message-ID, normalised, or — when it has none we can read — a fingerprint `fp:<sha256 hex>` of
 * its sender, date and subject. Shared by the extension (filing queue, lookups) and the server
 * (storage, uniqueness), so both compute the same key. Runs in browsers and Node ≥ 20 alike: the
 * hash comes from Web Crypto (`globalThis.crypto.subtle`), hence the async fingerprint.
 */

/** Prefix of fingerprint keys; a real Message-ID never starts with it (see `normaliseMessageId`). */
export const fingerprintPrefix = 'fp:';
const fingerprintPattern = /^fp:[0-9a-f]{64}$/;

/** RFC 5322 caps a header line at 998 characters; longer "ids" are garbage, not identities. */
const maxMessageIdLength = 998;

/**
 * A Message-ID as stored and compared: folding whitespace removed, the first `<...>` taken when
 * the header holds several (some clients repeat or append ids), angle brackets stripped and the
 * domain part (after the last `@`) lower-cased — the local part is case-sensitive per RFC 5322.
 * Returns null when nothing usable is left, or when the value would pass for a fingerprint key.
 */
export function normaliseMessageId(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  // Folding (CRLF + WSP) and any other whitespace are never part of an id.
  let s = raw.replace(/\s+/g, '');
  const bracketed = /<([^<>]*)>/.exec(s);
  if (bracketed) s = bracketed[1] ?? '';
  s = s.replace(/[<>]/g, '');
  // eslint-disable-next-line no-control-regex
  if (!s || s.length > maxMessageIdLength || /[\u0000-\u001f\u007f]/.test(s)) return null;
  if (s.toLowerCase().startsWith(fingerprintPrefix)) return null;
  const at = s.lastIndexOf('@');
  return at < 0 ? s : s.slice(0, at) + s.slice(at).toLowerCase();
}

/** What a fingerprint is computed from; the same fields every client can read from a message. */
export interface FingerprintInput {
  /** Sender address (no display name). */
  from: string;
  /** Any date `Date` can read; taken to the second, in UTC. */
  date: string | Date;
  subject: string;
}

/** The exact text hashed for a fingerprint, exposed so tests and reconciliation can compare. */
export function fingerprintSource(input: FingerprintInput): string {
  const from = input.from.trim().toLowerCase();
  const time = new Date(input.date).getTime();
  if (Number.isNaN(time)) throw new RangeError('A fingerprint needs a valid date.');
  const date = new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const subject = input.subject.replace(/\s+/g, ' ').trim();
  return `${from}\n${date}\n${subject}`;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `fp:<sha256 hex>` of the normalised sender, date (to the second, UTC) and subject. */
export async function messageFingerprint(input: FingerprintInput): Promise<string> {
  return fingerprintPrefix + (await sha256Hex(fingerprintSource(input)));
}

export function isFingerprintKey(key: string): boolean {
  return fingerprintPattern.test(key);
}

/** The key of a message: its normalised Message-ID when readable, else its fingerprint. */
export async function messageKey(input: FingerprintInput & { messageId?: string | null }): Promise<string> {
  return normaliseMessageId(input.messageId) ?? (await messageFingerprint(input));
}

/**
 * The key a lookup (`GET /api/filings?messageId=`) means: an `fp:` key as given (lower-cased), or
 * a raw Message-ID normalised. Null when it is neither.
 */
export function lookupKey(raw: string): string | null {
  const trimmed = raw.trim().toLowerCase();
  if (trimmed.startsWith(fingerprintPrefix)) return isFingerprintKey(trimmed) ? trimmed : null;
  return normaliseMessageId(raw);
}
