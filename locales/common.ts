import { registerMessages } from '@/utils/i18n';

/** Strings shared by every page (errors, by code, are in locales/errors.ts). */
export const messages = {
  en: {
    appName: 'Mailroom',
    loading: 'Loading…',
    retry: 'Try again',
    openSettings: 'Open Mailroom settings',
    notSignedIn: 'You are not signed in to Mailroom.',
    unreachableHint: 'Check that the server is running and that its address is right in the settings.',
  },
  fr: {
    appName: 'Mailroom',
    loading: 'Chargement…',
    retry: 'Réessayer',
    openSettings: 'Ouvrir les réglages de Mailroom',
    notSignedIn: 'Vous n’êtes pas connecté à Mailroom.',
    unreachableHint: 'Vérifiez que le serveur fonctionne et que son adresse est juste dans les réglages.',
  },
};
registerMessages('common', messages);
