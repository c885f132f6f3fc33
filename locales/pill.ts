// Vue-free on purpose: the always-loaded content script registers these (see locales/catalog.ts).
import { registerMessages } from '@/locales/catalog';

/** The in-page "Mailroom" pill on webmail pages. */
export const messages = {
  en: {
    label: 'Mailroom',
    open: 'Open the Mailroom side panel',
    signedIn: 'Signed in as {email}',
    signedOut: 'Not signed in to Mailroom',
    unreachable: 'Mailroom cannot be reached',
  },
  fr: {
    label: 'Mailroom',
    open: 'Ouvrir le panneau latéral Mailroom',
    signedIn: 'Session : {email}',
    signedOut: 'Non connecté à Mailroom',
    unreachable: 'Mailroom est injoignable',
  },
};
registerMessages('pill', messages);
