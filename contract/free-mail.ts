/**
 * Free-mail providers: an address at gmail.com says nothing about the sender's company, so these
 * domains never suggest a company by domain, even if an admin typed one into a record.
 * Shared: the server's suggestions and lookups, and the create form (no "Gmail" company guessed
 * from a gmail.com sender).
 */

/** Exact domains. */
const freeMailDomains = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com',
  'proton.me', 'pm.me', 'protonmail.com', 'protonmail.ch', 'ymail.com', 'rocketmail.com',
  'orange.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'neuf.fr', 'wanadoo.fr', 'bbox.fr',
  'numericable.fr', 'club-internet.fr', 'aliceadsl.fr', 'mail.com', 'zoho.com', 'mail.ru',
  'web.de', 't-online.de', 'libero.it', 'qq.com', '163.com', '126.com', 'hey.com', 'gmx.com',
  'tutanota.com', 'tuta.io', 'fastmail.com', 'yandex.ru', 'yandex.com', 'aol.com', 'hushmail.com',
]);

/**
 * Providers that exist under many country suffixes (hotmail.fr, yahoo.co.uk, gmx.de): matched on
 * the first label when the rest is a one- or two-label suffix.
 */
const freeMailFamilies = new Set(['hotmail', 'live', 'yahoo', 'gmx', 'outlook', 'aol', 'yandex', 'windowslive']);

export function isFreeMailDomain(domain: string): boolean {
  const d = domain.trim().toLowerCase().replace(/\.$/, '');
  if (freeMailDomains.has(d)) return true;
  const labels = d.split('.');
  const suffixLabels = labels.length - 1;
  return suffixLabels >= 1 && suffixLabels <= 2 && freeMailFamilies.has(labels[0] ?? '');
}

/** The domain of an address (after the last `@`), lower-cased, or undefined. */
export function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  const domain = at < 0 ? '' : address.slice(at + 1).trim().toLowerCase();
  return domain || undefined;
}
