/**
 * The contract between in-page features and a webmail. Features speak email, never DOM: each
 * webmail (Gmail, Outlook on the web) implements this once in `webmail/<provider>/`, and every
 * selector lives in that provider's `selectors.ts`. Pattern from InboxSDK and Mailvelope.
 */
import type { MailAddress } from '@/contract/filings';

export type WebmailProvider = 'gmail' | 'outlook' | 'none';

/** Identity of a message as the page shows it; `rfcMessageId` needs `resolveMessageId`. */
export interface MessageRef {
  /** The webmail's own id for the message (Gmail: `msg-f:<decimal>`), stable across reloads. */
  providerMessageId: string;
  /** The webmail's own conversation id (Gmail: `thread-f:<decimal>`), if shown. */
  providerThreadId?: string;
}

/** A message read from the open conversation. Dates are ISO 8601 when they could be read. */
export interface OpenMessage extends MessageRef {
  subject: string;
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  date?: string;
  snippet: string;
  bodyHtml?: string;
  bodyText?: string;
  /**
   * `downloadUrl` (optional): where the page downloads the file with the user's webmail session
   * (Gmail: the URL part of the chip's `download_url`). Content is read through the adapter's
   * `fetchAttachment`, which knows how its webmail hands files out.
   */
  attachments: { name: string; size: number; contentType: string; downloadUrl?: string }[];
  /** Whether the message body is shown (expanded) or collapsed in the conversation. */
  expanded: boolean;
}

export interface OpenConversation {
  providerThreadId?: string;
  subject: string;
  messages: OpenMessage[];
}

export type ComposeKind = 'new' | 'reply' | 'forward';

/**
 * Puts one in-page control (a shadow-root app) into the slot the adapter chose; resolves with
 * what takes it out again.
 */
export type MountControl = (slot: Element) => Promise<() => void>;

/** A control the adapter mounted for a feature. */
export interface MountedControl {
  /** False once the webmail redrew or dropped the slot (webmails re-render toolbars): mount again. */
  isConnected(): boolean;
  /** Takes the control out; also done when the mount's signal aborts. */
  remove(): void;
}

/** One compose window or inline reply. Methods never throw for a closed compose: they no-op. */
export interface ComposeHandle {
  /** Stable for the life of the compose (Gmail: the `composeid` input). */
  readonly id: string;
  readonly kind: ComposeKind;
  /** The "From" address Gmail/Outlook currently shows, lower-cased. */
  getFrom(): string | undefined;
  /** The "From" choices the webmail offers (aliases), lower-cased. */
  listFromChoices(): string[];
  /** Select a "From" alias; resolves false when it is not offered. */
  setFrom(address: string): Promise<boolean>;
  /** Called when the user picks another "From" in the webmail's own menu. */
  onFromChanged(cb: (address: string) => void, signal: AbortSignal): void;
  /** The signature id we inserted (from our marker element), or undefined. */
  currentSignatureId(): string | undefined;
  /**
   * Whether this compose is a draft saved before it was found here (Gmail: its `draft` input
   * already holds an id) — reopened from Drafts, or restored when the page loads. Optional.
   * The signature feature then inserts nothing by itself, since the saved
   * HTML may hold our signature without its marker.
   */
  isSavedDraft?(): boolean;
  /**
   * Put our signature (already sanitized HTML) in the body: replaces ours in place if present,
   * else goes above the quoted text (reply/forward) or at the end (new). `null` removes ours.
   */
  setSignature(signature: { id: string; html: string } | null): void;
  /** Whether the webmail's own signature block is present in the body. */
  hasNativeSignature(): boolean;
  removeNativeSignature(): void;
  /**
   * Mounts our compose controls in this compose's toolbar, waiting as long as this webmail takes
   * to draw it. Resolves false when it has none (a layout we do not know) or the compose closed;
   * the control is removed when `signal` aborts.
   */
  mountControl(mount: MountControl, signal: AbortSignal): Promise<boolean>;
  /**
   * The compose's own box on screen (a pop-up window with its title bar, or an inline reply's
   * box), which floating controls such as the pill keep clear of. Optional: a webmail whose
   * composes never float over the page need not say.
   */
  screenArea?(): Element | undefined;
  onClosed(cb: () => void, signal: AbortSignal): void;
}

export interface WebmailAdapter {
  readonly provider: WebmailProvider;
  /** The signed-in webmail user's address, if the page shows it. */
  userAddress(): string | undefined;
  /** The conversation open now, or undefined (list view, settings...). */
  currentConversation(): OpenConversation | undefined;
  /**
   * Fires on each change after this call: a conversation opened, navigation to another, and
   * `undefined` on close. What is open at the time of the call is `currentConversation()`.
   */
  onConversationChanged(cb: (c: OpenConversation | undefined) => void, signal: AbortSignal): void;
  /**
   * Fires when the user moves within the webmail (another folder, a conversation), before the new
   * view is drawn: the page core starts loading the in-page UI then, alongside the webmail's own
   * drawing, rather than after it.
   */
  onNavigation(cb: () => void, signal: AbortSignal): void;
  /** The RFC Message-ID of a message, from the webmail's own data; undefined when unavailable. */
  resolveMessageId(ref: MessageRef): Promise<string | undefined>;
  /** Fires for every compose, including those already open when this is called. */
  onComposeOpened(cb: (c: ComposeHandle) => void, signal: AbortSignal): void;
  /** Open a new compose to these recipients; resolves with its handle. */
  openCompose(to: MailAddress[]): Promise<ComposeHandle | undefined>;
  /**
   * Mounts the per-message control ("File to record") in that message's toolbar. Resolves
   * undefined when the message has no slot (collapsed, a layout we do not know): the side panel
   * still files it. The control is removed when `signal` aborts.
   */
  mountMessageControl(ref: MessageRef, mount: MountControl, signal: AbortSignal): Promise<MountedControl | undefined>;
  /**
   * The content of attachment `index` of a message, read with the user's webmail session the way
   * the webmail's own "Download" does; undefined when it cannot be read.
   */
  fetchAttachment(message: OpenMessage, index: number): Promise<Blob | undefined>;
}

/** Thrown by a required lookup that found nothing; features catch it and degrade. */
export class SelectorError extends Error {
  override readonly name = 'SelectorError';
  constructor(
    readonly selectorName: string,
    /** A censored outline of the DOM around the miss: tags and allowed attributes, no text. */
    readonly outline: string,
  ) {
    super(`Selector "${selectorName}" found nothing`);
  }
}
