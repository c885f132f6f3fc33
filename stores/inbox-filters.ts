/** The side panel's inbox filters, and which filter a message belongs to after a change. */
import type { InboxMessage, InboxQuery } from '@/contract';

export type InboxFilter = 'open' | 'mine' | 'handled';
export const inboxFilters: readonly InboxFilter[] = ['open', 'mine', 'handled'];

/** The API query of a filter (contract/inbox.ts says what each state holds). */
export function queryOf(filter: InboxFilter): InboxQuery {
  if (filter === 'mine') return { state: 'assigned', assignee: 'me' };
  return { state: filter };
}

/** Whether the API would list `m` under `filter` for the user `meId`: what a local change keeps. */
export function belongsTo(m: InboxMessage, filter: InboxFilter, meId: string | undefined): boolean {
  const pending = m.filings.length === 0 && m.handledAt === null;
  if (filter === 'open') return pending && m.assignee === null;
  if (filter === 'mine') return pending && m.assignee !== null && m.assignee.id === meId;
  return m.handledAt !== null;
}
