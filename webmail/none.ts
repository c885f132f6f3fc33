import type { WebmailAdapter } from './types';

/** The do-nothing adapter: pages we do not know, or a webmail whose layout we failed to read. */
export const noneAdapter: WebmailAdapter = {
  provider: 'none',
  userAddress: () => undefined,
  currentConversation: () => undefined,
  onConversationChanged: () => {},
  onNavigation: () => {},
  resolveMessageId: async () => undefined,
  onComposeOpened: () => {},
  openCompose: async () => undefined,
  mountMessageControl: async () => undefined,
  fetchAttachment: async () => undefined,
};
