/**
 * Shapes of the persistent filing queue, shared by the background (which owns the queue)
 * and the UI (which shows queued filings as pending or failed). Type-only: no runtime code here, so
 * pages can import it without pulling background code in.
 */
import type { FileRequest, FilingState } from '@/contract';

/** Why the last attempt did not go through, as the API (or the transport) said it. */
export interface QueueError {
  code: string;
  message: string;
  status?: number;
  /** What the text for `code` names, and field messages: kept so the page can write it. */
  params?: Record<string, string | number>;
  fields?: Record<string, string>;
}

/**
 * One filing waiting for the API. `pending` items are retried with backoff until the API confirms;
 * `failed` items got a 4xx the API will answer again (other than 408/429): they wait for the user
 * to retry or dismiss them.
 */
export interface QueuedFiling {
  id: string;
  /** `messageKey|sorted record ids`: the same filing asked twice is queued once. */
  dedupKey: string;
  messageKey: string;
  request: FileRequest;
  status: 'pending' | 'failed';
  attempts: number;
  /** Epoch ms before which a pending item is not retried (backoff). */
  nextAttemptAt: number;
  createdAt: number;
  lastError: QueueError | null;
}

/** What submitting a filing came to: confirmed by the API now, or left in the queue. */
export type FilingOutcome =
  | { status: 'filed'; state: FilingState }
  | { status: 'queued'; item: QueuedFiling }
  | { status: 'failed'; item: QueuedFiling };
