/**
 * The one list of webmail hosts, per provider. Everything that names a webmail host reads it: the
 * manifest's host permissions and content-script matches (`wxt.config.ts`,
 * `entrypoints/<provider>*.content`), the background's tab detection (`background/tabs.ts`: a tab
 * leaving these hosts is forgotten, so the side panel stops following it). The adapter is chosen
 * by each provider's content script, so a page loads only its own provider's code.
 */
import type { WebmailProvider } from './types';

export const webmailHosts: Record<Exclude<WebmailProvider, 'none'>, readonly string[]> = {
  gmail: ['mail.google.com'],
  // Work/school accounts (office.com, office365.com, Microsoft's newer cloud.microsoft) and
  // personal ones (live.com), WEBMAIL-FACTS.md.
  outlook: ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft'],
};

/** Match patterns for a provider's hosts, or for every webmail (manifest form). */
export function webmailMatches(provider?: Exclude<WebmailProvider, 'none'>): string[] {
  const hosts = provider ? webmailHosts[provider] : Object.values(webmailHosts).flat();
  return hosts.map((host) => `https://${host}/*`);
}

export function providerForHost(host: string): WebmailProvider {
  const h = host.toLowerCase();
  for (const [provider, hosts] of Object.entries(webmailHosts)) {
    if (hosts.includes(h)) return provider as WebmailProvider;
  }
  return 'none';
}
