/** French for `locales/session.ts`: exactly English's keys (checked by the compiler). */
import type { Message } from '@/locales/catalog';
import type { en } from '../en/session';

export const fr: Record<keyof typeof en, Message> = {
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
};
