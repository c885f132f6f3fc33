/**
 * What a person pastes as an invitation: the bare code, or a whole link such as
 * `chrome-extension://…/options.html#invite=<code>` (an admin may send that). Answers the code.
 */
export function invitationCodeFrom(input: string): string {
  const text = input.trim();
  const m = /(?:^|[#&?])invite=([^&#\s]+)/.exec(text);
  if (!m) return text;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1]!;
  }
}

/** The code in a page's hash (`#invite=…`), if any. */
export function invitationCodeInHash(hash: string): string | null {
  return /(?:^#?|&)invite=/.test(hash) ? invitationCodeFrom(hash.startsWith('#') ? hash : `#${hash}`) || null : null;
}
