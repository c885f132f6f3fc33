import { registerMessages } from '@/utils/i18n';

/** Side panel shell. */
export const messages = {
  en: {
    openMessage: 'Open a message to file it',
    noWebmail: 'Open Gmail or Outlook in a tab to file mail.',
    conversation: 'Open conversation',
    noSubject: '(no subject)',
    from: 'From {name}',
    providerGmail: 'Gmail',
    providerOutlook: 'Outlook',
    views: 'Views',
    viewConversation: 'Conversation',
    viewInbox: 'Inbox',
  },
  fr: {
    openMessage: 'Ouvrez un message pour le classer',
    noWebmail: 'Ouvrez Gmail ou Outlook dans un onglet pour classer des e-mails.',
    conversation: 'Conversation ouverte',
    noSubject: '(sans objet)',
    from: 'De {name}',
    providerGmail: 'Gmail',
    providerOutlook: 'Outlook',
    views: 'Vues',
    viewConversation: 'Conversation',
    viewInbox: 'Boîte partagée',
  },
};
registerMessages('sidepanel', messages);
