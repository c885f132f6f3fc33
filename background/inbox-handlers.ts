/**
 * The shared inbox messages. After a change made here the other pages of this browser (another
 * side panel window, say) are told at once with `inbox.changed`; other users' side panels see it
 * at their next poll (stores/inbox.ts).
 */
import { broadcast } from './broadcast';
import type { Handlers } from './handlers';
import type { Session } from './session';

type InboxMessageName = 'inbox.list' | 'inbox.assignees' | 'inbox.assign' | 'inbox.setHandled';

export function createInboxHandlers(session: Session): Pick<Handlers, InboxMessageName> {
  const api = () => session.api();
  return {
    'inbox.list': async ({ accountId, query }) => (await api()).inbox(accountId, query),
    'inbox.assignees': async ({ accountId }) => (await api()).inboxAssignees(accountId),
    'inbox.assign': async ({ accountId, messageId, userId }) => {
      const message = await (await api()).assignInbox(accountId, messageId, userId);
      broadcast({ broadcast: 'inbox.changed' });
      return message;
    },
    'inbox.setHandled': async ({ accountId, messageId, handled }) => {
      const message = await (await api()).setInboxHandled(accountId, messageId, handled);
      broadcast({ broadcast: 'inbox.changed' });
      return message;
    },
  };
}
