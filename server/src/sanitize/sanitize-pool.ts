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
   * own, so a signature render never queues behind a batch of newsletters.
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
 * Two sets of threads: request-path tasks (a signature render) never queue behind a backlog of
 * newsletters. (Background threads at a lower scheduler priority were tried: on a busy machine
 * they starved the backlog, bodies waited for minutes before reaching readers.)
 */
export function createSanitizePool(threads = defaultSanitizeThreads()): SanitizePool {
  const pools: { now?: Piscina; later?: Piscina } = {};
  let closed = false;
  const start = () =>
    new Piscina({
      filename: new URL('./sanitize.worker.mjs', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      // Keep the threads: a cold one costs a second before its first task.
      idleTimeout: Number.POSITIVE_INFINITY,
    });
  return {
    threads,
    run<T extends PoolTask>(task: T, options: { background?: boolean } = {}): Promise<PoolResults[T['kind']]> {
      if (closed) return Promise.reject(new Error('The sanitizer pool is closed.'));
      // Both sets start together on first use, so a render never waits for a cold thread (a
      // second or more) while background threads are already warm.
      pools.now ??= start();
      pools.later ??= start();
      const pool = options.background === true ? pools.later : pools.now;
      return pool.run(task) as Promise<PoolResults[T['kind']]>;
    },
    async close() {
      closed = true;
      await Promise.all([pools.now?.close(), pools.later?.close()]);
    },
  };
}
