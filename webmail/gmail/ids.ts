/**
 * Gmail's message and thread ids. The DOM shows `#msg-f:<decimal>` (data-message-id) and the same
 * number in hex (data-legacy-message-id); threads likewise (`thread-f:` / legacy hex). Sent mail
 * not yet synced shows `msg-a:r-<n>` ids, which "show original" does not accept.
 * (WEBMAIL-FACTS.md, "reading a conversation".)
 */

const hexId = /^[0-9a-f]{1,16}$/i;

/** `19ac4e1f2b3d5a01` → `1849939442718824961` (BigInt: the numbers exceed 2^53). */
export function legacyHexToDecimal(hex: string): string | undefined {
  const h = hex.trim();
  if (!hexId.test(h)) return undefined;
  return BigInt(`0x${h}`).toString(10);
}

/** `#msg-f:123` / `msg-f:123` → `msg-f:123`; `#msg-a:r-5` → `msg-a:r-5`; junk → undefined. */
export function normaliseMessageAttr(value: string | null | undefined): string | undefined {
  const v = value?.trim().replace(/^#/, '');
  if (!v || v === 'undefined' || v === 'null') return undefined;
  return /^msg-[a-z]:[\w-]+$/.test(v) ? v : undefined;
}

/**
 * Thread id from the subject heading: the perm id unless missing or the literal "undefined"
 * (some Workspace accounts), then the legacy hex id converted.
 */
export function threadIdFrom(permId: string | null | undefined, legacyHex: string | null | undefined): string | undefined {
  const p = permId?.trim().replace(/^#/, '');
  if (p && p !== 'undefined' && p !== 'null' && /^thread-[a-z]:[\w-]+$/.test(p)) return p;
  const decimal = legacyHex ? legacyHexToDecimal(legacyHex) : undefined;
  return decimal ? `thread-f:${decimal}` : undefined;
}

/** Message id from the message element's attributes, preferring the perm id. */
export function messageIdFrom(dataMessageId: string | null | undefined, legacyHex: string | null | undefined): string | undefined {
  const perm = normaliseMessageAttr(dataMessageId);
  if (perm) return perm;
  const decimal = legacyHex ? legacyHexToDecimal(legacyHex) : undefined;
  return decimal ? `msg-f:${decimal}` : undefined;
}

/** The decimal of a `msg-f:` id, which is what "show original" takes; undefined for `msg-a:` ids. */
export function permMsgIdForShowOriginal(providerMessageId: string): string | undefined {
  const m = /^#?msg-f:(\d+)$/.exec(providerMessageId.trim());
  return m ? `msg-f:${m[1]}` : undefined;
}
