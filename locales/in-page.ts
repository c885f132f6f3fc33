/**
 * The texts of the in-page UI (`entrypoints/mail-ui.content`), one language at a time. Every other
 * page registers both languages of a domain when it imports `locales/<domain>.ts`; the in-page UI
 * chunk has a size budget (webmail/README.md), so its build leaves those out and the background
 * injects the user's language just before it (`mail-ui-<lang>.js`, built from
 * `locales/<lang>/in-page.ts`). The other language comes the same way if the UI switches to it
 * (`webmail/ui-language.ts`). Plurals and French spacing stay the catalogue's (`registerLanguage`).
 */
import { registerLanguage, type Locale, type Message } from './catalog';

/** The domains the in-page UI shows: each `locales/<domain>.ts` skips registering in its build. */
export const inPageDomains = ['compose', 'errors', 'filing', 'popup', 'session'] as const;
export type InPageDomain = (typeof inPageDomains)[number];
export type InPageMessages = Readonly<Record<InPageDomain, Readonly<Record<string, Message>>>>;

/** Both scripts run in the webmail tab's isolated world, which the page's own scripts never see. */
const key = Symbol.for('mailroom.in-page-messages');
type Scope = Record<symbol, Partial<Record<Locale, InPageMessages>> | undefined>;

/** What `mail-ui-<lang>.js` does when injected: leaves its language for the UI chunk to take. */
export function publishInPageMessages(lang: Locale, messages: InPageMessages, scope: object = globalThis): void {
  const s = scope as Scope;
  s[key] = { ...s[key], [lang]: messages };
}

/** Registers the language if its script was injected; false when it was not (yet). */
export function registerInjectedLanguage(lang: Locale, scope: object = globalThis): boolean {
  const messages = (scope as Scope)[key]?.[lang];
  if (!messages) return false;
  for (const domain of inPageDomains) registerLanguage(lang, domain, messages[domain]);
  return true;
}
