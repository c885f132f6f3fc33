/**
 * What Outlook's address says (WEBMAIL-FACTS.md, "Windows"): which mailbox path the page is on
 * (outlook.live.com puts `/mail/0/`, and its service under `/owa/0/`), and the Exchange item id of
 * the message it opened — `/mail/<folder>/id/<item id>` in the reading pane,
 * `/mail/deeplink/read/<item id>` in a pop-out read window.
 */

/** Where Outlook's own service answers for this page: `/owa/service.svc` or `/owa/<n>/service.svc`. */
export function owaServicePath(pathname: string): string {
  const mailbox = /^\/mail\/(\d+)(?:\/|$)/.exec(pathname)?.[1];
  return mailbox === undefined ? '/owa/service.svc' : `/owa/${mailbox}/service.svc`;
}

/** The item id the URL names, decoded, or undefined (a folder, settings, a new compose). */
export function itemIdFromPath(pathname: string): string | undefined {
  const m = /\/(?:id|deeplink\/read)\/([^/?#]+)/.exec(pathname);
  if (!m?.[1]) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
}

/** A pop-out read window (`/mail/deeplink/read/…`): one message, no list. */
export function isPopoutRead(pathname: string): boolean {
  return /\/deeplink\/read\//.test(pathname);
}
