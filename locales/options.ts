import { registerMessages } from '@/utils/i18n';

/** Options page. */
export const messages = {
  en: {
    title: 'Mailroom settings',
    account: 'Your Mailroom account',
    admin: 'Administration',
  },
  fr: {
    title: 'Réglages de Mailroom',
    account: 'Votre compte Mailroom',
    admin: 'Administration',
  },
};
registerMessages('options', messages);
