/** French for `locales/popup.ts`: exactly English's keys (checked by the compiler). */
import type { Message } from '@/locales/catalog';
import type { en } from '../en/popup';

export const fr: Record<keyof typeof en, Message> = {
  accounts: 'Boîtes partagées',
  noAccounts: 'Vous n’avez encore accès à aucune boîte partagée. Demandez l’accès à votre administrateur.',
  isDefault: 'Par défaut',
  defaultHint: 'La boîte par défaut est proposée en premier pour classer et signer.',
  openSidePanel: 'Ouvrir le panneau latéral',
  sidePanelFailed: 'Le panneau latéral n’a pas pu s’ouvrir : {reason}',
  accountGone: 'Vous n’avez plus accès à ce compte.',
};
