/**
 * The background side of filing: the persistent queue every filing goes through, and
 * the protocol handlers for filing, presence and attachment uploads. Wired into the handler map
 * by `background/handlers.ts`.
 */
import { ApiError } from '@/api/errors';
import type { ProtocolError } from '@/messaging/protocol';
import { broadcast } from './broadcast';
import type { Handlers } from './handlers';
import type { Session } from './session';
import { activeTabState } from './tabs';
import { authItem } from '@/utils/storage';
import { createFilingQueue, type FilingQueue, type FilingQueueOptions } from './filing-queue';
import { forwardResolveMessageIds } from './filing-relay';
import { createFilingWake } from './filing-wake';

export type FilingMessageName =
  | 'filings.file'
  | 'filings.unfile'
  | 'filings.submit'
  | 'filings.queue'
  | 'filings.queue.retry'
  | 'filings.queue.dismiss'
  | 'presence.put'
  | 'presence.get'
  | 'attachments.upload'
  | 'tab.resolveMessageIds';

export interface FilingBackground {
  queue: FilingQueue;
  handlers: Pick<Handlers, FilingMessageName>;
}

/**
 * Builds the queue on the session's API and starts it: whatever a previous run left (browser or
 * worker restart) is sent again at once, and again whenever the user signs in.
 */
export function createFilingBackground(session: Session, tuning: Partial<FilingQueueOptions> = {}): FilingBackground {
  // The wake callback needs the queue and the queue needs the wake: a late-bound reference.
  const ref: { queue?: FilingQueue } = {};
  const wake = createFilingWake(() => void ref.queue?.drain());
  const q = createFilingQueue({
    transport: async (req) => {
      const state = await (await session.api()).file(req);
      broadcast({ broadcast: 'filings.changed' });
      return state;
    },
    wakeAt: wake.wakeAt,
    ...tuning,
  });
  ref.queue = q;
  q.onChange(() => broadcast({ broadcast: 'filings.queueChanged' }));
  // A filing that waited for a sign-in goes as soon as there is a token again.
  authItem.watch((auth) => {
    if (auth) void q.drain({ force: true });
  });
  void q.start().catch((e: unknown) => console.error('[mailroom] filing queue start failed', e));

  const handlers: FilingBackground['handlers'] = {
    // The plain protocol call keeps its contract (the state, or the API's error) but still goes
    // through the queue, so a filing sent this way is not lost either.
    'filings.file': async (req) => {
      const outcome = await q.submit(req);
      if (outcome.status === 'filed') return outcome.state;
      throw new ApiError((outcome.item.lastError ?? { code: 'internal', message: 'Not filed yet.' }) as ProtocolError);
    },
    'filings.submit': (req) => q.submit(req),
    'filings.unfile': async ({ filingId }) => {
      await (await session.api()).unfile(filingId);
      broadcast({ broadcast: 'filings.changed' });
    },
    'filings.queue': () => q.list(),
    'filings.queue.retry': async ({ id }) => (await q.retry(id)) ?? null,
    'filings.queue.dismiss': ({ id }) => q.dismiss(id),
    'presence.put': async (req) => (await session.api()).putPresence(req),
    'presence.get': async (req) => (await session.api()).getPresence(req),
    'attachments.upload': async (req) => (await session.api()).uploadAttachment(req),
    'tab.resolveMessageIds': (req) => forwardResolveMessageIds(req, activeTabState),
  };
  return { queue: q, handlers };
}
