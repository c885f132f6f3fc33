/**
 * The webmail the compose controls sit in, as its users call it: the texts about the webmail's own
 * signature and "From" name it. Read from the page core the UI chunk runs beside; a control
 * mounted without one (a component test) speaks of Gmail, the first webmail we served.
 */
import { pageCore } from '@/webmail/page-core';
import type { WebmailProvider } from '@/webmail/types';

const names: Record<WebmailProvider, string> = { gmail: 'Gmail', outlook: 'Outlook', none: 'Gmail' };

export function webmailName(): string {
  return names[pageCore()?.provider ?? 'gmail'];
}
