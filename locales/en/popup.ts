/** English for `locales/popup.ts`. */
export const en = {
  accounts: 'Shared mailboxes',
  noAccounts: 'You cannot use any shared mailbox yet. Ask your administrator for access.',
  isDefault: 'Default',
  defaultHint: 'The default mailbox is used first when you file or sign.',
  openSidePanel: 'Open the side panel',
  sidePanelFailed: 'The side panel could not be opened: {reason}',
  accountGone: 'You no longer have access to this account.',
};
