/** Strings of the in-compose controls (account picker, "Signature" menu) and of "Write to". */
import { registerMessages } from '@/utils/i18n';

export const composeMessages = {
  en: {
    account: 'Account',
    signature: 'Signature',
    noSignature: 'No signature',
    keepNativeSignature: 'Keep {webmail}’s own signature',
    replaceNativeSignature: 'Replace {webmail}’s own signature',
    nativeSignatureSetting: 'When {webmail} adds its own signature',
    loading: 'Loading…',
    noAccounts: 'No shared account',
    signedOut: 'Sign in to Mailroom to use shared accounts',
    loadFailed: 'Mailroom could not load your accounts: {message}',
    signatureFailed: 'The signature could not be inserted: {message}',
    fromMismatch: '{webmail} will send this from {from}, not {account}.',
    writeTo: 'Write to {name}',
    writeToSection: 'Write to',
    writeToFrom: 'From account',
  },
  fr: {
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
  },
};

registerMessages('compose', composeMessages);
