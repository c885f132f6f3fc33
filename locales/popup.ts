import { registerMessages } from '@/utils/i18n';

/** Popup and the account picker it shares with the side panel. */
export const messages = {
  en: {
    accounts: 'Shared mailboxes',
    noAccounts: 'You cannot use any shared mailbox yet. Ask your administrator for access.',
    isDefault: 'Default',
    defaultHint: 'The default mailbox is used first when you file or sign.',
    openSidePanel: 'Open the side panel',
    sidePanelFailed: 'The side panel could not be opened: {reason}',
    accountGone: 'You no longer have access to this account.',
  },
  fr: {
    accounts: 'Boîtes partagées',
    noAccounts: 'Vous n’avez encore accès à aucune boîte partagée. Demandez l’accès à votre administrateur.',
    isDefault: 'Par défaut',
    defaultHint: 'La boîte par défaut est proposée en premier pour classer et signer.',
    openSidePanel: 'Ouvrir le panneau latéral',
    sidePanelFailed: 'Le panneau latéral n’a pas pu s’ouvrir : {reason}',
    accountGone: 'Vous n’avez plus accès à ce compte.',
  },
};
registerMessages('popup', messages);
