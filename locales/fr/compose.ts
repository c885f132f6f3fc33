/** French for `locales/compose.ts`: exactly English's keys (checked by the compiler). */
import type { Message } from '@/locales/catalog';
import type { en } from '../en/compose';

export const fr: Record<keyof typeof en, Message> = {
  account: 'Compte',
  signature: 'Signature',
  noSignature: 'Aucune signature',
  keepNativeSignature: 'Garder la signature fournie par {webmail}',
  replaceNativeSignature: 'Remplacer la signature fournie par {webmail}',
  nativeSignatureSetting: 'Quand {webmail} ajoute sa propre signature',
  loading: 'Chargement…',
  noAccounts: 'Aucun compte partagé',
  signedOut: 'Connectez-vous à Mailroom pour utiliser les comptes partagés',
  loadFailed: 'Mailroom n’a pas pu charger vos comptes : {message}',
  signatureFailed: 'La signature n’a pas pu être insérée : {message}',
  fromMismatch: '{webmail} enverra ce message depuis {from}, et non {account}.',
  writeTo: 'Écrire à {name}',
  writeToSection: 'Écrire à',
  writeToFrom: 'Depuis le compte',
};
