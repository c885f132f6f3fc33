/**
 * Every Outlook on the web selector, and only here (CONVENTIONS.md, "The webmail boundary"). Each
 * export lists fallbacks newest first; the first that matches wins. Outlook's class names are
 * hashed and change with every build, so nothing here uses them: roles, ids, `data-*` first, and
 * where a label is unavoidable the English and the French one. Sources: /work/shared/WEBMAIL-FACTS.md
 * (Outlook section: open-source Outlook extensions, OWA-protocol clients, Microsoft Docs, 2019–2026);
 * "seen" dates are those of these facts; our own fixtures (tests/fixtures/outlook) reproduce them.
 */
import { spec } from '../selector-spec';

// ---------------------------------------------------------------- Reading

/**
 * Where Outlook swaps the read view (reading pane, pop-out read): observed for changes instead of
 * the whole document. `data-app-section` seen 2021–2026; `#ReadingPaneContainerId` 2019–2026.
 */
export const readViewHost = spec('readViewHost', ['[data-app-section="MailReadCompose"]', '#ReadingPaneContainerId']);

/** The open conversation (reading pane or pop-out read). Seen 2021–2026 (data-app-section), 2019–2026 (id). */
export const conversationContainer = spec('conversationContainer', [
  '[data-app-section="ConversationContainer"]',
  '#ReadingPaneContainerId',
]);

/** The conversation's subject heading. `[role=heading]` seen 2019–2026; level 2 in the current layout. */
export const conversationSubject = spec('conversationSubject', ['[role="heading"][aria-level="2"]', '[role="heading"]']);

/**
 * One message of the conversation. Blocks with their Exchange item id (`data-item-id`: our
 * fixtures' assumption, 2026-12-03 — not in the facts) first; else list items of the
 * conversation; the code falls back to the parents of the `aria-expanded` headers.
 */
export const conversationMessage = spec('conversationMessage', ['[data-item-id]', '[role="listitem"]']);

/** A message's header: `aria-expanded` tells expanded from collapsed. Seen 2019–2026 (WEBMAIL-FACTS). */
export const messageHeader = spec('messageHeader', ['[aria-expanded]']);

/**
 * The sender, labelled. The label is localised and unavoidable here: English "From:", French
 * "De :" (with the French space before the colon, or without). Seen 2019–2026.
 */
export const messageSender = spec('messageSender', ['[aria-label^="From:"], [aria-label^="De :"], [aria-label^="De:"]']);

/**
 * The persona lines of a message in a single pass: every labelled element, sorted by the label's
 * start — From ("From:" / "De :", as `messageSender`), To ("To:" / "À :"), Cc ("Cc:" / "Cc :").
 * Seen 2019–2026. One query per message instead of three keeps a long conversation cheap to read.
 */
export const labelledElement = spec('labelledElement', ['[aria-label]']);
export const personaLabel = {
  from: /^(?:From|De)\s?:/,
  to: /^(?:To|À)\s?:/,
  cc: /^Cc\s?:/,
} as const;

/** The sent/received time. `data-testid` seen 2022–2026 (automation scripts). */
export const messageDate = spec('messageDate', ['[data-testid="SentReceivedSavedTime"]']);

/** Message body. `div[id^=UniqueMessageBody]` with `role=document` seen 2019–2026 (WEBMAIL-FACTS). */
export const messageBody = spec('messageBody', ['div[id^="UniqueMessageBody"]', '[role="document"]']);

/** The per-message toolbar, where "File to record" goes. `[role=toolbar]` seen 2019–2026. */
export const messageToolbar = spec('messageToolbar', ['[role="toolbar"]']);

/**
 * Attachments of a message: options of the message's attachment list, with the file name in
 * `title` (reconstruction 2026-12-03 from the list/option roles Outlook uses for lists).
 */
export const messageAttachment = spec('messageAttachment', ['[role="listbox"] [role="option"][title]', '[role="listitem"][title]']);

/**
 * The start of quoted earlier mail in a body, in the order Outlook writes it: `#appendonsend`,
 * then `#divRplyFwdMsg` (after an `hr`). Seen 2019–2026 (WEBMAIL-FACTS); `x_` copies in quotes.
 */
export const bodyQuoteStart = spec('bodyQuoteStart', ['#appendonsend, #divRplyFwdMsg, [id="x_divRplyFwdMsg"], blockquote']);

/** The message list and its selected conversation (`data-convid`). Seen 2019–2026 (WEBMAIL-FACTS). */
export const messageList = spec('messageList', ['[role="listbox"][aria-activedescendant]']);
export const selectedConversation = spec('selectedConversation', [
  '[role="option"][aria-selected="true"][data-convid]',
  '[data-convid][aria-selected="true"]',
]);
/** A list item the user may click to open a conversation (navigation starts here). */
export const listItem = spec('listItem', ['[role="option"][data-convid]', '[data-convid]']);

/** Signed-in user: the suite header's app link carries `login_hint=<address>`. Seen 2020–2026. */
export const suiteAppLink = spec('suiteAppLink', ['#O365_AppName[href*="login_hint="]', 'a[href*="login_hint="]']);
/** The account button, whose label may hold the address. Seen 2019–2026. */
export const suiteAccountButton = spec('suiteAccountButton', ['#O365_MainLink_Me']);

/** Where the user types (a compose body or a well): mutations inside are typing, skipped by the watchers. */
export const editableRegion = spec('editableRegion', ['[contenteditable="true"]']);

// ---------------------------------------------------------------- Compose

/**
 * The compose body. `role=textbox` + `contenteditable` + `aria-multiline` seen 2019–2026 (the
 * localised aria-label is not used); inside `#editorParent_<n>` first, then anywhere.
 */
export const composeBody = spec('composeBody', [
  '[id^="editorParent_"] div[role="textbox"][contenteditable="true"][aria-multiline="true"]',
  'div[role="textbox"][contenteditable="true"][aria-multiline="true"]',
]);

/** The element holding the editor, `#editorParent_<n>` (n per open compose). Seen 2020–2026. */
export const composeEditorParent = spec('composeEditorParent', ['[id^="editorParent_"]']);

/**
 * One compose: the full-page, reading-pane, inline and pop-out forms all sit in a docking part.
 * `[id^=docking_InitVisiblePart_]` seen 2020–2026 (automation scripts, extensions);
 * `[data-app-section=ComposeForm]` seen in one extension (2025) as an alternative.
 */
export const composeContainer = spec('composeContainer', [
  '[id^="docking_InitVisiblePart_"]',
  '[data-app-section="ComposeForm"]',
]);

/** A compose drawn over the page (a second compose, docked): keep-clear area. Generic role. */
export const composeDialog = spec('composeDialog', ['[role="dialog"]']);

/** Send. `data-testid=ComposeSendButton` seen 2023–2026; labels EN/FR as fallbacks. */
export const composeSendButton = spec('composeSendButton', [
  'button[data-testid="ComposeSendButton"]',
  'button[aria-label="Send"], button[aria-label="Envoyer"]',
]);

/** The subject field; only label and placeholder name it ("Add a subject" / "Ajouter un objet"). Seen 2021–2026. */
export const composeSubjectInput = spec('composeSubjectInput', [
  'input[aria-label="Add a subject"], input[aria-label="Ajouter un objet"]',
  'input[placeholder="Add a subject"], input[placeholder="Ajouter un objet"]',
]);

/** The To well: a `role=textbox` labelled "To" / "À". Seen 2021–2026. */
export const composeToField = spec('composeToField', [
  'div[role="textbox"][aria-label="To"], div[role="textbox"][aria-label="À"]',
  'input[aria-label="To"], input[aria-label="À"]',
]);

/**
 * The From well's menu button, shown only when the user asks for From (hidden, mail goes from the
 * primary address); an inline reply shows a compact recipient line instead. Label EN "From",
 * FR "De" (exact: "De" alone would also start "Delete"). Seen 2022–2026.
 */
export const composeFromButton = spec('composeFromButton', [
  'button[aria-haspopup][aria-label="From"], button[aria-haspopup][aria-label="De"]',
  'button[aria-haspopup][aria-label^="From:"], button[aria-haspopup][aria-label^="De :"], button[aria-haspopup][aria-label^="De:"]',
]);

/** Where the From well shows its address (`title`), beside the button. Optional. */
export const composeFromAddress = spec('composeFromAddress', ['[title*="@"]']);

/** An open menu (Fluent's contextual menu, drawn in a layer at the end of the body). Generic role. */
export const openMenu = spec('openMenu', ['[role="menu"]']);

/** A choice in an open menu. Generic roles. */
export const menuChoice = spec('menuChoice', ['[role="menuitemradio"], [role="menuitemcheckbox"], [role="menuitem"]']);

/** "New mail" / "Nouveau message" in the ribbon. Seen 2021–2026 (label only). */
export const newMailButton = spec('newMailButton', [
  'button[aria-label="New mail"], button[aria-label="Nouveau message"]',
  'button[title="New mail"], button[title="Nouveau message"]',
]);


// ---------------------------------------------------------------- compose body content (Outlook's own HTML)

/** Where Outlook's quote starts, in the order Outlook writes it: `#appendonsend`, then the header block. Seen 2019–2026. */
export const composeQuoteStart = spec('composeQuoteStart', ['#appendonsend', '#divRplyFwdMsg']);

/** The quoted header block ("From: … Sent: …" / "De : … Envoyé : …"). Seen 2019–2026. */
export const bodyQuoteHeader = spec('bodyQuoteHeader', ['#divRplyFwdMsg']);

/** Outlook's own signature in the editable part (quoted copies read `x_Signature`). Seen 2019–2026. */
export const bodyNativeSignature = spec('bodyNativeSignature', ['div#Signature', '#Signature', '#signature']);
