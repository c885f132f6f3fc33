/**
 * Every Gmail selector, and only here (CONVENTIONS.md, "The webmail boundary"). Each export lists
 * fallbacks newest first; the first that matches wins. Language-independent attributes come first
 * (`g_editable`, `name=`, `data-message-id`, `role`, `email`, `gh`); class names are Gmail's
 * obfuscated ones and change with builds, so each carries the date it was seen and where.
 * Sources: /work/shared/WEBMAIL-FACTS.md (facts read from InboxSDK and gmail.js), the 2020 compose
 * capture in tests/fixtures/webmail/js-min, the 2014 list page in tests/fixtures/webmail/inboxsdk,
 * captured draft traffic (inboxsdk/test/data, 2019–2022). Dates are "seen at"; none of us can open
 * the live Gmail from the build machines, so our own fixtures (tests/fixtures/gmail) reproduce them.
 */

import { spec } from '../selector-spec';

// Code written before `SelectorSpec` moved to `webmail/selector-spec.ts` imports the type from here.
export type { SelectorSpec } from '../selector-spec';

// ---------------------------------------------------------------- page structure

/** The visible view (list, conversation, settings). Seen 2014 (inboxsdk fixture) … 2025 (WEBMAIL-FACTS). */
export const mainView = spec('mainView', ['div[role="main"]']);

/**
 * The container Gmail swaps views in; observed for navigation instead of the whole document.
 * `div.AO` seen 2019–2025 (InboxSDK's thread-view driver). Missing on the pop-out compose page.
 */
export const viewHost = spec('viewHost', ['div.AO', 'div.nH.bkK']);

/**
 * Where pop-up composes are appended (outside the main view). `div.dw` seen 2015–2025 (InboxSDK
 * compose driver). Missing until the first compose on some builds: callers fall back to body.
 */
export const composeHost = spec('composeHost', ['div.dw']);

// ---------------------------------------------------------------- conversation

/** Thread subject heading with the thread ids. `h2.hP` seen 2016–2025 (WEBMAIL-FACTS, InboxSDK). */
export const conversationSubject = spec('conversationSubject', [
  'h2[data-thread-perm-id]',
  'h2[data-legacy-thread-id]',
  'h2.hP',
]);

/**
 * One message of the open conversation, expanded (`div.adn`) or collapsed (`div.adf`).
 * `data-message-id="#msg-f:<decimal>"` seen 2018–2025; `data-legacy-message-id` alone is the older
 * layout. TODO(2026-11-27): drop the legacy-only fallback once no report shows it for a year.
 */
export const conversationMessage = spec('conversationMessage', [
  'div[data-message-id]',
  'div[data-legacy-message-id]',
]);

/** Wrapper carrying the expanded/collapsed state: `h7` expanded, `kv`/`ky` collapsed, `kQ` hidden in a fold. Seen 2016–2025 (InboxSDK). */
export const messageStateWrapper = spec('messageStateWrapper', ['div.h7, div.kv, div.ky, div.kQ']);

/** Sender with `email`/`name` attributes. `span.gD[email]` seen 2016–2025; `td.gF span[email]` older. */
export const messageSender = spec('messageSender', ['span.gD[email]', 'td.gF span[email]', 'span[email]']);

/** Recipients line of an expanded message ("to me, cc: …"). `div.hb` seen 2016–2025 (WEBMAIL-FACTS). */
export const messageRecipientsLine = spec('messageRecipientsLine', ['.hb']);

/** A recipient inside the recipients line. `span.g2[email]` seen 2016–2025. */
export const messageRecipient = spec('messageRecipient', ['span[email]']);

/** Date with the full date in `title`. `span.g3[title]` seen 2016–2025 (WEBMAIL-FACTS). */
export const messageDate = spec('messageDate', ['span.g3[title]', 'td.gH span[title]']);

/** Message body. `div.a3s` inside `div.ii.gt` seen 2014–2025 (WEBMAIL-FACTS, gmail.js). */
export const messageBody = spec('messageBody', ['div.ii.gt div.a3s', 'div.a3s']);

/** Snippet shown for a collapsed message. `div.iA.g6` seen 2018–2025. Missing when expanded. */
export const messageCollapsedSnippet = spec('messageCollapsedSnippet', ['div.iA.g6', 'span.y2']);

/** Attachment chip; `download_url` = "type:name:url". Seen 2014–2025 (gmail.js, InboxSDK). */
export const messageAttachment = spec('messageAttachment', ['span.aZo[download_url]', '[download_url]']);

/** Human-readable size inside an attachment chip ("120 KB"). `.SaH2Ve` seen 2020–2025. Optional. */
export const messageAttachmentSize = spec('messageAttachmentSize', ['.SaH2Ve']);

/** Header action cell of an expanded message (star, reply, more). `td.acX` seen 2018–2025; `div.amn` (reply/forward bar) as fallback. */
export const messageToolbarSlot = spec('messageToolbarSlot', ['td.acX', 'div.amn']);

// ---------------------------------------------------------------- compose

/** Compose body. `g_editable` + `role=textbox` seen 2020 (js-min capture) … 2025; class-only form older. */
export const composeBody = spec('composeBody', [
  'div[g_editable="true"][role="textbox"]',
  'div[g_editable="true"]',
  // TODO(2026-11-27): class-only fallback from pre-2018 layouts; remove when unseen for a year.
  'div.Am.editable[contenteditable="true"]',
]);

/** The compose container around form, body and toolbar. `div.M9` seen 2020 (js-min capture) … 2025. */
export const composeContainer = spec('composeContainer', ['div.M9']);

/** Pop-up compose window and its dialog. `div.AD`/`[role=dialog]` seen 2020 (js-min) … 2025. */
export const composeDialog = spec('composeDialog', ['div[role="dialog"]', 'div.AD']);

/**
 * Hidden compose form fields (stable `name`s, 2014 … 2025; js-min capture 2020). Before the first
 * save they hold "undefined" (or "null"), not "": read them with `hiddenInputValue` (dom.ts).
 */
export const composeIdInput = spec('composeIdInput', ['input[name="composeid"]']);
export const composeDraftInput = spec('composeDraftInput', ['input[name="draft"]']);
/** The message replied to / forwarded; "undefined" for a new message. */
export const composeReplyToMessageInput = spec('composeReplyToMessageInput', ['input[name="rm"]']);
export const composeSubjectInput = spec('composeSubjectInput', ['input[name="subjectbox"]', 'input[name="subject"]']);
export const composeFromInput = spec('composeFromInput', ['input[name="from"]']);

/**
 * The "To" field. `input[peoplekit-id]` (chips layout) seen 2023–2025 in public Gmail automation;
 * `textarea[name=to]` seen 2020 (js-min capture).
 */
export const composeToField = spec('composeToField', [
  'input[peoplekit-id="BbVjBd"]',
  'textarea[name="to"]',
  'input[name="to"]',
]);

/**
 * The "From" control that opens the alias menu; only present when the account has aliases.
 * `div.az2 [aria-haspopup]` / listbox seen 2021–2025 (InboxSDK from-manager and screenshots).
 */
export const composeFromControl = spec('composeFromControl', [
  '.az2 [role="listbox"][aria-haspopup="true"]',
  '.az2 [aria-haspopup="true"]',
  '[role="listbox"][aria-haspopup="true"]',
]);

/**
 * A native `select` for "From": the form Gmail's basic HTML view used (retired in 2024), kept as
 * the fallback for a select-like From control. Optional: current layouts have the menu instead.
 * TODO(2026-11-27): remove if no report shows it by 2027-11.
 */
export const composeFromSelect = spec('composeFromSelect', ['select[name="from"]']);

/** "From" menu entries carrying the alias in `value`. Role-based seen 2021–2025; class form 2019 (InboxSDK). */
export const composeFromChoice = spec('composeFromChoice', [
  'div[role="menu"] div[role="menuitem"][value]',
  // TODO(2026-11-27): 2019 layout (InboxSDK from-manager); remove when unseen for a year.
  'div.J-M.jQjAxd[role="menu"] > div.SK.AX > div[value]',
]);

/** Bottom toolbar cell of a compose (Send button row). `tr.btC td.gU.Up` seen 2020 (js-min) … 2025. */
export const composeToolbarSlot = spec('composeToolbarSlot', ['tr.btC td.gU.Up', 'tr.btC', 'div.IZ']);

/** Gmail's "Compose" button. `gh="cm"` is language-independent, seen 2014–2025 (InboxSDK, automation scripts). */
export const composeButton = spec('composeButton', ['[gh="cm"]', 'div.T-I.T-I-KE.L3[role="button"]']);

// ---------------------------------------------------------------- compose body content (Gmail's own HTML)

/** Quoted block of a reply/forward. Seen in captured drafts 2019–2022; `_container` wrapper 2024–2025. */
export const bodyQuote = spec('bodyQuote', ['.gmail_quote_container', 'div.gmail_quote', 'blockquote.gmail_quote']);

/** "On … wrote:" / "---------- Forwarded message ---------" line above quoted text. Seen 2019–2022 drafts. */
export const bodyQuoteAttribution = spec('bodyQuoteAttribution', ['div.gmail_attr']);

/** Gmail's own signature block. Seen in 2022 draft traffic (`data-smartmail` too). */
export const bodyNativeSignature = spec('bodyNativeSignature', ['div.gmail_signature', '[data-smartmail="gmail_signature"]']);

/** The "-- " before Gmail's signature (when the user enabled it). Seen 2023–2025. Optional. */
export const bodyNativeSignaturePrefix = spec('bodyNativeSignaturePrefix', ['span.gmail_signature_prefix']);

/** A `<br clear="all">` Gmail puts before its signature. Seen in 2022 draft traffic. */
export const bodyClearBreak = spec('bodyClearBreak', ['br[clear]']);

// ---------------------------------------------------------------- shared attribute forms

/** Any element carrying an address (`email` attribute): senders, recipients, From label. 2014–2025. */
export const addressElement = spec('addressElement', ['[email]']);

/**
 * Where the user types (a compose body, or any editable Gmail builds): mutations inside are
 * typing and are skipped by our observers. `g_editable` seen 2020–2025; contenteditable generic.
 */
export const editableRegion = spec('editableRegion', ['[g_editable="true"], [contenteditable="true"]']);

/** A click target that may pick a "From" alias (menu item with a value). Same sources as composeFromChoice. */
export const fromChoiceClickTarget = spec('fromChoiceClickTarget', ['[role="menuitem"][value], div[value]']);

// ---------------------------------------------------------------- "show original" page

/** Raw RFC 822 source on `view=om`. Seen 2018–2025 (WEBMAIL-FACTS). */
export const rawMessageText = spec('rawMessageText', ['pre#raw_message_text', 'pre.raw_message_text']);

/** Inline scripts of the page, where `GLOBALS` is defined (page source). */
export const inlineScripts = spec('inlineScripts', ['script:not([src])']);
