/**
 * Which Gmail account a page belongs to, from its path: `/mail/u/<N>/` for signed-in accounts and
 * `/mail/b/<id>/u/<N>/` for delegated mailboxes (WEBMAIL-FACTS.md). Requests to Gmail's own
 * endpoints must go to the same base path, or they hit another account's session.
 */

export interface GmailAccountPath {
  /** e.g. `/mail/u/0/` or `/mail/b/123abc/u/1/`, always ending with `/`. */
  basePath: string;
  accountIndex: number;
  /** Delegated mailbox id when the page is `/mail/b/<id>/...`. */
  delegateId?: string;
}

const accountPathPattern = /^\/mail\/(?:b\/([^/]+)\/)?u\/(\d+)(?:\/|$)/;

export function parseAccountPath(pathname: string): GmailAccountPath | undefined {
  const m = accountPathPattern.exec(pathname);
  if (!m) {
    // `/mail/` alone redirects to the first account; Gmail serves it as account 0.
    return /^\/mail\/?$/.test(pathname) ? { basePath: '/mail/u/0/', accountIndex: 0 } : undefined;
  }
  const delegateId = m[1] ? decodeURIComponent(m[1]) : undefined;
  const accountIndex = Number(m[2]);
  const basePath = delegateId
    ? `/mail/b/${encodeURIComponent(delegateId)}/u/${accountIndex}/`
    : `/mail/u/${accountIndex}/`;
  return { basePath, accountIndex, ...(delegateId ? { delegateId } : {}) };
}

/** URL of Gmail's "show original" view for a `msg-f:<decimal>` id. */
export function showOriginalUrl(origin: string, account: GmailAccountPath, ik: string, permMsgId: string): string {
  const params = new URLSearchParams({ ik, view: 'om', permmsgid: permMsgId });
  return `${origin}${account.basePath}?${params.toString().replace(/%3A/g, ':')}`;
}
