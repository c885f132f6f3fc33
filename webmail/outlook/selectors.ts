/**
 * Every Outlook on the web selector, and only here (CONVENTIONS.md, "The webmail boundary"). Each
 * export lists fallbacks newest first; the first that matches wins. Outlook's class names are
 * hashed and change with every build, so nothing here uses them: roles, ids, `data-*` first, and
 * where a label is unavoidable the English and the French one. Sources: /work/shared/WEBMAIL-FACTS.md
 * (Outlook section: open-source Outlook extensions, OWA-protocol clients, Microsoft Docs, 2019–2026);
 * "seen" dates are those of these facts; our own fixtures (tests/fixtures/outlook) reproduce them.
 */
import { spec } from '../selector-spec';

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

/** Where the user types (a compose body or a well): mutations inside are typing, skipped first. */
export const editableRegion = spec('editableRegion', ['[contenteditable="true"]']);

// ---------------------------------------------------------------- compose body content (Outlook's own HTML)

/** Where Outlook's quote starts, in the order Outlook writes it: `#appendonsend`, then the header block. Seen 2019–2026. */
export const bodyQuoteStart = spec('bodyQuoteStart', ['#appendonsend', '#divRplyFwdMsg']);

/** The quoted header block ("From: … Sent: …" / "De : … Envoyé : …"). Seen 2019–2026. */
export const bodyQuoteHeader = spec('bodyQuoteHeader', ['#divRplyFwdMsg']);

/** Outlook's own signature in the editable part (quoted copies read `x_Signature`). Seen 2019–2026. */
export const bodyNativeSignature = spec('bodyNativeSignature', ['div#Signature', '#Signature', '#signature']);
