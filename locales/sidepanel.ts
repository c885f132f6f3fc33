import { registerMessages } from '@/utils/i18n';

/** Side panel shell and the in-page control. */
export const messages = {
  en: {
    openMessage: 'Open a message to file it',
    noWebmail: 'Open Gmail or Outlook in a tab to file mail.',
    conversation: 'Open conversation',
    noSubject: '(no subject)',
    providerGmail: 'Gmail',
    providerOutlook: 'Outlook',
    pill: 'Mailroom',
    pillLabel: 'Open the Mailroom side panel',
    pillSignedIn: 'Signed in as {email}',
    pillSignedOut: 'Not signed in to Mailroom',
  },
  fr: {
    openMessage: 'Ouvrez un message pour le classer',
    noWebmail: 'Ouvrez Gmail ou Outlook dans un onglet pour classer des e-mails.',
    conversation: 'Conversation ouverte',
    noSubject: '(sans objet)',
    providerGmail: 'Gmail',
    providerOutlook: 'Outlook',
    pill: 'Mailroom',
    pillLabel: 'Ouvrir le panneau latéral Mailroom',
    pillSignedIn: 'Connecté en tant que {email}',
    pillSignedOut: 'Non connecté à Mailroom',
  },
};
registerMessages('sidepanel', messages);
