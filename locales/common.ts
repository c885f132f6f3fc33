import { registerMessages } from '@/utils/i18n';

/** Strings shared by every page: states and errors. */
export const messages = {
  en: {
    appName: 'Mailroom',
    loading: 'Loading…',
    retry: 'Try again',
    openSettings: 'Open Mailroom settings',
    notSignedIn: 'You are not signed in to Mailroom.',
    unreachable: 'Cannot reach the Mailroom server at {url}',
    unreachableHint: 'Check that the server is running and that its address is right in the settings.',
    expired: 'Your session has expired, sign in again',
    signInFirst: 'Sign in to Mailroom first.',
    notMailroom: 'This address does not look like a Mailroom server.',
    badServerUrl: 'Enter the server address, like http://localhost:8787.',
    forbidden: 'You are not allowed to do this.',
    rateLimited: 'Too many attempts. Wait a minute and try again.',
    unexpected: 'Something went wrong. Try again.',
    passwordChangeRequired: 'Choose your own password in Mailroom’s settings first: you signed in with a one-time password.',
  },
  fr: {
    appName: 'Mailroom',
    loading: 'Chargement…',
    retry: 'Réessayer',
    openSettings: 'Ouvrir les réglages de Mailroom',
    notSignedIn: "Vous n'êtes pas connecté à Mailroom.",
    unreachable: 'Impossible de joindre le serveur Mailroom à {url}',
    unreachableHint: "Vérifiez que le serveur fonctionne et que son adresse est juste dans les réglages.",
    expired: 'Votre session a expiré, reconnectez-vous',
    signInFirst: "Connectez-vous d'abord à Mailroom.",
    notMailroom: "Cette adresse ne semble pas être celle d'un serveur Mailroom.",
    badServerUrl: "Saisissez l'adresse du serveur, par exemple http://localhost:8787.",
    forbidden: "Vous n'avez pas le droit de faire cela.",
    rateLimited: 'Trop de tentatives. Attendez une minute puis réessayez.',
    unexpected: "Une erreur s'est produite. Réessayez.",
    passwordChangeRequired: 'Choisissez d’abord votre mot de passe dans les réglages de Mailroom : vous vous êtes connecté avec un mot de passe à usage unique.',
  },
};
registerMessages('common', messages);
