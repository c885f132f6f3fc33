/**
 * A pool of worker threads running the one sanitizer (sanitize.task.ts), so that DOMPurify on
 * jsdom — milliseconds for a signature, tens for a styled mail body, hundreds for a newsletter —
 * never runs on the event loop that serves every other request.
 */
import os from 'node:os';
import { Piscina, queueOptionsSymbol, type PiscinaTask, type TaskQueue } from 'piscina';
import type { PoolResults, PoolTask } from './sanitize.task';

export interface SanitizePool {
  /** Threads in the pool: how many tasks run at once. */
  readonly threads: number;
  /**
   * `runPoolTask(task)` on a worker thread. Background work (filed bodies) waits behind every
   * request-path task, so a signature render never queues behind a batch of newsletters.
   */
  run<T extends PoolTask>(task: T, options?: { background?: boolean }): Promise<PoolResults[T['kind']]>;
  /** Ends the threads (waits for tasks already running); later `run` calls fail. */
  close(): Promise<void>;
}

/** Request-path tasks first, then background ones, each in arrival order. */
class TwoLevelQueue implements TaskQueue {
  private readonly now: PiscinaTask[] = [];
  private readonly later: PiscinaTask[] = [];
  get size() {
    return this.now.length + this.later.length;
  }
  push(task: PiscinaTask) {
    const options = task[queueOptionsSymbol] as { background?: boolean } | null;
    (options?.background ? this.later : this.now).push(task);
  }
  shift() {
    return this.now.shift() ?? this.later.shift() ?? null;
  }
  remove(task: PiscinaTask) {
    for (const list of [this.now, this.later]) {
      const i = list.indexOf(task);
      if (i >= 0) list.splice(i, 1);
    }
  }
}

/**
 * One thread per core but one: the main thread keeps a core for HTTP and the database (on the
 * 2-core servers we run on, that is one worker). Threads start on first use, so an app that never
 * sanitizes (most tests) never pays a worker's start-up (tsx + jsdom, about a second).
 */
export function defaultSanitizeThreads(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

export function createSanitizePool(threads = defaultSanitizeThreads()): SanitizePool {
  let pool: Piscina | undefined;
  let closed = false;
  return {
    threads,
    run(task, options = {}) {
      if (closed) return Promise.reject(new Error('The sanitizer pool is closed.'));
      pool ??= new Piscina({
        filename: new URL('./sanitize.worker.mjs', import.meta.url).href,
        minThreads: threads,
        maxThreads: threads,
        // Keep the threads: a cold one costs a second before its first task.
        idleTimeout: Number.POSITIVE_INFINITY,
        taskQueue: new TwoLevelQueue(),
      });
      return pool.run({ ...task, [queueOptionsSymbol]: { background: options.background === true } });
    },
    async close() {
      closed = true;
      await pool?.close();
    },
  };
}
