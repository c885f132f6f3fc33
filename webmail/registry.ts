/**
 * Which webmail a page is, and the adapter that reads it, chosen by host. Pages we do not know
 * get the do-nothing adapter, so features degrade instead of failing.
 */
import { createGmailAdapter } from './gmail/adapter';
import { noneAdapter } from './none';
import type { WebmailAdapter, WebmailProvider } from './types';

/** Hosts per provider; the manifest's host permissions and content-script matches mirror these. */
export const webmailHosts: Record<Exclude<WebmailProvider, 'none'>, readonly string[]> = {
  gmail: ['mail.google.com'],
  outlook: ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com'],
};

export function providerForHost(host: string): WebmailProvider {
  const h = host.toLowerCase();
  for (const [provider, hosts] of Object.entries(webmailHosts)) {
    if (hosts.includes(h)) return provider as WebmailProvider;
  }
  return 'none';
}

type AdapterFactory = (doc: Document, win: Window) => WebmailAdapter;

/**
 * Adapter per provider. Gmail's is `webmail/gmail/adapter.ts` (issue 5); Outlook's is being
 * written (issue 7) and until it lands uses the do-nothing adapter, the tab still reporting which
 * webmail it is from the host.
 */
const factories: Record<WebmailProvider, AdapterFactory> = {
  gmail: (doc, win) => createGmailAdapter(doc, win),
  outlook: () => noneAdapter,
  none: () => noneAdapter,
};

export interface PageWebmail {
  provider: WebmailProvider;
  adapter: WebmailAdapter;
}

export function webmailForPage(doc: Document, win: Window): PageWebmail {
  const provider = providerForHost(win.location.host);
  return { provider, adapter: factories[provider](doc, win) };
}
