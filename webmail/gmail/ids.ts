/**
 * Gmail's message and thread ids. The DOM shows `#msg-f:<decimal>` (data-message-id) and the same
 * number in hex (data-legacy-message-id); threads likewise (`thread-f:` / legacy hex). Sent mail
 * not yet synced shows `msg-a:r-<n>` ids, which "show original" does not accept.
 * (WEBMAIL-FACTS.md, "reading a conversation".)
 */

const hexId = /^[0-9a-f]{1,16}$/i;
const noValue = /^(?:undefined|null)$/i;

/**
 * What Gmail wrote in an id attribute or a hidden compose input, trimmed; undefined when it holds
 * none. Gmail does not leave such fields empty: before a compose's first save `draft`, `rm`, `rt`
 * and the like read the literal strings "undefined" or "null" (Gmail's script writes its JS
 * value as text), and some Workspace accounts show `data-thread-perm-id="undefined"`
 * (WEBMAIL-FACTS.md; InboxSDK's gmail-compose-view.ts tests for the same two strings). Every read
 * of such a field goes through here, so "undefined" is never taken for an id.
 */
export function gmailValue(raw: string | null | undefined): string | undefined {
  const v = raw?.trim();
  return v && !noValue.test(v) ? v : undefined;
}

/** `19ac4e1f2b3d5a01` → `1849939442718824961` (BigInt: the numbers exceed 2^53). */
export function legacyHexToDecimal(hex: string | null | undefined): string | undefined {
  const h = gmailValue(hex);
  if (!h || !hexId.test(h)) return undefined;
  return BigInt(`0x${h}`).toString(10);
}

/** `#msg-f:123` / `msg-f:123` → `msg-f:123`; `#msg-a:r-5` → `msg-a:r-5`; junk → undefined. */
export function normaliseMessageAttr(value: string | null | undefined): string | undefined {
  const v = gmailValue(value)?.replace(/^#/, '');
  return v && /^msg-[a-z]:[\w-]+$/.test(v) ? v : undefined;
}

/**
 * Thread id from the subject heading: the perm id unless missing or the literal "undefined"
 * (some Workspace accounts), then the legacy hex id converted.
 */
export function threadIdFrom(permId: string | null | undefined, legacyHex: string | null | undefined): string | undefined {
  const p = gmailValue(permId)?.replace(/^#/, '');
  if (p && /^thread-[a-z]:[\w-]+$/.test(p)) return p;
  const decimal = legacyHexToDecimal(legacyHex);
  return decimal ? `thread-f:${decimal}` : undefined;
}

/** Message id from the message element's attributes, preferring the perm id. */
export function messageIdFrom(dataMessageId: string | null | undefined, legacyHex: string | null | undefined): string | undefined {
  const perm = normaliseMessageAttr(dataMessageId);
  if (perm) return perm;
  const decimal = legacyHexToDecimal(legacyHex);
  return decimal ? `msg-f:${decimal}` : undefined;
}

/** The decimal of a `msg-f:` id, which is what "show original" takes; undefined for `msg-a:` ids. */
export function permMsgIdForShowOriginal(providerMessageId: string): string | undefined {
  const m = /^#?msg-f:(\d+)$/.exec(providerMessageId.trim());
  return m ? `msg-f:${m[1]}` : undefined;
}
