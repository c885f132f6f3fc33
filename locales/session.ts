import { registerMessages } from '@/utils/i18n';

/** Sign-in form and "who is signed in". */
export const messages = {
  en: {
    serverUrl: 'Server URL',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    signOut: 'Sign out',
    signedInAs: 'Signed in as',
    onServer: 'Server',
    organisation: 'Organisation',
    roleAdmin: 'Administrator',
    roleMember: 'Member',
    badCredentials: 'Wrong email or password.',
    permissionDenied: 'Mailroom needs your permission to reach {origin}. Allow it to sign in.',
  },
  fr: {
    serverUrl: 'URL du serveur',
    email: 'E-mail',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    signingIn: 'Connexion…',
    signOut: 'Se déconnecter',
    signedInAs: 'Session :',
    onServer: 'Serveur',
    organisation: 'Organisation',
    roleAdmin: 'Administrateur',
    roleMember: 'Membre',
    badCredentials: 'E-mail ou mot de passe incorrect.',
    permissionDenied: 'Mailroom a besoin de votre autorisation pour joindre {origin}. Autorisez-la pour vous connecter.',
  },
};
registerMessages('session', messages);
