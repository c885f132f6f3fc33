/**
 * What a person reads when something failed, by error code: the API's codes (contract/common.ts)
 * and the extension's own (messaging/protocol.ts). The page turns a code into one of these
 * (composables/useErrorMessage.ts); the API's English sentence is shown only for a code missing
 * here. `field.<path>` are the messages under form fields, by the API's field path.
 */
import { registerMessages } from '@/locales/catalog';

export const errorMessages = {
  en: {
    // The API's codes.
    validation_failed: 'Some information is not valid: check it and try again.',
    unauthorized: 'Your session has ended: sign in again.',
    forbidden: 'Only an administrator of your organisation can do this.',
    not_found: 'This item no longer exists: reload the page.',
    quota_exceeded: 'Your plan’s quota of active accounts is reached: deactivate an account or contact sales.',
    account_in_use:
      'This account cannot be deleted: people still have access to it or mail of it was filed or handled.',
    signature_limit: { one: 'An account has at most {n} signature.', other: 'An account has at most {n} signatures.' },
    unknown_merge_tag: 'The signature uses a merge tag that does not exist: pick tags from the “Merge tags” menu.',
    unknownMergeTagNamed: '{tag} is not a merge tag: pick tags from the “Merge tags” menu.',
    conflict: 'This clashes with something that already exists (the same address, say), or with a change made at the same time. Reload and check.',
    payload_too_large: 'This is too large to save.',
    rate_limited: 'Too many attempts: wait a minute and try again.',
    invitation_invalid: 'This invitation no longer works: ask your administrator for a new one.',
    invitation_used: 'This invitation has already been used. Sign in with your email and password.',
    invitation_replaced: 'This invitation was replaced by a newer one. Use the latest invitation you were sent.',
    invitation_expired: 'This invitation has expired. Ask your administrator for a new one.',
    password_change_required: 'Choose a new password first: the one you signed in with was for one use only.',
    internal: 'Something went wrong. Try again in a moment.',
    internalWithReference: 'Something went wrong on the Mailroom server (reference {reference}). Try again in a moment.',

    // The extension's own codes.
    network: 'Cannot reach the Mailroom server at {url}.',
    networkNoAddress: 'The Mailroom server cannot be reached. Check your connection and try again.',
    signed_out: 'Sign in to Mailroom first.',
    sessionExpired: 'Your session has expired: sign in again.',
    server_url: 'Enter the server address, like http://localhost:8787.',
    notMailroom: 'This address does not look like a Mailroom server.',
    bad_response: 'The Mailroom server sent an answer this extension does not understand. Is the extension up to date?',
    server_failed: 'The Mailroom server failed (HTTP {status}). Try again later.',
    extension_unreachable: 'Mailroom was updated or restarted: reload this page and try again.',
    no_webmail_tab: 'Open Gmail in a tab first, then try again.',
    webmail_not_ready: 'Mailroom is not active in the Gmail tab yet: reload it and try again.',
    webmail_ui_failed: 'Mailroom could not start in the Gmail tab: reload it and try again.',
    compose_not_opened: 'Gmail did not open a new message: reload the Gmail tab and try again.',
    compose_failed: 'Mailroom could not open a message in Gmail: reload the Gmail tab and try again.',
    queue_storage_failed:
      'Not filed: the server could not be reached, and the extension’s storage is full so the filing could not be kept for later. File it again when the server can be reached.',
    no_side_panel: 'This browser has no side panel.',

    // Under form fields, by the API's field path.
    'field.address': 'Enter a valid email address, like name@example.com.',
    'field.emails': 'Enter a valid email address, like name@example.com.',
    'field.domains': 'Enter a domain name, like example.com.',
    'field.name': 'Enter a name.',
    'field.incoming.host': 'Enter the server name, like imap.example.com.',
    'field.incoming.port': 'A port is between 1 and 65535.',
    'field.incoming.username': 'Enter the login name.',
    'field.incoming.password': 'Enter the password.',
    'field.outgoing.host': 'Enter the server name, like smtp.example.com.',
    'field.outgoing.port': 'A port is between 1 and 65535.',
    'field.outgoing.username': 'Enter the login name.',
    'field.outgoing.password': 'Enter the password.',
    'field.expiresAt': 'Choose an end date in the future, or no end date for permanent access.',
    'field.defaultSignatureId': 'Choose one of this account’s signatures.',
    'field.mergeId': 'These two records cannot be merged: companies merge with companies, clients and contacts with each other.',
    'field.companyId': 'Choose a company for this record, other than itself.',
    'field.file': 'The file cannot be read as CSV: its first line must name the columns (at least “Name”), and every quoted field must be closed.',
    'field.userId': 'Choose someone who can use this account: give them access first if they should have it.',
  },
  fr: {
    validation_failed: 'Certaines informations ne sont pas valides : vérifiez-les puis réessayez.',
    unauthorized: 'Votre session a expiré : reconnectez-vous.',
    forbidden: 'Seul un administrateur de votre organisation peut faire cela.',
    not_found: 'Cet élément n’existe plus : rechargez la page.',
    quota_exceeded:
      'Le quota de comptes actifs de votre abonnement est atteint : désactivez un compte ou contactez le service commercial.',
    account_in_use:
      'Ce compte ne peut pas être supprimé : des personnes y ont encore accès ou des e-mails de ce compte ont été classés ou traités.',
    signature_limit: { one: 'Un compte a au plus {n} signature.', other: 'Un compte a au plus {n} signatures.' },
    unknown_merge_tag: 'La signature utilise un champ de fusion qui n’existe pas : choisissez-les dans le menu « Champs de fusion ».',
    unknownMergeTagNamed: '{tag} n’est pas un champ de fusion : choisissez-les dans le menu « Champs de fusion ».',
    conflict: 'Cela entre en conflit avec une donnée existante (la même adresse, par exemple) ou avec une modification faite au même moment. Rechargez et vérifiez.',
    payload_too_large: 'C’est trop volumineux pour être enregistré.',
    rate_limited: 'Trop de tentatives : attendez une minute puis réessayez.',
    invitation_invalid: 'Cette invitation n’est plus valable : demandez-en une nouvelle à votre administrateur.',
    invitation_used: 'Cette invitation a déjà été utilisée. Connectez-vous avec votre e-mail et votre mot de passe.',
    invitation_replaced: 'Cette invitation a été remplacée par une plus récente. Utilisez la dernière invitation reçue.',
    invitation_expired: 'Cette invitation a expiré. Demandez-en une nouvelle à votre administrateur.',
    password_change_required: 'Choisissez d’abord un nouveau mot de passe : celui de cette connexion ne servait qu’une fois.',
    internal: 'Une erreur s’est produite. Réessayez dans un instant.',
    internalWithReference: 'Une erreur s’est produite sur le serveur Mailroom (référence {reference}). Réessayez dans un instant.',

    network: 'Impossible de joindre le serveur Mailroom à {url}.',
    networkNoAddress: 'Le serveur Mailroom est injoignable. Vérifiez votre connexion et réessayez.',
    signed_out: 'Connectez-vous d’abord à Mailroom.',
    sessionExpired: 'Votre session a expiré : reconnectez-vous.',
    server_url: 'Saisissez l’adresse du serveur, par exemple http://localhost:8787.',
    notMailroom: 'Cette adresse ne semble pas être celle d’un serveur Mailroom.',
    bad_response: 'Le serveur Mailroom a envoyé une réponse que cette extension ne comprend pas. L’extension est-elle à jour ?',
    server_failed: 'Le serveur Mailroom a échoué (HTTP {status}). Réessayez plus tard.',
    extension_unreachable: 'Mailroom a été mis à jour ou redémarré : rechargez cette page puis réessayez.',
    no_webmail_tab: 'Ouvrez d’abord Gmail dans un onglet, puis réessayez.',
    webmail_not_ready: 'Mailroom n’est pas encore actif dans l’onglet Gmail : rechargez-le puis réessayez.',
    webmail_ui_failed: 'Mailroom n’a pas pu démarrer dans l’onglet Gmail : rechargez-le puis réessayez.',
    compose_not_opened: 'Gmail n’a pas ouvert de nouveau message : rechargez l’onglet Gmail puis réessayez.',
    compose_failed: 'Mailroom n’a pas pu ouvrir de message dans Gmail : rechargez l’onglet Gmail puis réessayez.',
    queue_storage_failed:
      'Non classé : le serveur est injoignable et le stockage de l’extension est plein, le classement n’a donc pas pu être gardé pour plus tard. Classez-le de nouveau quand le serveur sera joignable.',
    no_side_panel: 'Ce navigateur n’a pas de panneau latéral.',

    'field.address': 'Saisissez une adresse e-mail valide, comme nom@exemple.fr.',
    'field.emails': 'Saisissez une adresse e-mail valide, comme nom@exemple.fr.',
    'field.domains': 'Saisissez un nom de domaine, comme exemple.fr.',
    'field.name': 'Saisissez un nom.',
    'field.incoming.host': 'Saisissez le nom du serveur, comme imap.exemple.fr.',
    'field.incoming.port': 'Un port est compris entre 1 et 65535.',
    'field.incoming.username': 'Saisissez l’identifiant.',
    'field.incoming.password': 'Saisissez le mot de passe.',
    'field.outgoing.host': 'Saisissez le nom du serveur, comme smtp.exemple.fr.',
    'field.outgoing.port': 'Un port est compris entre 1 et 65535.',
    'field.outgoing.username': 'Saisissez l’identifiant.',
    'field.outgoing.password': 'Saisissez le mot de passe.',
    'field.expiresAt': 'Choisissez une date de fin future, ou aucune pour un accès permanent.',
    'field.defaultSignatureId': 'Choisissez une des signatures de ce compte.',
    'field.mergeId': 'Ces deux fiches ne peuvent pas être fusionnées : les entreprises se fusionnent entre elles, les clients et contacts entre eux.',
    'field.companyId': 'Choisissez pour cette fiche une entreprise autre qu’elle-même.',
    'field.file': 'Le fichier ne se lit pas comme un CSV : sa première ligne doit nommer les colonnes (au moins « Nom »), et chaque champ entre guillemets doit être fermé.',
    'field.userId': 'Choisissez une personne qui a accès à ce compte : donnez-lui d’abord l’accès si elle doit l’avoir.',
  },
};

registerMessages('errors', errorMessages);
