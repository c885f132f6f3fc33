/**
 * A pool of worker threads running the one sanitizer (sanitize.task.ts), so that DOMPurify on
 * jsdom — milliseconds for a signature, tens for a styled mail body, hundreds for a newsletter —
 * never runs on the event loop that serves every other request.
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import type { PoolResults, PoolTask } from './sanitize.task';

export interface SanitizePool {
  /** Threads in the pool: how many tasks run at once. */
  readonly threads: number;
  /**
   * `runPoolTask(task)` on a worker thread. Background work (filed bodies) runs on threads of its
   * own at low priority, so a signature render never queues behind a batch of newsletters.
   */
  run<T extends PoolTask>(task: T, options?: { background?: boolean }): Promise<PoolResults[T['kind']]>;
  /** Ends the threads (waits for tasks already running); later `run` calls fail. */
  close(): Promise<void>;
}

/**
 * One thread per core but one: the main thread keeps a core for HTTP and the database (on the
 * 2-core servers we run on, that is one worker). Threads start on first use, so an app that never
 * sanitizes (most tests) never pays a worker's start-up (tsx + jsdom, about a second).
 */
export function defaultSanitizeThreads(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/**
 * The scheduler's niceness of background threads (0 normal, 19 lowest). Filed bodies can wait;
 * the requests cannot: when the machine has more runnable threads than cores, a thread at 5 gets
 * about a third of the share of one at 0, so a burst of filings competes less with its own
 * sanitizing, yet an idle core still drains the backlog at full speed. Kept mild: on a busy
 * machine a low priority starves the backlog (at 19, seen on a shared 2-core machine, bodies
 * waited for minutes), and bodies must still reach readers.
 */
const backgroundNice = 5;

/**
 * Two sets of threads: request-path tasks (a signature render) never queue behind a backlog of
 * newsletters, and the background threads run at the lowest priority (`backgroundNice`).
 */
export function createSanitizePool(threads = defaultSanitizeThreads()): SanitizePool {
  const pools: { now?: Piscina; later?: Piscina } = {};
  let closed = false;
  const start = (background: boolean) =>
    new Piscina({
      filename: new URL('./sanitize.worker.mjs', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      // Keep the threads: a cold one costs a second before its first task.
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: { nice: background ? backgroundNice : 0 },
    });
  return {
    threads,
    run<T extends PoolTask>(task: T, options: { background?: boolean } = {}): Promise<PoolResults[T['kind']]> {
      if (closed) return Promise.reject(new Error('The sanitizer pool is closed.'));
      const pool = options.background === true ? (pools.later ??= start(true)) : (pools.now ??= start(false));
      return pool.run(task) as Promise<PoolResults[T['kind']]>;
    },
    async close() {
      closed = true;
      await Promise.all([pools.now?.close(), pools.later?.close()]);
    },
  };
}
