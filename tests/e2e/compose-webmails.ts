/**
 * The webmails the compose scenarios run on (compose-webmails.spec.ts), one entry each: how to
 * serve it at its real address, the pages each scenario needs (our dated fixtures), and how a user
 * — or the webmail itself — acts on a compose there. A new webmail joins the table with one entry.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { ComposeWorld } from './compose.fixtures';
import { conversationWithComposeButton, gmailPage, justOpened, pageWithComposeButton } from './compose.pages';
import { conversationWithNewMail, inboxWithNewMail, outlookPage } from './outlook-compose.pages';
import { outlookConversationUrl } from './outlook.fixtures';

export type AccountKey = keyof ComposeWorld['acc'];
export type SignatureKey = keyof ComposeWorld['sig'];

/** A compose a page shows, as the scenarios expect to find it. */
export interface ComposeAt {
  /** Gmail's `composeid`; Outlook's editor id (`editorParent_<n>`). */
  id: string;
  /** The account the compose starts on (its From, else the default). */
  account: AccountKey;
  /** The signature inserted by itself, or none (a saved draft). */
  signature: SignatureKey | null;
  /** It shows a From (Outlook hides it on inline replies). */
  from?: boolean;
  /** Minimised by the webmail: its controls are there but not shown. */
  minimised?: boolean;
  /** It quotes a message: our signature goes right above the quote. */
  quote?: boolean;
  /** Text the user or the draft already has in the body. */
  text?: string;
}

export interface ComposePage {
  /** What the fixture shows, for the test title. */
  label: string;
  html: () => string;
  /** Where it is served, when not the webmail's inbox (a pop-out window, a draft's address). */
  url?: string;
  composes: ComposeAt[];
}

/** A page with no compose open where the webmail's own compose button works. */
export interface ComposeButtonPage {
  html: () => string;
  button: (page: Page) => Locator;
  /** The compose id the first compose opened there gets. */
  firstOpened: string;
}

/** A conversation whose sender is a record the seed made, with the webmail's compose button working. */
export interface ConversationPage {
  html: () => string;
  /** Its address, when not the inbox (the conversation's own). */
  url?: string;
  /** Composes open with it (an inline reply). */
  composesAtLoad: number;
  sender: { name: string; address: string };
  /** The compose id the compose opened from the side panel gets. */
  opened: string;
}

export interface ComposeWebmail {
  provider: 'Gmail' | 'Outlook';
  ui: 'en' | 'fr';
  name: string;
  origin: string;
  inbox: string;
  /** Our content scripts, in the order they start in this webmail's page (loader, core, UI). */
  scripts: string[];
  pages: {
    /** A new message open at load, showing its From. */
    newMessage?: ComposePage;
    /** A fresh inline reply open at load (not saved yet). */
    reply?: ComposePage;
    /** Composes open at load of other kinds: forwards, several at once, pop-outs. */
    atLoad?: ComposePage[];
    /** Saved drafts reopened: nothing is inserted by itself. */
    drafts?: ComposePage[];
    /** A new message with the webmail's own signature in it. */
    nativeSignature?: ComposePage;
    composeButton?: ComposeButtonPage;
    conversation?: ConversationPage;
  };
  /** The compose box (its fields, its body). */
  compose(page: Page, id: string): Locator;
  /** The editable bodies of every compose on the page. */
  bodies(page: Page): Locator;
  /** Our controls (in their shadow root) for compose `id`. */
  controls(page: Page, id: string): Locator;
  expectFrom(compose: Locator, address: string): Promise<void>;
  expectTo(compose: Locator, address: string): Promise<void>;
  /** What the webmail does when the user picks `address` in its own From menu. */
  chooseFrom(page: Page, compose: Locator, address: string): Promise<void>;
  /** Menus of the webmail's own left open (our From change must close what it opened). */
  openMenus?: (page: Page) => Locator;
  /** Where the webmail's quote starts in a body. */
  quoteStart: string;
  /** A line of the user's text, as the webmail's editor writes it. */
  typedLine(text: string): string;
  /** The webmail's own signature in a body, and the Signature menu's item that keeps it. */
  native: { selector: string; keep: string; afterRemoved?: (compose: Locator) => Promise<void> };
  /** The compose with its toolbar (the slot our controls go in) taken out, as an unknown layout. */
  withoutToolbar(html: string): string;
  /** The webmail closes compose `id` (sent, discarded): its box leaves the page. */
  close(page: Page, id: string): Promise<void>;
  /** The webmail draws compose `id` again from its model: new elements, same id, same body. */
  redraw(page: Page, id: string): Promise<void>;
}

const gmailCompose = (id: string) => `div.M9:has(input[name="composeid"][value="${id}"])`;

const gmail: ComposeWebmail = {
  provider: 'Gmail',
  ui: 'en',
  name: 'Gmail',
  origin: 'https://mail.google.com',
  inbox: 'https://mail.google.com/mail/u/0/#inbox',
  scripts: ['gmail', 'gmail-core', 'mail-ui'],
  pages: {
    newMessage: { label: 'new message', html: () => justOpened('compose-new'), composes: [{ id: 'c3', account: 'sales', signature: 'salesMain', from: true }] },
    reply: { label: 'inline reply', html: () => justOpened('compose-reply'), composes: [{ id: 'c9', account: 'sales', signature: 'salesMain', from: true, quote: true }] },
    atLoad: [
      {
        label: 'a forward Gmail sent from the support@ alias, and a new message',
        html: () => justOpened('compose-forward'),
        composes: [
          { id: 'c7', account: 'support', signature: 'supportMain', from: true, quote: true },
          { id: 'c8', account: 'sales', signature: 'salesMain', from: true, minimised: true },
        ],
      },
      { label: 'pop-out compose window', html: () => justOpened('compose-popout'), composes: [{ id: 'c1', account: 'sales', signature: 'salesMain', from: true, text: 'Draft started in the pop-out window.' }] },
    ],
    drafts: [
      // Gmail's `draft` input names the saved draft (#msg-a:r-…), while `rm` and `rt` still read "undefined".
      { label: 'new message reopened from Drafts', html: () => justOpened('compose-draft-reopened'), composes: [{ id: 'c15', account: 'sales', signature: null, text: 'Would Tuesday suit you for the visit?' }] },
      // The 2026-11-27 reply as captured, Gmail having saved it: its HTML could hold our
      // signature without the marker, so nothing is inserted by itself.
      { label: 'reply Gmail saved, restored at load', html: () => gmailPage('2026-11-27-compose-reply'), composes: [{ id: 'c9', account: 'sales', signature: null, quote: true }] },
    ],
    nativeSignature: { label: 'new message with Gmail’s signature', html: () => justOpened('compose-native-signature'), composes: [{ id: 'c12', account: 'sales', signature: 'salesMain' }] },
    composeButton: { html: pageWithComposeButton, button: (page) => page.locator('[gh="cm"]'), firstOpened: 'opened-1' },
    conversation: { html: conversationWithComposeButton, composesAtLoad: 1, sender: { name: 'Claire Martin', address: 'claire.martin@client-corp.example' }, opened: 'from-panel' },
  },
  compose: (page, id) => page.locator(gmailCompose(id)),
  bodies: (page) => page.locator('[g_editable="true"]'),
  // The adapter's compose id is Gmail's `composeid` (a prefixed form was used before 2026-11-27).
  controls: (page, id) => page.locator(`mailroom-compose:is([data-compose-id="${id}"], [data-compose-id$=":${id}"])`),
  expectFrom: (compose, address) => expect(compose.locator('input[name="from"]')).toHaveValue(address),
  expectTo: (compose, address) => expect(compose.locator('input[peoplekit-id]')).toHaveValue(address),
  // What Gmail does when the user picks an alias in its menu: the item is clicked and the hidden
  // input takes the new address.
  chooseFrom: async (page, _compose, address) => {
    await page.evaluate((a) => {
      document.querySelector<HTMLElement>(`div[role="menuitem"][value="${a}"]`)!.click();
      document.querySelector('input[name="from"]')!.setAttribute('value', a);
    }, address);
  },
  quoteStart: '.gmail_quote',
  typedLine: (text) => `<div dir="ltr">${text}</div>`,
  native: { selector: '.gmail_signature', keep: 'Keep Gmail’s own signature' },
  withoutToolbar: (html) => {
    const without = html.replace(/<table id=":77" class="IZ"[\s\S]*?<\/table>/, '');
    if (without.includes('class="btC"')) throw new Error('the compose toolbar is still in the page');
    return without;
  },
  close: (page, id) => page.locator(gmailCompose(id)).evaluate((box) => (box.closest('.nH.nn') ?? box).remove()),
  redraw: (page, id) =>
    page.locator(gmailCompose(id)).evaluate(async (box) => {
      const compose = box.closest('.nH.nn') ?? box;
      const parent = compose.parentElement!;
      const again = compose.cloneNode(true) as Element;
      again.querySelectorAll('mailroom-compose').forEach((n) => n.remove());
      compose.remove();
      await new Promise((r) => setTimeout(r, 300));
      parent.append(again);
    }),
};

const outlookCompose = (id: string) => `[id^="docking_InitVisiblePart_"]:has(#${id})`;
const outlookInbox = 'https://outlook.office.com/mail/inbox';

/** What Outlook shares in both UI languages; the pages and labels differ. */
const outlookCommon = {
  provider: 'Outlook',
  origin: 'https://outlook.office.com',
  inbox: outlookInbox,
  scripts: ['outlook', 'outlook-core', 'mail-ui'],
  compose: (page: Page, id: string) => page.locator(outlookCompose(id)),
  // Playwright's CSS reaches into open shadow roots, where Outlook may draw the editor.
  bodies: (page: Page) => page.locator('div[role="textbox"][aria-multiline="true"]'),
  controls: (page: Page, id: string) => page.locator(`mailroom-compose[data-compose-id="outlook:${id}"]`),
  expectFrom: (compose: Locator, address: string) => expect(compose.locator('button[id^="fromButton_"] + [title]')).toHaveAttribute('title', address),
  expectTo: (compose: Locator, address: string) => expect(compose.locator('div[role="textbox"]:is([aria-label="To"], [aria-label="À"])')).toHaveText(address),
  // The user opens Outlook's From menu and picks the address (the fixtures' behaviour script draws it).
  chooseFrom: async (page: Page, compose: Locator, address: string) => {
    await compose.locator('button[id^="fromButton_"]').click();
    await page.getByRole('menuitemradio', { name: address }).click();
  },
  openMenus: (page: Page) => page.locator('[role="menu"]'),
  quoteStart: '#appendonsend',
  typedLine: (text: string) => `<div class="elementToProof">${text}</div>`,
  native: {
    selector: '#Signature',
    keep: 'Keep Outlook’s own signature',
    // The two empty blocks Outlook puts before its signature stay for the user's text.
    afterRemoved: (compose: Locator) => expect(compose.locator('[id^="editorParent_"] .elementToProof')).toHaveCount(2),
  },
  // Our controls go in the action row, found by its Send button.
  withoutToolbar: (html: string) => html.replaceAll('data-testid="ComposeSendButton"', 'data-testid="zz"').replaceAll('aria-label="Send"', 'aria-label="zz"'),
  close: (page: Page, id: string) => page.locator(outlookCompose(id)).evaluate((box) => box.remove()),
  redraw: (page: Page, id: string) =>
    page.locator(outlookCompose(id)).evaluate(async (box) => {
      const parent = box.parentElement!;
      const again = box.cloneNode(true) as Element;
      again.querySelectorAll('mailroom-compose').forEach((n) => n.remove());
      box.remove();
      await new Promise((r) => setTimeout(r, 300));
      parent.append(again);
    }),
} satisfies Partial<ComposeWebmail>;

const popout = 'https://outlook.office.com/mail/deeplink/compose?popoutv2=1';
const draftPopout = 'https://outlook.office.com/mail/deeplink/compose/AAMkADAwATM0MDAAMS1hZDk3LTk3AAA%3D?popoutv2=1';

const outlookEnglish: ComposeWebmail = {
  ...outlookCommon,
  ui: 'en',
  name: 'Outlook (English UI)',
  pages: {
    newMessage: { label: 'new message in the reading pane', html: () => outlookPage('compose-new-reading-pane.en'), composes: [{ id: 'editorParent_1', account: 'sales', signature: 'salesMain', from: true }] },
    reply: { label: 'inline reply', html: () => outlookPage('compose-reply-inline.en'), composes: [{ id: 'editorParent_3', account: 'sales', signature: 'salesMain', quote: true }] },
    atLoad: [
      {
        label: 'an inline reply and a docked new message',
        html: () => outlookPage('compose-several.en'),
        composes: [
          { id: 'editorParent_6', account: 'sales', signature: 'salesMain', quote: true },
          { id: 'editorParent_7', account: 'sales', signature: 'salesMain', from: true },
        ],
      },
      { label: 'pop-out compose window', html: () => outlookPage('compose-popout.en'), url: popout, composes: [{ id: 'editorParent_1', account: 'sales', signature: 'salesMain', from: true }] },
    ],
    nativeSignature: { label: 'new message with Outlook’s #Signature', html: () => outlookPage('compose-native-signature.en'), composes: [{ id: 'editorParent_5', account: 'sales', signature: 'salesMain' }] },
    composeButton: { html: () => inboxWithNewMail('en'), button: (page) => page.getByRole('button', { name: 'New mail' }), firstOpened: 'editorParent_opened-1' },
    conversation: { html: conversationWithNewMail, url: outlookConversationUrl, composesAtLoad: 0, sender: { name: 'Claire Martin', address: 'claire.martin@client-corp.example' }, opened: 'editorParent_opened-1' },
  },
};

const outlookFrench: ComposeWebmail = {
  ...outlookCommon,
  ui: 'fr',
  name: 'Outlook (French UI)',
  pages: {
    newMessage: { label: 'new message over the whole page', html: () => outlookPage('compose-new-full-page.fr'), composes: [{ id: 'editorParent_2', account: 'sales', signature: 'salesMain', from: true }] },
    atLoad: [
      { label: 'inline forward from the support@ mailbox', html: () => outlookPage('compose-forward-inline.fr'), composes: [{ id: 'editorParent_4', account: 'support', signature: 'supportMain', from: true, quote: true }] },
    ],
    drafts: [
      { label: 'saved draft reopened in its pop-out', html: () => outlookPage('compose-draft-reopened.fr'), url: draftPopout, composes: [{ id: 'editorParent_1', account: 'sales', signature: null, from: true, text: 'Mardi vous conviendrait-il pour la visite ?' }] },
    ],
    composeButton: { html: () => inboxWithNewMail('fr'), button: (page) => page.getByRole('button', { name: 'Nouveau message' }), firstOpened: 'editorParent_opened-1' },
  },
};

/** Every webmail, each UI language its own entry (the fixtures are in one language each). */
export const composeWebmails: ComposeWebmail[] = [gmail, outlookEnglish, outlookFrench];
