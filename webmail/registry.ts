/**
 * Which webmail a page is, by host (the background uses it to forget tabs that leave a webmail).
 * The adapter is chosen by each provider's content script (`entrypoints/<provider>.content`), so a
 * page loads only its own provider's code.
 */
import type { WebmailProvider } from './types';

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
