/** What the page hands the filing store, and how one open message is identified for the API. */
import type { OpenConversation, OpenMessage } from '@/webmail/types';

/** What the page offers beyond the conversation itself. */
export interface FilingSource {
  conversation: OpenConversation;
  /** The message the user acted on (the toolbar button's); defaults to the last one. */
  focusId?: string;
  /** The signed-in webmail address, to pick the matching shared account. */
  userAddress?: string;
  /** Reads the RFC Message-ID (content script only); without it the server fingerprints. */
  resolveMessageId?: (m: OpenMessage) => Promise<string | undefined>;
  /** Reads an attachment's bytes with the page's session (content script only). */
  fetchAttachment?: (m: OpenMessage, index: number) => Promise<Blob | undefined>;
}

/** The identity of one open message as the API keys it. */
export interface ResolvedMessage {
  messageId: string | null;
  key: string;
}
